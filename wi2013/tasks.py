"""Thin scheduled jobs of the Wi2013; each is idempotent (see the services they call)."""

from celery import shared_task

from . import services


@shared_task
def registraties_definitief_maken() -> int:
    """13-3: registrations older than two weeks become final (a reason is cleared, history kept).
    Each person is claimed under a row lock and only while still provisional: a retry, a second run
    or a second worker finds nothing left to do."""
    return services.registraties_definitief_maken()
