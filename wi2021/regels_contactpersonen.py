"""The rules of the contactpersonen room (seed 001 §3.3, WI2021.md R-CP, §4.2 i, D-20, D-21, D-22, D-46), and
the texts the manual shows only as images (D-22), kept here as this room's catalogue.

Each action has one function returning an `Oordeel`; the services raise it, the views show it.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from inburgering.models import Gemeente
from inburgering.regels import Melding, Oordeel, weiger

from . import meldingen as m
from . import regels
from .models import Contactpersoon

# §4.2 i (and b9, reused for an unknown contactpersoon id, D-20).
EMAIL_ONGELDIG = m.melding("i1")
TELEFOON_ONGELDIG = m.melding("i2")
FOUT_OPSLAAN = m.melding("i3")
LENGTE_ONGELDIG = m.melding("i4")
VELD_VERPLICHT = m.melding("i5")
EMAIL_BESTAAT = m.melding("i6")
CONTACT_ONBEKEND = m.melding("b9")  # FS 650 "Contact onbekend"

LABELS = {
    "naam": "Naam contactpersoon",
    "telefoon": "Telefoonnummer",
    "email": "E-mailadres",
    "algemeen": "Algemeen contactpersoon",
}
LENGTES = {"naam": 100, "telefoon": 20, "email": 254}  # D-21
VERPLICHT = ("naam", "email")
TELEFOON = re.compile(r"[0-9+-]*\Z")  # "andere tekens dan cijfers, + of -" (§4.2 i2)

# Texts of our own (D-22, and where the manual gives none: koppelen, ontkoppelen, overdragen, D-46).
GEEN_CONTACTPERSONEN = "Er zijn nog geen contactpersonen voor uw gemeente geregistreerd."
GEEN_CONTACTPERSOON_GEKOPPELD = "Er is aan deze inburgeringsplichtige nog geen contactpersoon gekoppeld."
IS_ALGEMEEN = "Deze contactpersoon is de algemeen contactpersoon van uw gemeente."
ALGEMEEN_GEWIJZIGD_KOP = "Algemeen contactpersoon gewijzigd"
ALGEMEEN_GEWIJZIGD = "De toegevoegde / gewijzigde contactpersoon is vanaf nu de algemeen contactpersoon en vervangt daarmee de vorige."
VERWIJDEREN_A = "Weet u zeker dat u deze contactpersoon wilt verwijderen?"
VERWIJDEREN_B = (
    "Deze persoon is gekoppeld aan 1 of meerdere inburgeringsplichtigen.",
    "Weet u zeker dat u deze contactpersoon toch wilt verwijderen?",
    "Als u verder gaat, moet u de caseload van deze contactpersoon overdragen aan een andere contactpersoon.",
    "Anders kunt u de contactpersoon niet verwijderen.",
)
OVERDRAGEN_UITLEG = (
    "U kunt hieronder een contactpersoon bij uw gemeente selecteren om de caseload aan over te dragen. "
    "Selecteer hiervoor een contactpersoon uit de lijst. Komt de gewenste contactpersoon niet voor in de lijst? "
    "Dan moet u deze eerst"
)  # … "opvoeren." (a link to S-07)
ONTKOPPELEN_VRAAG = (
    "De koppeling tussen deze contactpersoon en inburgeringsplichtige wordt verwijderd. Weet u zeker dat u deze "
    "koppeling wilt verwijderen? De contactpersoon blijft wel geregistreerd staan in de portal. U vindt deze "
    "onder 'Contactpersonen beheren'."
)
OVERDRAGEN_VERPLICHT = Melding(
    "",
    "Deze contactpersoon heeft een caseload. Kies een contactpersoon om de caseload aan over te dragen; "
    "anders kunt u de contactpersoon niet verwijderen.",
)  # D-46
GEEN_ANDERE = Melding(
    "",
    "Er is geen andere contactpersoon om de caseload aan over te dragen. Voer eerst een contactpersoon op.",
)  # D-46: "if none exists, 'opvoeren' first"
NIET_AAN_ZICHZELF = Melding("", "Kies een andere contactpersoon dan de huidige.")
GEEN_CASELOAD = Melding("", "Deze contactpersoon heeft geen caseload om over te dragen.")
KIES_CONTACTPERSOON = Melding("", "Contactpersoon: Veld is verplicht")
AL_GEKOPPELD = Melding("", "Deze contactpersoon is al aan deze inburgeringsplichtige gekoppeld.")
NIET_GEKOPPELD = Melding("", "Aan deze inburgeringsplichtige is geen contactpersoon gekoppeld.")


def contactpersoon_gegevens(
    gemeente: Gemeente, data: Mapping[str, Any], *, eigen: Contactpersoon | None = None
) -> Oordeel:
    """§4.2 i on what was typed (S-07, S-08): required, length, e-mail, telephone, e-mail unique within the
    gemeente (case-insensitively, i6). `data` holds naam, telefoon, email (stripped strings)."""
    oordeel = Oordeel()
    for veld in ("naam", "telefoon", "email"):
        waarde = data.get(veld) or ""
        if not waarde:
            if veld in VERPLICHT:
                oordeel.voeg_toe(VELD_VERPLICHT, veld, LABELS[veld])
        elif len(waarde) > LENGTES[veld]:
            oordeel.voeg_toe(LENGTE_ONGELDIG, veld, LABELS[veld])
        elif veld == "email" and not _is_email(waarde):
            oordeel.voeg_toe(EMAIL_ONGELDIG, veld)
        elif veld == "telefoon" and not TELEFOON.match(waarde):
            oordeel.voeg_toe(TELEFOON_ONGELDIG, veld)
    email = data.get("email") or ""
    if oordeel.toegestaan and email_in_gebruik(gemeente, email, eigen=eigen):
        oordeel.voeg_toe(EMAIL_BESTAAT, "email", "", gemeente.naam, email)
    return oordeel


def _is_email(waarde: str) -> bool:
    try:
        EmailValidator()(waarde)
    except ValidationError:
        return False
    return True


def email_in_gebruik(gemeente: Gemeente, email: str, *, eigen: Contactpersoon | None = None) -> bool:
    qs = Contactpersoon.objects.filter(gemeente=gemeente, email__iexact=email)
    return (qs.exclude(pk=eigen.pk) if eigen else qs).exists()


def fout_opslaan(gemeente: Gemeente, contactpersoon_id: int | None) -> Oordeel:
    """i3: the save itself failed (&1 gemeentecode, &2 the contactpersoon's number; "nieuw" before it has one)."""
    return weiger(FOUT_OPSLAAN, None, "", gemeente.code, contactpersoon_id or "nieuw")


def contactpersoon_bekend(contactpersoon: Contactpersoon | None, veld: str = "contactpersoon") -> Oordeel:
    """D-20: a posted contactpersoon id that does not exist for the active gemeente is FS 650."""
    return Oordeel() if contactpersoon is not None else weiger(CONTACT_ONBEKEND, veld)


def verwijderen(caseload: int, naar: Contactpersoon | None, *, van: Contactpersoon) -> Oordeel:
    """R-CP-4, D-46: a contactpersoon with a caseload is deleted only together with its transfer."""
    if caseload == 0:
        return Oordeel()
    if naar is None:
        return weiger(OVERDRAGEN_VERPLICHT, "contactpersoon")
    return overdragen(van, naar, caseload)


def overdragen(van: Contactpersoon, naar: Contactpersoon | None, caseload: int) -> Oordeel:
    """S-11 / R-CP-6: to another contactpersoon of the same gemeente (FS 650 otherwise)."""
    if caseload == 0:
        return weiger(GEEN_CASELOAD)
    oordeel = contactpersoon_bekend(naar)
    if oordeel.toegestaan and naar.pk == van.pk:
        return weiger(NIET_AAN_ZICHZELF, "contactpersoon")
    return oordeel


def koppelen(s: regels.Situatie) -> Oordeel:
    """The "Koppel"/"Wijzig" of B-3 (S-12): a person the gemeente may see now, not deceased (R-ACC-3), and
    only by the current gemeente — an old gemeente in its move window keeps no new caseload (D-37)."""
    oordeel = regels.bekijken(s)
    if not oordeel.toegestaan:
        return oordeel
    if s.rol != regels.HUIDIG:
        return weiger(m.FS617)
    if s.persoon.datum_overlijden:
        return weiger(m.FS602)
    return Oordeel()


def ontkoppelen(s: regels.Situatie) -> Oordeel:
    """The "Verwijder" of B-3 (S-13): also an old gemeente may end its own link after a move; not for a
    deceased person (no mutation links, R-ACC-3)."""
    oordeel = regels.bekijken(s)
    if not oordeel.toegestaan:
        return oordeel
    if s.persoon.datum_overlijden:
        return weiger(m.FS602)
    return Oordeel()
