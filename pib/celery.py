"""The Celery application. Tasks stay thin: they receive ids and call services (DESIGN rule 6)."""

import os

from celery import Celery

if not os.environ.get("DJANGO_SETTINGS_MODULE"):  # unset or empty
    os.environ["DJANGO_SETTINGS_MODULE"] = "pib.settings.dev"

app = Celery("pib")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
