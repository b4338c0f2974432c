"""Chain events (ketenberichten) from BRP, IND, COA and exams, applied through the services.

Feed format (JSON lines, one event per line; see docs/ketenberichten.md):
    {"id": "brp-2026-000123", "type": "persoon_verhuisd", "bsn": "111222333",
     "gegevens": {"naar_gemeente": "0034", "datum": "2026-11-01"}}
"""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from . import services
from .models import Gemeente, Persoon, VerwerktEvent

IMPORTEUR = "ketenberichten-import"


class OngeldigBericht(Exception):
    """A line that cannot be applied; reported with its line number, the rest goes on."""


_verwerkers: dict[str, Callable[[dict], None]] = {}


def registreer_berichttype(soort: str, verwerker: Callable[[dict], None]) -> None:
    """A law app adds its own event types (e.g. "factuur_geaccepteerd")."""
    _verwerkers[soort] = verwerker


def berichttypen() -> list[str]:
    return sorted(_verwerkers)


# Readers of a chain event's values, shared by the law apps' own event types.


def datum_uit(waarde, veld: str) -> date:
    """A date as jjjj-mm-dd, nothing else."""
    if isinstance(waarde, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", waarde):
        try:
            return date.fromisoformat(waarde)
        except ValueError:
            pass
    raise OngeldigBericht(f"'{veld}' is geen datum (jjjj-mm-dd): {waarde!r}")


def gemeente_uit(code, veld: str | None = None) -> Gemeente:
    gemeente = Gemeente.objects.filter(code=str(code).zfill(4)).first() if code not in (None, "") else None
    if gemeente is None:
        raise OngeldigBericht(f"{f'{veld!r}: ' if veld else ''}onbekende gemeentecode {code!r}")
    return gemeente


def gegevens_uit(bericht: dict, *, verplicht: bool = True) -> dict:
    gegevens = bericht.get("gegevens")
    if gegevens is None and not verplicht:
        return {}
    if not isinstance(gegevens, dict) or (verplicht and not gegevens):
        raise OngeldigBericht("'gegevens' ontbreekt of is leeg")
    return gegevens


def persoon_uit(bericht: dict) -> Persoon:
    bsn = str(bericht.get("bsn", ""))
    persoon = Persoon.objects.filter(bsn=bsn).first()
    if persoon is None:
        raise OngeldigBericht(f"onbekend BSN {bsn!r}")
    return persoon


def _ingeschreven(bericht: dict) -> None:
    gegevens = dict(bericht.get("gegevens") or {})
    gegevens["bsn"] = str(bericht.get("bsn", ""))
    for veld in ("geboortedatum", "datum_vestiging"):
        if gegevens.get(veld):
            gegevens[veld] = datum_uit(gegevens[veld], veld)
    if "woongemeente" in gegevens:
        gegevens["woongemeente"] = gemeente_uit(gegevens["woongemeente"])
    if Persoon.objects.filter(bsn=gegevens["bsn"]).exists():
        raise OngeldigBericht(f"BSN {gegevens['bsn']} is al ingeschreven")
    services.persoon_inschrijven(actor=IMPORTEUR, data=gegevens)


def _verhuisd(bericht: dict) -> None:
    gegevens = bericht.get("gegevens") or {}
    data = {
        "woongemeente": gemeente_uit(gegevens.get("naar_gemeente", "")),
        "datum_vestiging": datum_uit(gegevens.get("datum"), "datum"),
        "toekomstige_gemeente": None,
    }
    for veld in ("straat", "huisnummer", "postcode", "woonplaats"):
        if veld in gegevens:
            data[veld] = gegevens[veld]
    services.persoon_wijzigen(actor=IMPORTEUR, persoon=persoon_uit(bericht), data=data)


def _overleden(bericht: dict) -> None:
    datum = datum_uit((bericht.get("gegevens") or {}).get("datum"), "datum")
    services.persoon_wijzigen(actor=IMPORTEUR, persoon=persoon_uit(bericht), data={"datum_overlijden": datum})


def _vertrokken(bericht: dict) -> None:
    datum = datum_uit((bericht.get("gegevens") or {}).get("datum"), "datum")
    services.persoon_wijzigen(actor=IMPORTEUR, persoon=persoon_uit(bericht), data={"datum_vertrek": datum})


registreer_berichttype("persoon_ingeschreven", _ingeschreven)
registreer_berichttype("persoon_verhuisd", _verhuisd)
registreer_berichttype("persoon_overleden", _overleden)
registreer_berichttype("persoon_vertrokken_uit_nederland", _vertrokken)


@dataclass
class Verslag:
    verwerkt: int = 0
    overgeslagen: int = 0  # already applied earlier (same event id)
    fouten: list[str] = field(default_factory=list)


def verwerk_bericht(bericht: dict) -> bool:
    """Apply one event in its own transaction; False when its id was applied before."""
    if not isinstance(bericht, dict):
        raise OngeldigBericht("een regel moet één JSON-object zijn")
    event_id, soort = str(bericht.get("id") or ""), str(bericht.get("type") or "")
    if not event_id:
        raise OngeldigBericht("'id' ontbreekt")
    verwerker = _verwerkers.get(soort)
    if verwerker is None:
        raise OngeldigBericht(f"onbekend type {soort!r}")
    try:
        with transaction.atomic():
            if VerwerktEvent.objects.select_for_update().filter(event_id=event_id).exists():
                return False
            verwerker(bericht)
            VerwerktEvent.objects.create(event_id=event_id, type=soort)
    except IntegrityError:
        # A second importer applied the same id concurrently: its transaction won, ours rolled back.
        if VerwerktEvent.objects.filter(event_id=event_id).exists():
            return False
        raise
    return True


def verwerk_regels(regels: Iterable[str]) -> Verslag:
    verslag = Verslag()
    for nummer, regel in enumerate(regels, start=1):
        if not regel.strip():
            continue
        try:
            if verwerk_bericht(json.loads(regel)):
                verslag.verwerkt += 1
            else:
                verslag.overgeslagen += 1
        except json.JSONDecodeError as fout:
            verslag.fouten.append(f"regel {nummer}: geen geldige JSON ({fout.msg})")
        except OngeldigBericht as fout:
            verslag.fouten.append(f"regel {nummer}: {fout}")
        except ValidationError as fout:
            verslag.fouten.append(f"regel {nummer}: {'; '.join(fout.messages)}")
    return verslag
