"""Wi2007 chain events (see docs/ketenberichten.md, section Wi2007), applied through wi2007.services.

{"id": "duo-2026-1", "type": "wi2007_examenuitslag", "bsn": "111222333",
 "gegevens": {"examen": "Spreekvaardigheid", "niveau": "A2", "uitslag": "G", "datum_deelname": "2026-10-01"}}
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

from . import services
from .constants import Uitslag
from .models import Examen, Vrijstelling, Wi2007Persoon


def _waarde(veld: models.Field, naam: str, waarde: Any) -> Any:
    """A JSON value as the model field's Python value; OngeldigBericht when it cannot be one."""
    if waarde is None:
        if veld.null:
            return None
        if isinstance(veld, models.CharField):
            return ""
        raise OngeldigBericht(f"'{naam}' mag niet leeg zijn")
    if isinstance(veld, models.ForeignKey):
        return gemeente_uit(waarde, naam)
    if isinstance(veld, models.DateField):
        return datum_uit(waarde, naam)
    if isinstance(veld, models.BooleanField):
        if not isinstance(waarde, bool):
            raise OngeldigBericht(f"'{naam}' moet true of false zijn: {waarde!r}")
        return waarde
    if isinstance(veld, models.CharField):
        if not isinstance(waarde, str):
            raise OngeldigBericht(f"'{naam}' moet tekst zijn: {waarde!r}")
        codes = [code for code, _ in veld.flatchoices]
        if codes and waarde not in codes and not (waarde == "" and veld.blank):
            raise OngeldigBericht(
                f"'{naam}': ongeldige code {waarde!r} (geldig: {', '.join(c for c in codes if c)})"
            )
        return waarde
    raise OngeldigBericht(f"'{naam}' kan niet via een ketenbericht worden gewijzigd")


def _velden(model: type[models.Model], gegevens: dict, toegestaan: tuple[str, ...]) -> dict[str, Any]:
    onbekend = sorted(set(gegevens) - set(toegestaan))
    if onbekend:
        raise OngeldigBericht(f"onbekende velden: {', '.join(onbekend)}")
    return {naam: _waarde(model._meta.get_field(naam), naam, waarde) for naam, waarde in gegevens.items()}


def _wi2007_persoon(bericht: dict, *, met_gegevens: bool = True) -> Persoon:
    persoon = persoon_uit(bericht)
    if persoon.wet != Wet.WI2007:
        raise OngeldigBericht(f"BSN {persoon.bsn} valt niet onder de Wi2007")
    if met_gegevens and not Wi2007Persoon.objects.filter(persoon=persoon).exists():
        raise OngeldigBericht(f"van BSN {persoon.bsn} zijn geen Wi2007-gegevens bekend")
    return persoon


def _vereist(data: dict, *velden: str) -> None:
    ontbreekt = [veld for veld in velden if data.get(veld) in (None, "")]
    if ontbreekt:
        raise OngeldigBericht(f"verplicht: {', '.join(ontbreekt)}")


def gegevens_gewijzigd(bericht: dict) -> None:
    """wi2007_gegevens_gewijzigd: any Wi2007Persoon fields; the first one takes the person up in ISI."""
    data = _velden(Wi2007Persoon, gegevens_uit(bericht), services.VELDEN)
    services.wi2007_bijwerken(
        actor=IMPORTEUR, persoon=_wi2007_persoon(bericht, met_gegevens=False), data=data
    )


def examenuitslag(bericht: dict) -> None:
    """wi2007_examenuitslag: one exam result → an Examen row and SS065."""
    data = _velden(Examen, gegevens_uit(bericht), services.EXAMEN_VELDEN)
    _vereist(data, "examen", "uitslag", "datum_deelname")
    persoon = _wi2007_persoon(bericht)
    if "gemeente_behaald" not in data and data["uitslag"] == Uitslag.GESLAAGD:
        data["gemeente_behaald"] = persoon.woongemeente  # "gemeente waar de persoon woonde ten tijde van …"
    services.examen_registreren(actor=IMPORTEUR, persoon=persoon, data=data)


def diploma_behaald(bericht: dict) -> None:
    """wi2007_diploma_behaald: the inburgeringsdiploma → diploma fields and SS016."""
    gegevens = gegevens_uit(bericht)
    onbekend = sorted(set(gegevens) - {"datum", "niveau", "gemeente", "indicatie_geslaagd"})
    if onbekend:
        raise OngeldigBericht(f"onbekende velden: {', '.join(onbekend)}")
    _vereist(gegevens, "datum")
    persoon = _wi2007_persoon(bericht)
    niveau = _waarde(Wi2007Persoon._meta.get_field("niveau_diploma"), "niveau", gegevens.get("niveau"))
    gemeente = (
        gemeente_uit(gegevens["gemeente"], "gemeente") if gegevens.get("gemeente") else persoon.woongemeente
    )
    data = {
        "diploma_behaald": True,
        "datum_diploma": datum_uit(gegevens["datum"], "datum"),
        "niveau_diploma": niveau,
        "diploma_gemeente": gemeente,
    }
    if "indicatie_geslaagd" in gegevens:
        veld = Wi2007Persoon._meta.get_field("indicatie_geslaagd")
        data["indicatie_geslaagd"] = _waarde(veld, "indicatie_geslaagd", gegevens["indicatie_geslaagd"])
    services.wi2007_bijwerken(actor=IMPORTEUR, persoon=persoon, data=data)


def vrijstelling(bericht: dict) -> None:
    """wi2007_vrijstelling: a vrijstelling granted or ended → SS005 (tijdelijke ended), SS065 (DUO)."""
    data = _velden(Vrijstelling, gegevens_uit(bericht), services.VRIJSTELLING_VELDEN)
    _vereist(data, "soort", "verleend_door", "datum_start")
    services.vrijstelling_registreren(actor=IMPORTEUR, persoon=_wi2007_persoon(bericht), data=data)


BERICHTTYPEN = {
    "wi2007_gegevens_gewijzigd": gegevens_gewijzigd,
    "wi2007_examenuitslag": examenuitslag,
    "wi2007_diploma_behaald": diploma_behaald,
    "wi2007_vrijstelling": vrijstelling,
}


def registreer() -> None:
    """Add the Wi2007 types to the chain-event importer (call from ready(); idempotent)."""
    for soort, verwerker in BERICHTTYPEN.items():
        registreer_berichttype(soort, verwerker)
