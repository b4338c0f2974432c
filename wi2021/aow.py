"""The AOW age (D-29, SS128): one table, `data/aow_leeftijd.json`, keyed by the calendar year in which
the age is reached — the way the SVB publishes it."""

import json
from datetime import date
from functools import cache
from pathlib import Path

from dateutil.relativedelta import relativedelta

ZES_MAANDEN = relativedelta(months=6)


@cache
def _tabel() -> tuple[tuple[int, relativedelta], ...]:
    rijen = json.loads((Path(__file__).parent / "data" / "aow_leeftijd.json").read_text(encoding="utf-8"))
    return tuple(
        sorted((rij["jaar"], relativedelta(years=rij["jaren"], months=rij["maanden"])) for rij in rijen)
    )


def _leeftijd_in(jaar: int) -> relativedelta:
    geldend = _tabel()[0][1]  # years before the table: its first age
    for vanaf, leeftijd in _tabel():
        if vanaf <= jaar:
            geldend = leeftijd
    return geldend


def aow_datum(geboortedatum: date) -> date:
    """The day the person reaches the AOW age: the first age of the table that is reached in a year
    for which that age holds (born 1960-12-15 → 67 in 2027; born 1961-01-01 → 67 jaar en 3 maanden)."""
    kandidaten = sorted({geboortedatum + leeftijd for _, leeftijd in _tabel()})
    for datum in kandidaten:
        if geboortedatum + _leeftijd_in(datum.year) == datum:
            return datum
    return kandidaten[-1]  # pragma: no cover — only with a table that decreases


def bereikt_aow_binnen_zes_maanden(geboortedatum: date | None, peildatum: date) -> bool:
    """D-29: the AOW date is on or before peildatum + 6 months (calendar months, D-06)."""
    return geboortedatum is not None and aow_datum(geboortedatum) <= peildatum + ZES_MAANDEN
