"""The Wi2013 rules layer (DESIGN "The rules layer"): for each gemeente action on a person one function that
answers "may this actor do this with this person now — and if not, which message" (an `Oordeel`).
Services raise the answer (`vereis`), views show buttons and messages from it, and the one condition
that selectors and extracts need for many persons at once ("a factuur is possible") has its query form
next to its Python form.

- PVT wijzigen (13-3): `pvt_wijzigen` (who, and not once final) and `pvt_gegevens` (the field rules,
  with the reasons of "Reden niet voldaan aan PVT-plicht" as data: `REGELS`).
- Factuur (13-4): `factuur_toevoegen`, `factuur_wijzigen`, `factuur_verwijderen` and `factuur_gegevens`;
  `factuur_mogelijk` / `factuur_mogelijk_q`.

The reasons of seed 000 §4.5: each fixes which of the three gemeente dates must be empty, filled or may
be either, and from when it may be registered: the non-culpable reasons from two months before the end
of the PVT term, the culpable ones and "Overmacht" only after the term has passed.
"""

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from inburgering.constants import Wet
from inburgering.models import Gemeente, Persoon
from inburgering.regels import Oordeel, weiger

from . import meldingen as m
from .constants import RedenNietVoldaan as R
from .models import Factuur, Wi2013Persoon


class Eis(Enum):
    LEEG = "leeg"
    GEVULD = "gevuld"
    OPTIONEEL = "optioneel"


@dataclass(frozen=True)
class Redenregel:
    start_deelname: Eis
    einde_deelname: Eis
    datum_voldaan: Eis
    pas_na_termijn: bool  # culpable reasons and Overmacht: only after the term has passed


LEEG, GEVULD, OPT = Eis.LEEG, Eis.GEVULD, Eis.OPTIONEEL
REGELS: dict[str, Redenregel] = {
    R.WEIGERT_DEELNAME: Redenregel(LEEG, LEEG, LEEG, pas_na_termijn=True),
    R.WEIGERT_ONDERTEKENING: Redenregel(GEVULD, GEVULD, LEEG, pas_na_termijn=True),
    R.REAGEERT_NIET: Redenregel(LEEG, LEEG, LEEG, pas_na_termijn=True),
    R.NIET_OPGEKOMEN: Redenregel(OPT, OPT, LEEG, pas_na_termijn=True),
    R.GEEN_AANBOD: Redenregel(LEEG, LEEG, LEEG, pas_na_termijn=False),
    R.ZIEKTE: Redenregel(OPT, OPT, LEEG, pas_na_termijn=False),
    R.DETENTIE: Redenregel(OPT, OPT, LEEG, pas_na_termijn=False),
    R.OVERMACHT: Redenregel(OPT, OPT, LEEG, pas_na_termijn=True),
}
VOORAF = relativedelta(months=2)  # non-culpable reasons may be registered from two months before the end
CORRECTIETERMIJN_DAGEN = 14  # a registration becomes final after two weeks

VELDNAMEN = {
    "datum_start_deelname": "Datum start deelname PV-traject",
    "datum_einde_deelname": "Datum einde deelname PV-traject",
    "datum_voldaan": "Datum voldaan aan PVT-plicht",
}


@dataclass(frozen=True)
class Situatie:
    """A person's Wi2013 data as one gemeente's user sees them today. `mag_muteren`: the user holds
    WI2013MUT for that gemeente (views: from the request; services: re-read by `vereis_muteren`)."""

    gegevens: Wi2013Persoon
    factuur: Factuur | None
    gemeente: Gemeente
    mag_muteren: bool
    vandaag: date

    @property
    def persoon(self) -> Persoon:
        return self.gegevens.persoon


def situatie(
    *, gegevens: Wi2013Persoon, factuur: Factuur | None, gemeente: Gemeente, mag_muteren: bool,
    vandaag: date | None = None,
) -> Situatie:  # fmt: skip
    return Situatie(gegevens=gegevens, factuur=factuur, gemeente=gemeente, mag_muteren=mag_muteren,
                    vandaag=vandaag or timezone.localdate())  # fmt: skip


