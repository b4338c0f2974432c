"""Settings of the worker processes of the weekly contactpersoon e-mail test (test_weekmail_worker.py): the
test run's PostgreSQL database, mail into files, small batches and short claims, and the app that kills the
first worker while it queues."""

from tests.jobs.werker_instellingen import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
INSTALLED_APPS = [*INSTALLED_APPS, "tests.jobs.sterven_bij_mailrij.SterfBijMailrij"]  # noqa: F405
WI2021_MAILRONDE_BATCH = 50
WI2021_MAILRONDE_CLAIM_SECONDEN = 3
