"""The rules of "Waardepapieren bestellen" (seed 001 §3.9, WI2021.md S-54, R-WP, D-21, D-22, D-38).

§4.2 has no messages for this form: the field checks use the FS 999 patterns of §4.2 b and i with the field's
label; the set limits and the "more than 4 sets" attention are D-22's wording. More than 4 PVT sets is an
attention the user confirms (D-07), never a refusal.
"""

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from inburgering.regels import Oordeel

from . import meldingen as m
from .models import SoortWaardepapier

STUKS_PER_SET = {SoortWaardepapier.PVT: 25, SoortWaardepapier.Z_ROUTE: 50}  # R-WP-2, R-WP-3
MAXIMUM_SETS = {SoortWaardepapier.PVT: 40, SoortWaardepapier.Z_ROUTE: 2}
VERWACHT_PVT = 4  # more PVT sets: "hoger dan verwacht" (R-WP-2)
LABELS = {
    "naam": "Naam besteller",
    "email": "E-mailadres besteller",
    "telefoon": "Telefoonnummer besteller",
    "soort": "Soort waardepapier",
    "aantal_sets": "Aantal sets",
    "postcode": "Postcode",
    "huisnummer": "Huisnummer",
    "toevoeging": "Toevoeging",
    "straat": "Straat",
    "plaats": "Plaats",
}
LENGTES = {"naam": 100, "email": 254, "telefoon": 20, "toevoeging": 6, "straat": 100, "plaats": 80}  # D-21
VERPLICHT = ("naam", "email", "soort", "aantal_sets", "postcode", "huisnummer", "straat", "plaats")  # R-WP-5
# A Dutch postcode: four digits not starting with 0, two letters (D-21 "9999 AA"); the space is optional.
POSTCODE = re.compile(r"([1-9][0-9]{3}) ?([A-Za-z]{2})\Z")
HUISNUMMER = re.compile(r"[1-9][0-9]{0,4}\Z")  # 1–99999, ASCII digits only
TELEFOON = re.compile(r"[0-9+-]*\Z")  # §4.2 i2: digits, + or -
AANTAL = re.compile(r"[0-9]{1,3}\Z")
FORMAAT = {
    "soort": lambda waarde: waarde in SoortWaardepapier.values,
    "postcode": lambda waarde: bool(POSTCODE.match(waarde)),
    "huisnummer": lambda waarde: bool(HUISNUMMER.match(waarde)),
}


def postcode_normaal(waarde: str) -> str:
    """ "9712cp" and "9712 CP" are the same postcode: stored and shown as "9712 CP"."""
    gevonden = POSTCODE.match(waarde.strip())
    return f"{gevonden.group(1)} {gevonden.group(2).upper()}" if gevonden else waarde


def aantal_sets(waarde: str) -> int | None:
    return int(waarde) if AANTAL.match(waarde or "") else None


def bestelling(data: Mapping[str, Any]) -> Oordeel:
    """R-WP-1…R-WP-5 on what was typed (stripped strings). Each field gets its first finding."""
    oordeel = Oordeel()
    for veld in LABELS:
        waarde = data.get(veld) or ""
        if not waarde:
            if veld in VERPLICHT:
                oordeel.voeg_toe(m.VERPLICHT, veld, LABELS[veld])
        elif len(waarde) > LENGTES.get(veld, 1000):
            oordeel.voeg_toe(m.LENGTE_ONGELDIG, veld, LABELS[veld])
        elif veld == "email" and not _is_email(waarde):
            oordeel.voeg_toe(m.EMAIL_ONGELDIG, veld)
        elif veld == "telefoon" and not TELEFOON.match(waarde):
            oordeel.voeg_toe(m.TELEFOON_ONGELDIG, veld)
        elif veld in FORMAAT and not FORMAAT[veld](waarde):
            oordeel.voeg_toe(m.FORMAATFOUT, veld, LABELS[veld])
        elif veld == "aantal_sets":
            _aantal(oordeel, data.get("soort") or "", waarde)
    return oordeel


def _aantal(oordeel: Oordeel, soort: str, waarde: str) -> None:
    aantal = aantal_sets(waarde)
    if aantal is None:
        oordeel.voeg_toe(m.FORMAATFOUT, "aantal_sets", LABELS["aantal_sets"])
    elif aantal < 1:
        oordeel.voeg_toe(m.WP_MINIMAAL, "aantal_sets")
    elif soort in MAXIMUM_SETS and aantal > MAXIMUM_SETS[soort]:
        oordeel.voeg_toe(m.WP_MAXIMAAL[soort], "aantal_sets")
    elif soort == SoortWaardepapier.PVT and aantal > VERWACHT_PVT:
        oordeel.voeg_toe(m.WP_MEER_DAN_VIER, "aantal_sets")


def _is_email(waarde: str) -> bool:
    try:
        EmailValidator()(waarde)
    except ValidationError:
        return False
    return True