def vereis(oordeel: Oordeel) -> tuple[str, ...]:
    """`Oordeel.vereis`, except that a refusal of access (no MUT role, A-4; not the woongemeente, A-6)
    is a PermissionDenied (403), as `inburgering.access` refuses a missing role."""
    for bevinding in oordeel.fouten:
        if bevinding.melding in m.TOEGANG:
            raise PermissionDenied(bevinding.tekst)
    return oordeel.vereis()


# --- Common to every gemeente mutation (A-4, A-5, A-6) -------------------------------------------------


def muteren(s: Situatie) -> Oordeel:
    """WI2013MUT (A-4), only the current woongemeente (A-6: an old gemeente keeps viewing), and never
    for a deceased person (A-5, FS 602's text)."""
    if not s.mag_muteren:
        return weiger(m.GEEN_ROL)
    if s.persoon.wet != Wet.WI2013 or s.persoon.woongemeente_id != s.gemeente.id:
        return weiger(m.NIET_WOONACHTIG)
    if s.persoon.datum_overlijden:
        return weiger(m.OVERLEDEN)
    return Oordeel()


# --- PVT wijzigen (13-3) --------------------------------------------------------------------------------


def pvt_wijzigen(s: Situatie) -> Oordeel:
    """The "Wijzigen" of the Persoonsgegevens tab: until the registration is final (two weeks after the
    first registration; a final reason opens again only when DUO sets a new term)."""
    oordeel = muteren(s)
    if oordeel.toegestaan and s.gegevens.definitief:
        return weiger(m.DEFINITIEF)
    return oordeel


def pvt_gegevens(gegevens: Wi2013Persoon, data: dict[str, Any], vandaag: date) -> Oordeel:
    """The field rules of a PVT registration on cleaned data (the four gemeente fields)."""
    oordeel = Oordeel()
    start, einde, voldaan = (data.get(veld) for veld in VELDNAMEN)
    reden = data.get("reden_niet_voldaan") or ""
    for veld in VELDNAMEN:
        if data.get(veld) and data[veld] > vandaag:
            oordeel.voeg_toe(m.DATUM_IN_TOEKOMST, veld)
    if einde and not start:
        oordeel.voeg_toe(m.START_DEELNAME_ONTBREEKT, "datum_start_deelname")
    if start and einde and einde < start:
        oordeel.voeg_toe(m.EINDE_VOOR_START, "datum_einde_deelname")
    if voldaan and start and voldaan < start:
        oordeel.voeg_toe(m.VOLDAAN_VOOR_DEELNAME, "datum_voldaan")
    if voldaan and gegevens.datum_start_pvt_plicht and voldaan < gegevens.datum_start_pvt_plicht:
        oordeel.voeg_toe(m.VOLDAAN_VOOR_PLICHT, "datum_voldaan")
    if voldaan and reden:
        oordeel.voeg_toe(m.VOLDAAN_EN_REDEN, "reden_niet_voldaan")
    if reden:
        oordeel = oordeel.en(_datums_voor_reden(reden, data)).en(
            _termijn_voor_reden(reden, gegevens.datum_einde_pvt_plicht, vandaag)
        )
    return oordeel


def _datums_voor_reden(reden: str, datums: dict[str, date | None]) -> Oordeel:
    """Each date that the chosen reason requires empty or filled."""
    regel = REGELS[reden]
    label = R(reden).label
    oordeel = Oordeel()
    for veld, eis in zip(
        VELDNAMEN, (regel.start_deelname, regel.einde_deelname, regel.datum_voldaan), strict=True
    ):
        if eis is Eis.LEEG and datums.get(veld):
            oordeel.voeg_toe(m.MOET_LEEG, veld, VELDNAMEN[veld], label)
        elif eis is Eis.GEVULD and not datums.get(veld):
            oordeel.voeg_toe(m.MOET_GEVULD, veld, VELDNAMEN[veld], label)
    return oordeel


