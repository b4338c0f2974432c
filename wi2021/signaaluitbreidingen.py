"""What Wi2021 adds to "Zoeken/Selecteren signalen WI2021" and its signal CSV (S-02, S-03): the criteria
Contactpersoon and Doelgroep, the columns Doelgroep and Contactpersoon. Registered in `signalen.uitbreidingen`,
because signalen may not import a law app; the expressions are this app's selectors."""

from django.db.models.lookups import Exact

from inburgering.constants import Wet
from signalen import extracten
from signalen.uitbreidingen import Criterium, Kolom, registreer_criterium, registreer_kolom

from . import selectors_contactpersonen as sel
from .constants import Doelgroep

_DOELGROEPEN = dict(
    Doelgroep.choices
)  # once: `Doelgroep.values` builds a new list on every call (per CSV row)


def _doelgroep(waarde) -> str:
    return _DOELGROEPEN.get(waarde, "")


def registreer() -> None:
    wet = Wet.WI2021
    # Per signal: its person's contactpersoon for the signal's own gemeente (a person who moved keeps the
    # old gemeente's link there, R-CP-1).
    registreer_criterium(wet, Criterium(
        naam="contactpersoon", label="Contactpersoon", na="bsn",
        keuzes=lambda gemeente: sel.contactpersoon_keuzes(gemeente, met_geen=True)[1:],
        voorwaarde=lambda waarde: sel.met_contactpersoon(waarde, "persoon", gemeente_ref="gemeente"),
    ))  # fmt: skip
    registreer_criterium(wet, Criterium(
        naam="doelgroep", label="Doelgroep", na="contactpersoon", keuzes=lambda gemeente: list(Doelgroep.choices),
        voorwaarde=lambda waarde: Exact(sel.huidige_doelgroep("persoon"), waarde),
    ))  # fmt: skip
    registreer_kolom(wet, Kolom(
        naam="doelgroep", kop="Doelgroep", na="achternaam", weergave=_doelgroep,
        expressie=lambda: sel.huidige_doelgroep("persoon"),
        legenda="doelgroep van de huidige inburgeringsplicht",
    ))  # fmt: skip
    registreer_kolom(wet, Kolom(
        naam="contactpersoon", kop="Contactpersoon", na="datum",
        expressie=lambda: sel.contactpersoon_naam("persoon", gemeente_ref="gemeente"),
        legenda="contactpersoon van uw gemeente die aan de persoon is gekoppeld (leeg: geen)",
    ))  # fmt: skip
    extracten.registreer([wet])  # the signal CSV picks up the two columns
