"""S-9: daily deadline rules. Law apps register rules; the daily job runs them all.

A rule receives the day it runs for and emits signals through `signaal_uitzenden` with a fact
key that names the deadline (e.g. "SS126:<bsn>:<datum vestiging>"), so running it twice, or on
the next day for the same deadline, never emits the same signal twice.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import transaction

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Termijnregel:
    naam: str
    omschrijving: str
    uitvoeren: Callable[[date], int]  # returns how many signals it emitted


_regels: dict[str, Termijnregel] = {}


def registreer_termijnregel(regel: Termijnregel) -> None:
    _regels[regel.naam] = regel


def verwijder_termijnregel(naam: str) -> None:
    _regels.pop(naam, None)


def termijnregels() -> list[Termijnregel]:
    return sorted(_regels.values(), key=lambda r: r.naam)


def voer_termijnregels_uit(peildatum: date) -> dict[str, int]:
    """Run every rule in its own transaction; one failing rule does not stop the others."""
    resultaat: dict[str, int] = {}
    for regel in termijnregels():
        try:
            with transaction.atomic():
                resultaat[regel.naam] = regel.uitvoeren(peildatum)
        except Exception:
            logger.exception("Termijnregel %s faalde", regel.naam)
            resultaat[regel.naam] = -1
    return resultaat
