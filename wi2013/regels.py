"""13-3: the rules of "Reden niet voldaan aan PVT-plicht" (seed 000 §4.5), as data plus one check.

Each reason fixes which of the three gemeente dates must be empty, filled or may be either, and from
when it may be registered: the non-culpable reasons from two months before the end of the PVT term,
the culpable ones and "Overmacht" only after the term has passed.
"""

from dataclasses import dataclass
from datetime import date
from enum import Enum

from dateutil.relativedelta import relativedelta

from .constants import RedenNietVoldaan as R


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


def datumfouten_voor_reden(reden: str, datums: dict[str, date | None]) -> dict[str, str]:
    """{veld: message} for each date that the chosen reason requires empty or filled."""
    regel = REGELS[reden]
    label = R(reden).label
    fouten = {}
    for veld, eis in (("datum_start_deelname", regel.start_deelname), ("datum_einde_deelname", regel.einde_deelname),
                      ("datum_voldaan", regel.datum_voldaan)):  # fmt: skip
        if eis is Eis.LEEG and datums.get(veld):
            fouten[veld] = f"'{VELDNAMEN[veld]}' moet leeg zijn bij de reden '{label}'."
        elif eis is Eis.GEVULD and not datums.get(veld):
            fouten[veld] = f"'{VELDNAMEN[veld]}' moet gevuld zijn bij de reden '{label}'."
    return fouten


def termijnfout_voor_reden(reden: str, einde_pvt_plicht: date | None, vandaag: date) -> str | None:
    """The timing rule of 13-3, or None when the reason may be registered today."""
    if einde_pvt_plicht is None:
        return "Er is geen einddatum van de PVT-plicht bekend; een reden kan nog niet worden geregistreerd."
    label = R(reden).label
    if REGELS[reden].pas_na_termijn:
        if vandaag <= einde_pvt_plicht:
            return (f"De reden '{label}' kan pas worden geregistreerd nadat de PV-termijn is overschreden "
                    f"(na {einde_pvt_plicht:%d-%m-%Y}).")  # fmt: skip
    elif vandaag < einde_pvt_plicht - VOORAF:
        return (f"De reden '{label}' kan worden geregistreerd vanaf twee maanden voor het einde van de PV-termijn "
                f"(vanaf {einde_pvt_plicht - VOORAF:%d-%m-%Y}).")  # fmt: skip
    return None
