"""Domain events of the shared core, to which the law apps subscribe (they emit their own signals).

The core never imports a law app: a move is published here, and each law decides what it means.
Subscribers run inside the publishing transaction, so a change and its signals commit together.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .models import Gemeente, Persoon


@dataclass(frozen=True)
class Verhuizing:
    persoon: Persoon
    oude_gemeente: Gemeente | None
    nieuwe_gemeente: Gemeente
    datum: date
    feit: str


@dataclass(frozen=True)
class Overlijden:
    persoon: Persoon
    datum: date
    feit: str


@dataclass(frozen=True)
class VertrekUitNederland:
    persoon: Persoon
    datum: date
    feit: str


@dataclass(frozen=True)
class PersoonsgegevensGewijzigd:
    """Any change of DUO-owned person data, with the changed fields as {veld: [oud, nieuw]} in their
    model types (date, Gemeente, str, bool, None) — never the audit trail's formatted text."""

    persoon: Persoon
    wijzigingen: dict
    feit: str


_abonnees: dict[type, list[Callable]] = defaultdict(list)


def abonneer(soort: type, handler: Callable) -> None:
    if handler not in _abonnees[soort]:
        _abonnees[soort].append(handler)


def publiceer(gebeurtenis) -> None:
    for handler in _abonnees[type(gebeurtenis)]:
        handler(gebeurtenis)
