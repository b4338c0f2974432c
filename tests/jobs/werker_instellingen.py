"""Settings of a worker *process* that a test starts and kills (test_outbox_crash.py).

It uses the test run's PostgreSQL database and writes mail into files the test reads.
"""

import os

from pib.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
DATABASES["default"]["NAME"] = os.environ["PIB_TEST_DATABASE"]  # noqa: F405
EMAIL_BACKEND = "tests.jobs.mailbackend.SterftBijDeEersteMail"
EMAIL_FILE_PATH = os.environ["PIB_TEST_MAILMAP"]
UITGAANDE_MAIL_CLAIM_SECONDEN = 3
