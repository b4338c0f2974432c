"""Wi2013 chain events (see docs/ketenberichten.md, section Wi2013), applied through wi2013.duo.

{"id": "duo-2026-7", "type": "wi2013_pvt_vastgesteld", "bsn": "111222333",
 "gegevens": {"datum_start_pvt_plicht": "2026-03-18", "datum_einde_pvt_plicht": "2027-01-17"}}
{"id": "mi-2026-8", "type": "factuur_geaccepteerd", "bsn": "111222333"}
"""

from typing import Any

from django.db import models

from inburgering.constants import Wet
from inburgering.ketenberichten import (
    IMPORTEUR,
    OngeldigBericht,
    datum_uit,
    gegevens_uit,
    gemeente_uit,
    persoon_uit,
    registreer_berichttype,
)
from inburgering.models import Persoon

from . import duo
from .constants import FactuurStatus
from .models import Factuur, Wi2013Persoon


def _waarde(naam: str, waarde: Any) -> Any:
    """A JSON value as the model field's Python value; OngeldigBericht when it cannot be one."""
    veld = Wi2013Persoon._meta.get_field(naam)
    if waarde is None:
        if veld.null:
            return None
        raise OngeldigBericht(f"'{naam}' mag niet leeg zijn")
    if isinstance(veld, models.ForeignKey):
        return gemeente_uit(waarde, naam)
    if isinstance(veld, models.DateField):
        return datum_uit(waarde, naam)
    if isinstance(veld, models.BooleanField):
        if not isinstance(waarde, bool):
            raise OngeldigBericht(f"'{naam}' moet true of false zijn: {waarde!r}")
        return waarde
    if isinstance(veld, models.PositiveSmallIntegerField):  # mb_gemeld_jaar
        if isinstance(waarde, bool) or not isinstance(waarde, int) or not 2000 <= waarde <= 2999:
            raise OngeldigBericht(f"'{naam}' moet een jaartal zijn (jjjj): {waarde!r}")
        return waarde
    raise OngeldigBericht(f"'{naam}' kan niet via een ketenbericht worden gewijzigd")  # pragma: no cover


def _velden(gegevens: dict) -> dict[str, Any]:
    onbekend = sorted(set(gegevens) - set(duo.DUO_VELDEN))
    if onbekend:
        raise OngeldigBericht(f"onbekende velden: {', '.join(onbekend)}")
    return {naam: _waarde(naam, waarde) for naam, waarde in gegevens.items()}


def _wi2013_persoon(bericht: dict) -> Persoon:
    persoon = persoon_uit(bericht)
    if persoon.wet != Wet.WI2013:
        raise OngeldigBericht(f"BSN {persoon.bsn} valt niet onder de Wi2013")
    return persoon


def _met_factuur(bericht: dict) -> Persoon:
    persoon = _wi2013_persoon(bericht)
    if not Factuur.objects.filter(gegevens__persoon=persoon).exists():
        raise OngeldigBericht(f"van BSN {persoon.bsn} is geen factuur bekend")
    return persoon


def pvt_vastgesteld(bericht: dict) -> None:
    """wi2013_pvt_vastgesteld: DUO makes the person PVT-plichtig with a term (SS601, SS608, SS609).

    `datum_start_pvt_plicht` and `datum_einde_pvt_plicht` are required; `pvt_plichtig` is Ja. The
    gemeente eerste vestiging, when not given and not yet known, is the woongemeente: "de gemeente waar
    iemand woont op het moment dat hij PVT-plichtig wordt gesteld" (seed 000 §3.4)."""
    data = _velden(gegevens_uit(bericht))
    ontbreekt = [v for v in ("datum_start_pvt_plicht", "datum_einde_pvt_plicht") if data.get(v) is None]
    if ontbreekt:
        raise OngeldigBericht(f"verplicht: {', '.join(ontbreekt)}")
    if data.setdefault("pvt_plichtig", True) is not True:
        raise OngeldigBericht("'pvt_plichtig' is bij wi2013_pvt_vastgesteld altijd true")
    persoon = _wi2013_persoon(bericht)
    bekend = Wi2013Persoon.objects.filter(persoon=persoon, gemeente_eerste_vestiging__isnull=False).exists()
    if "gemeente_eerste_vestiging" not in data and not bekend and persoon.woongemeente_id:
        data["gemeente_eerste_vestiging"] = persoon.woongemeente
    duo.wi2013_bijwerken(actor=IMPORTEUR, persoon=persoon, data=data)


def gegevens_gewijzigd(bericht: dict) -> None:
    """wi2013_gegevens_gewijzigd: any DUO-owned Wi2013 fields (SS601, SS606–SS610 as they change)."""
    data = _velden(gegevens_uit(bericht))
    duo.wi2013_bijwerken(actor=IMPORTEUR, persoon=_wi2013_persoon(bericht), data=data)


def factuur_geaccepteerd(bericht: dict) -> None:
    """factuur_geaccepteerd: the inburgeraar accepted the factuur in Mijn Inburgering (SS612)."""
    if gegevens_uit(bericht, verplicht=False):
        raise OngeldigBericht("factuur_geaccepteerd heeft geen 'gegevens'")
    duo.factuur_beoordeeld(actor=IMPORTEUR, persoon=_met_factuur(bericht), geaccepteerd=True)


def factuur_geweigerd(bericht: dict) -> None:
    """factuur_geweigerd: the inburgeraar refused the factuur in Mijn Inburgering (SS611)."""
    if gegevens_uit(bericht, verplicht=False):
        raise OngeldigBericht("factuur_geweigerd heeft geen 'gegevens'")
    duo.factuur_beoordeeld(actor=IMPORTEUR, persoon=_met_factuur(bericht), geaccepteerd=False)


def factuur_status(bericht: dict) -> None:
    """factuur_status: DUO's "Indicatie status factuur", 1–5."""
    gegevens = gegevens_uit(bericht)
    onbekend = sorted(set(gegevens) - {"status"})
    if onbekend:
        raise OngeldigBericht(f"onbekende velden: {', '.join(onbekend)}")
    status = gegevens.get("status")
    if isinstance(status, bool) or str(status) not in FactuurStatus.values:
        raise OngeldigBericht(f"'status' moet 1 tot en met 5 zijn: {status!r}")
    duo.factuur_status_bijwerken(actor=IMPORTEUR, persoon=_met_factuur(bericht), status=str(status))


BERICHTTYPEN = {
    "wi2013_pvt_vastgesteld": pvt_vastgesteld,
    "wi2013_gegevens_gewijzigd": gegevens_gewijzigd,
    "factuur_geaccepteerd": factuur_geaccepteerd,
    "factuur_geweigerd": factuur_geweigerd,
    "factuur_status": factuur_status,
}


def registreer() -> None:
    """Add the Wi2013 types to the chain-event importer (call from ready(); idempotent)."""
    for soort, verwerker in BERICHTTYPEN.items():
        registreer_berichttype(soort, verwerker)
