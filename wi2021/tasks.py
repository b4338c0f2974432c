from celery import shared_task

from . import services


@shared_task
def pips_definitief_maken() -> int:
    """Daily (R-PIP-10): initial PIPs registered two weeks ago become final; DUO sets the termijn (SS102)."""
    return services.pips_definitief_maken()
