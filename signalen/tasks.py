"""Thin scheduled jobs of the signals app; each is idempotent (see the modules they call)."""

from django.utils import timezone

from celery import shared_task

from . import retentie
from .termijnregels import voer_termijnregels_uit


@shared_task
def verwijder_afgehandelde_signalen() -> int:
    return retentie.verwijder_afgehandelde_signalen()


@shared_task
def schoon_niet_opgepakte_signalen() -> int:
    return retentie.schoon_niet_opgepakte_signalen()


@shared_task
def termijnregels_dagelijks() -> dict[str, int]:
    return voer_termijnregels_uit(timezone.localdate())
