"""A test app for a worker *process*: it dies while the weekly contactpersoon run queues its mails.

While the file PIB_TEST_STERF_WEEKMAIL exists, the PIB_TEST_STERF_BIJ-th outbox row this process creates
removes the file and ends the process on the spot, inside the run's batch transaction: no exception
handler, no `finally`, no acknowledgement — as a killed worker (the database rolls that batch back)."""

import os
from pathlib import Path

from django.apps import AppConfig
from django.db.models.signals import post_save


class SterfBijMailrij(AppConfig):
    name = "tests.jobs"
    label = "sterven_bij_mailrij"

    def ready(self):
        from inburgering.models import UitgaandeMail

        teller = {"n": 0}

        def misschien_sterven(sender, instance, created, **kwargs):
            if not created:
                return
            teller["n"] += 1
            if teller["n"] < int(os.environ.get("PIB_TEST_STERF_BIJ", "0") or 10**9):
                return
            try:
                Path(os.environ["PIB_TEST_STERF_WEEKMAIL"]).unlink()
            except (FileNotFoundError, KeyError):
                return
            os._exit(17)

        post_save.connect(misschien_sterven, sender=UitgaandeMail, weak=False)
