"""ISI Actief / ISI Definitief (seed 002 §3.2): derived from the person's data, in one place."""

from datetime import date

from .constants import Herkomst

AOW_LEEFTIJD = 67  # "Niet (meer) onder de werking van de Wi2007 vallen (AOW-gerechtigde leeftijd, …)"
NEDERLANDSE = "Nederlandse"


def leeftijd(geboortedatum: date, op: date) -> int:
    return op.year - geboortedatum.year - ((op.month, op.day) < (geboortedatum.month, geboortedatum.day))


def herkomst(gegevens, *, vandaag: date, voorziening_starts: list[date]) -> str:
    """ISI Definitief when, per §3.2: diploma without a voorziening, or with one that started before the
    diploma; no longer under the Wi2007 (AOW age, Dutch nationality); left the country more than a year
    ago; wholly exempted; deceased. Everyone else is ISI Actief."""
    persoon = gegevens.persoon
    if persoon.datum_overlijden:
        return Herkomst.DEFINITIEF
    if persoon.datum_vertrek and (vandaag - persoon.datum_vertrek).days > 365:
        return Herkomst.DEFINITIEF
    if NEDERLANDSE in (persoon.nationaliteit, gegevens.nationaliteit_2):
        return Herkomst.DEFINITIEF
    if persoon.geboortedatum and leeftijd(persoon.geboortedatum, vandaag) >= AOW_LEEFTIJD:
        return Herkomst.DEFINITIEF
    if gegevens.gehele_vrijstelling_duo:
        return Herkomst.DEFINITIEF
    if gegevens.diploma_behaald:
        diploma = gegevens.datum_diploma
        na_diploma = diploma is not None and any(start > diploma for start in voorziening_starts)
        if not na_diploma:
            return Herkomst.DEFINITIEF
    return Herkomst.ACTIEF
