"""S-9: daily deadline rules. Law apps register rules; the daily job runs them all.

A rule receives the day it runs for and emits signals through `signaal_uitzenden` with a fact
key that names the deadline (e.g. "SS126:<bsn>:<datum vestiging>"), so running it twice, or on
the next day for the same deadline, never emits the same signal twice.
"""

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from django.db import transaction
from django.db.models import QuerySet

from .models import UitgezondenFeit
from .services import Uitzending, feit_sleutel, signalen_uitzenden

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


CHUNK = 5000


def termijnsignalen_uitzenden(
    *, wet: str, code: str, rijen: Iterator, peildatum: date, gegevens: QuerySet
) -> int:
    """Emit `code` once per (person, term date) for a rule's candidates, set-based.

    `rijen` yields (pk, bsn, gemeentecode, termijndatum) of rows of `gegevens` (the law's data, keyed by
    person); per chunk one query finds the facts already emitted, one loads the new ones' person and
    woongemeente, and `signalen_uitzenden` records them in bulk (the same rule as `signaal_uitzenden`)."""
    aantal = 0
    while chunk := list(islice(rijen, CHUNK)):
        feiten = {pk: f"{code}:{bsn}:{datum:%Y%m%d}" for pk, bsn, _, datum in chunk}
        sleutels = {pk: feit_sleutel(feiten[pk], code, gemeente) for pk, _, gemeente, _ in chunk}
        # The facts, not the signals: retention deletes signals, the facts stay (S-7, S-9).
        bekend = set(
            UitgezondenFeit.objects.filter(feit__in=sleutels.values()).values_list("feit", flat=True)
        )
        nieuw = [pk for pk, sleutel in sleutels.items() if sleutel not in bekend]
        if not nieuw:
            continue
        ontvangers = gegevens.filter(pk__in=nieuw).values_list(
            "pk", "persoon_id", "persoon__woongemeente_id", "persoon__woongemeente__code"
        )
        aantal += signalen_uitzenden(
            Uitzending(wet=wet, code=code, persoon_id=persoon_id, gemeente_id=gemeente_id,
                       gemeentecode=gemeentecode, datum=peildatum, feit=feiten[pk])
            for pk, persoon_id, gemeente_id, gemeentecode in ontvangers.order_by("pk")
        )  # fmt: skip
    return aantal
