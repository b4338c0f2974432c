"""The rules of the advice on an aanvraag ontheffing BIO (seed 001 §3.6.14, WI2021.md R-BIO, S-46…S-48, D-24).

One function per question, each an `Oordeel`: the services raise it, the views show the button or the message
from the same answer. The advice is possible only while DUO asks for it (SS140, D-24), only once (R-BIO-4),
only by the gemeente the person now belongs to (the request went there), and not for a person no gemeente
may change any more (the common §4.2 checks, `regels.muteren`).
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import Exists, OuterRef

from inburgering.regels import Oordeel, weiger

from . import meldingen as m
from . import regels
from .constants import SoortVerzoek
from .models import BioAdvies, BioAdviesVerzoek, Contactpersoon, Verzoek

MAX_TEKENS = 1167  # fn 35 "een maximum van 1167 tekens per vraag"
VRAAGVELDEN = ("aanvullende_informatie", "omstandigheden", "schrijnend")
LABELS = {
    "contact": "Contact met de inburgeraar",
    "advies": "Advies",
    "contactpersoon": "Contactpersoon",
    "aanvullende_informatie": "Vraag 1",
    "omstandigheden": "Vraag 2",
    "schrijnend": "Vraag 3",
}


def laatste_verzoek(s: regels.Situatie) -> BioAdviesVerzoek | None:
    """The newest advice request on the person's current plicht (the one B-14 is about), with `is_besloten`
    (see `besloten`) in the same query: the overview's query count stays fixed."""
    if s.plicht is None:
        return None
    besluit = Verzoek.objects.filter(
        plicht_id=OuterRef("plicht_id"), soort=SoortVerzoek.ONTHEFFING, datum_besluit__gte=OuterRef("datum")
    )
    return (
        BioAdviesVerzoek.objects.filter(plicht=s.plicht)
        .annotate(is_besloten=Exists(besluit))
        .select_related("gemeente")
        .first()
    )


def besloten(verzoek: BioAdviesVerzoek) -> bool:
    """DUO decided on an ontheffing of this plicht on or after the day it asked the advice: the request is
    answered without the advice (seed 004 §4.4), so nothing is to be given any more."""
    if hasattr(verzoek, "is_besloten"):
        return verzoek.is_besloten
    return Verzoek.objects.filter(
        plicht_id=verzoek.plicht_id, soort=SoortVerzoek.ONTHEFFING, datum_besluit__gte=verzoek.datum
    ).exists()


def advies_geven(s: regels.Situatie, verzoek: BioAdviesVerzoek | None) -> Oordeel:
    """ "Geef door aan DUO" in B-14 and every step of S-46…S-48 (R-BIO-1, R-BIO-4, D-24)."""
    oordeel = regels.muteren(s, alleen_huidige_gemeente=True)
    if not oordeel.toegestaan:
        return oordeel
    if verzoek is None:
        return weiger(m.BIO_GEEN_VERZOEK)
    if verzoek.advies_gegeven_op is not None:
        return weiger(m.BIO_AL_GEGEVEN)
    if besloten(verzoek):
        return weiger(m.BIO_BESLOTEN)
    return Oordeel()


def tekst_lengte(tekst: str) -> int:
    """Characters as the user sees them: a line break counts once (browsers send it as CR LF)."""
    return len(tekst.replace("\r\n", "\n"))


def advies_gegevens(data: Mapping[str, Any], contactpersoon: Contactpersoon | None) -> Oordeel:
    """R-BIO-3: the contact answer, Advies and Contactpersoon required (FS 650 for an id that is not one of the
    gemeente's, D-20); the three answers required, at most 1167 characters each (FS 999 patterns of §4.2 i)."""
    oordeel = Oordeel()
    if data.get("contact") not in ("ja", "nee"):
        oordeel.voeg_toe(m.VERPLICHT, "contact", LABELS["contact"])
    if data.get("advies") not in BioAdvies.values:
        oordeel.voeg_toe(m.VERPLICHT, "advies", LABELS["advies"])
    if not data.get("contactpersoon"):
        oordeel.voeg_toe(m.VERPLICHT, "contactpersoon", LABELS["contactpersoon"])
    elif contactpersoon is None:
        oordeel.voeg_toe(m.FS650, "contactpersoon")
    for veld in VRAAGVELDEN:
        tekst = (data.get(veld) or "").strip()
        if not tekst:
            oordeel.voeg_toe(m.VERPLICHT, veld, LABELS[veld])
        elif tekst_lengte(tekst) > MAX_TEKENS:
            oordeel.voeg_toe(m.LENGTE_ONGELDIG, veld, LABELS[veld])
    return oordeel
