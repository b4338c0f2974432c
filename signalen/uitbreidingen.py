"""What a law app adds to its own signal pages and CSV without `signalen` importing it (the dependencies point
wi20xx → signalen → inburgering): extra columns, as a query expression per signal row, and extra search
criteria, as a Q per chosen value. Wi2021 registers Doelgroep and Contactpersoon this way (S-02, S-03).

A column is an annotation on the Signaal queryset (a subquery over the row's person and gemeente), so a
list page stays a constant number of queries and the column sorts in the database.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Kolom:
    naam: str  # annotation name and column key
    kop: str  # column head and CSV header
    expressie: Callable[[], Any]  # a fresh query expression over a Signaal row
    na: str  # the column it follows on the screen and in the CSV
    weergave: Callable[[Any], str] = lambda waarde: waarde or ""
    legenda: str = ""  # its line in the CSV's legenda


@dataclass(frozen=True)
class Criterium:
    naam: str
    label: str
    keuzes: Callable[[Any], list[tuple[str, str]]]  # (gemeente or None) -> choices, without the empty one
    voorwaarde: Callable[[str], Any]  # a chosen value -> a condition on Signaal (Q or a boolean expression)
    na: str  # the criterion it follows on the search form


_kolommen: dict[str, dict[str, Kolom]] = {}
_criteria: dict[str, dict[str, Criterium]] = {}


def registreer_kolom(wet: str, kolom: Kolom) -> None:
    _kolommen.setdefault(wet, {})[kolom.naam] = kolom


def registreer_criterium(wet: str, criterium: Criterium) -> None:
    _criteria.setdefault(wet, {})[criterium.naam] = criterium


def kolommen(wet: str) -> list[Kolom]:
    return list(_kolommen.get(wet, {}).values())


def criteria(wet: str) -> list[Criterium]:
    return list(_criteria.get(wet, {}).values())


def annoteer(qs: QuerySet, wet: str) -> QuerySet:
    extra = {k.naam: k.expressie() for k in kolommen(wet) if k.naam not in qs.query.annotations}
    return qs.annotate(**extra) if extra else qs


def volgorde(basis: list[str], extra: list[Any]) -> list[str]:
    """`basis` with each extra item's `naam` placed right after its `na` (at the end if `na` is absent)."""
    namen = list(basis)
    for item in extra:
        plek = namen.index(item.na) + 1 if item.na in namen else len(namen)
        namen.insert(plek, item.naam)
    return namen