def _termijn_voor_reden(reden: str, einde_pvt_plicht: date | None, vandaag: date) -> Oordeel:
    """From when the reason may be registered."""
    veld = "reden_niet_voldaan"
    if einde_pvt_plicht is None:
        return weiger(m.GEEN_EINDE_PVT_PLICHT, veld)
    label = R(reden).label
    if REGELS[reden].pas_na_termijn:
        if vandaag <= einde_pvt_plicht:
            return weiger(m.PAS_NA_TERMIJN, veld, "", label, f"{einde_pvt_plicht:%d-%m-%Y}")
    elif vandaag < einde_pvt_plicht - VOORAF:
        return weiger(m.VANAF_TWEE_MAANDEN, veld, "", label, f"{einde_pvt_plicht - VOORAF:%d-%m-%Y}")
    return Oordeel()


# --- Factuur (13-4) ---------------------------------------------------------------------------------------


def factuur_mogelijk(gegevens: Wi2013Persoon) -> bool:
    """Whether this person can get a factuur at all: a loan at DUO and a datum voldaan (seed 000 §4.4).
    Its query form is `factuur_mogelijk_q`; the two are tested to agree."""
    return bool(gegevens.lening_duo) and gegevens.datum_voldaan is not None


def factuur_mogelijk_q(pad: str = "") -> Q:
    """`factuur_mogelijk` as a query on Wi2013Persoon, or through a relation: `pad="wi2013__"` from Persoon.
    Used by "Zoeken personen" (Factuur aanwezig: Nee) and by column R of the PVT extract."""
    return Q(**{f"{pad}lening_duo": True, f"{pad}datum_voldaan__isnull": False})


def factuur_toevoegen(s: Situatie) -> Oordeel:
    """ "Toevoegen": one factuur per person, only when one is possible, only with the gemeente's IBAN."""
    oordeel = muteren(s)
    if not oordeel.toegestaan:
        return oordeel
    if s.factuur is not None:
        return weiger(m.AL_EEN_FACTUUR)
    if not factuur_mogelijk(s.gegevens):
        return weiger(m.GEEN_LENING_OF_VOLDAAN)
    if not s.gemeente.iban:
        return weiger(m.GEEN_IBAN)
    return oordeel


def factuur_wijzigen(s: Situatie) -> Oordeel:
    """ "Wijzigen": a factuur the inburgeraar accepted is locked (DUO pays it); a refused one may be
    corrected."""
    oordeel = muteren(s)
    if not oordeel.toegestaan:
        return oordeel
    if s.factuur is None:
        return weiger(m.GEEN_FACTUUR)
    if s.factuur.geaccepteerd:
        return weiger(m.GEACCEPTEERD)
    return oordeel


def factuur_verwijderen(s: Situatie) -> Oordeel:
    """ "Verwijderen": as changing, until the inburgeraar accepted it."""
    return factuur_wijzigen(s)


def factuur_gegevens(data: dict[str, Any], vandaag: date) -> Oordeel:
    """The field rules of a factuur, with the manual's help texts as messages."""
    oordeel = Oordeel()
    if not re.fullmatch(r"[A-Za-z0-9]{1,16}", data.get("factuurnummer") or ""):
        oordeel.voeg_toe(m.FACTUURNUMMER, "factuurnummer")
    if not re.fullmatch(r"[A-Za-z0-9]{1,10}", data.get("debiteurnummer") or ""):
        oordeel.voeg_toe(m.DEBITEURNUMMER, "debiteurnummer")
    factuurdatum = data.get("factuurdatum")
    if not factuurdatum:
        oordeel.voeg_toe(m.FACTUURDATUM_VERPLICHT, "factuurdatum")
    elif factuurdatum > vandaag:
        oordeel.voeg_toe(m.FACTUURDATUM_IN_TOEKOMST, "factuurdatum")
    return oordeel
