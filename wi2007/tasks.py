from celery import shared_task

from . import services


@shared_task
def herkomst_herberekenen() -> int:
    """Nightly: ISI Actief/Definitief follows the clock (AOW age, a year abroad)."""
    return services.herkomst_herberekenen_alle()
