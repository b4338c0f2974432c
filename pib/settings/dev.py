"""`make run`: the embedded default — SQLite, Celery eager, e-mail on the console."""

from .base import *  # noqa: F403

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The embedded demo logs in with password only; `PIB_TWEE_FACTOR=true make run` shows the TOTP step.
PIB_TWEE_FACTOR = env.bool("PIB_TWEE_FACTOR", default=False)
