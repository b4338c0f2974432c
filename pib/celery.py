"""The Celery application. Tasks stay thin: they receive ids and call services (DESIGN rule 6)."""

import os

from django.core.exceptions import ImproperlyConfigured

from celery import Celery

# A worker or beat never falls back to the dev settings: it names its settings (manage.py may default).
if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    raise ImproperlyConfigured("DJANGO_SETTINGS_MODULE is not set (production: pib.settings.production)")

app = Celery("pib")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
