"""Small registries through which the law apps extend the shared core without it importing them."""

from collections.abc import Callable
from dataclasses import dataclass, replace

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Onderdeel:
    """One part of the start screen "Inburgering" (seed 001 §3.1, seed 002 §3.1)."""

    titel: str
    omschrijving: str
    rollen: frozenset[str]  # shown when the user holds any of these roles for the active gemeente
    url_name: str | None = None  # None: announced, not yet available
    url_kwargs: tuple[tuple[str, str], ...] = ()
    niet_met: frozenset[str] = frozenset()  # hidden when the user holds one of these (the MUT variant)

    def zichtbaar_voor(self, rollen: frozenset[str]) -> bool:
        return bool(self.rollen & rollen) and not (self.niet_met & rollen)

    @property
    def url(self) -> str | None:
        if self.url_name is None:
            return None
        try:
            return reverse(self.url_name, kwargs=dict(self.url_kwargs))
        except NoReverseMatch:
            return None


@dataclass(frozen=True)
class NavItem:
    titel: str
    url: str
    teller: int | None = None  # e.g. the open signals of the active gemeente (S-2)
    volgorde: int = 50
    actief_pad: str = ""  # the item is marked current when the request path starts with this
    actief: bool = False


_onderdelen: dict[str, Onderdeel] = {}
_persoon_urls: dict[str, Callable] = {}
_navigatie: list[Callable] = []


def registreer_onderdeel(onderdeel: Onderdeel) -> None:
    _onderdelen[onderdeel.titel] = onderdeel


def verwijder_onderdeel(titel: str) -> None:
    _onderdelen.pop(titel, None)


def onderdelen_voor(rollen: frozenset[str]) -> list[Onderdeel]:
    """A-2: only the parts the roles for the active gemeente allow, alphabetical as in the portal."""
    return sorted(
        (o for o in _onderdelen.values() if o.zichtbaar_voor(rollen)), key=lambda o: o.titel.lower()
    )


def registreer_persoon_url(wet: str, url_voor: Callable) -> None:
    """A law app declares where "Ga naar de gegevens van deze persoon" leads for its persons."""
    _persoon_urls[wet] = url_voor


def verwijder_persoon_url(wet: str) -> None:
    _persoon_urls.pop(wet, None)


def persoon_url(wet: str, persoon) -> str | None:
    url_voor = _persoon_urls.get(wet)
    return url_voor(persoon) if url_voor else None


def registreer_navigatie(items_voor: Callable) -> None:
    """A law or shared app adds items to the navigation bar: `items_voor(request) -> list[NavItem]`."""
    if items_voor not in _navigatie:
        _navigatie.append(items_voor)


def navigatie_voor(request) -> list[NavItem]:
    items = [item for items_voor in _navigatie for item in items_voor(request)]

    def actief(item: NavItem) -> bool:
        if request.path == item.url:
            return True
        return item.actief_pad not in ("", "/") and request.path.startswith(item.actief_pad)

    return sorted((replace(item, actief=actief(item)) for item in items), key=lambda item: item.volgorde)


@dataclass(frozen=True)
class DemoAanvulling:
    """Demo data an app adds to every batch of demo persons (`seed_demo`), deterministically per seed."""

    naam: str
    # (persons as [(persoon_id, data dict, verhaal)], seed, vandaag) -> chain events (docs/ketenberichten.md)
    # to feed for them, or None. The events may come from a generator: it resumes after each event was
    # applied, so it can act through a service on what the event created (a gemeente's PIP after DUO's
    # plicht). Bulk-creates the app's data (which causes no signals); whatever signals
    # follows from the events, only for persons with `verhaal` true: their bulk data is the state before
    # the events. Must be idempotent (re-runs add nothing; event ids are fixed).
    per_batch: Callable
    samenvatting: Callable[[], str]
    # (seed, vandaag) -> None: once after all batches (e.g. the daily jobs over the new data); idempotent.
    afronden: Callable | None = None
    # ([(persoon_id, data before the move, the move's changes `DemoPersoon.verhuisd`)], seed, vandaag) ->
    # chain events to feed before the batch's moves, for the persons that move: what happened to them in
    # the gemeente they leave (e.g. a Wi2021 plicht, so the move signals to both gemeenten).
    voor_verhuizing: Callable | None = None
    # (persons, seed, vandaag) -> None: once before the first batch, with the size of the run (e.g. to keep
    # the share of costly stories bounded).
    begin: Callable | None = None


_demo: dict[str, DemoAanvulling] = {}


def registreer_demo(aanvulling: DemoAanvulling) -> None:
    _demo[aanvulling.naam] = aanvulling


def demo_aanvullingen() -> list[DemoAanvulling]:
    return list(_demo.values())
