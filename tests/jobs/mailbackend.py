"""A file mail backend whose worker process dies at the first mail it is asked to send."""

import os
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class SterftBijDeEersteMail(EmailBackend):
    """While the file PIB_TEST_STERF exists, sending removes it and ends the process on the spot:
    no exception handler, no `finally`, no acknowledgement — as a killed or crashed worker."""

    def send_messages(self, email_messages):
        try:
            Path(os.environ["PIB_TEST_STERF"]).unlink()
        except FileNotFoundError:
            return super().send_messages(email_messages)
        os._exit(17)
