"""Reads for "Zoeken personen WI2021" (S-15, S-16) and "Gevonden personen" (S-17).

One row per person: their current inburgeringsplicht (the most recent, M-01; the same one
`regels.situatie` judges), with the person and the PIP joined in, so a result page costs a fixed number of
queries whatever it shows.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat

from inburgering.constants import Wet
from inburgering.models import Gemeente, Persoon, zichtbaar_voor

from .constants import Doelgroep, Leerroute
from .models import Inburgeringsplicht, LbtOntheffing, Leerbaarheidstoets, Pip, Traject, Trajectresultaat
from .selectors_aanbod import geldig_aanbod
from .selectors_contactpersonen import contactpersoon_naam, met_contactpersoon


def huidige_plichten(gemeente: Gemeente) -> QuerySet[Inburgeringsplicht]:
    """The current plicht of every Wi2021 person the gemeente sees: residents and persons COA coupled to it
    (A-3, A-7, fn 12). Persons who never had a plicht have no row (FS 655: nothing to show)."""
    later = Inburgeringsplicht.objects.filter(persoon=OuterRef("persoon")).filter(
        Q(datum_start__gt=OuterRef("datum_start"))
        | Q(datum_start=OuterRef("datum_start"), pk__gt=OuterRef("pk"))
    )
    return (
        Inburgeringsplicht.objects.filter(zichtbaar_voor(gemeente, via="persoon__"), persoon__wet=Wet.WI2021)
        .exclude(Exists(later))
        .select_related("persoon", "pip")
    )


# "Zoek personen waarvoor geldt" (S-16, D-44). Each checkbox is one condition on the current plicht; the
# later Wi2021 issues extend these functions when their data arrives, and nothing else states the rule.


def lbt_niet_afgenomen() -> Q:
    """D-44: no LBT of the current plicht has a Datum toetsafname, and the person is not ontheven (S-21)."""
    afgenomen = Leerbaarheidstoets.objects.filter(plicht=OuterRef("pk"), datum_toetsafname__isnull=False)
    return ~Q(Exists(afgenomen)) & ~Q(Exists(LbtOntheffing.objects.filter(plicht=OuterRef("pk"))))


def pip_niet_doorgegeven() -> Q:
    """No PIP registered for the current plicht. NOT EXISTS rather than the join's IS NULL: PostgreSQL
    estimates an anti-join well and a LEFT JOIN … IS NULL as one row, which made it scan every plicht of
    the country (issue 10: 700 ms at a million persons, 30 ms like this)."""
    return ~Q(Exists(Pip.objects.filter(plicht=OuterRef("pk"))))


def inburgeringsaanbod_niet_doorgegeven() -> Q:
    """D-44: no actueel or niet-actueel aanbod, and only for asielstatushouders (§3.5.2: the criterion "is
    alleen beschikbaar voor personen met de doelgroep 'Asielstatushouder'")."""
    return Q(doelgroep=Doelgroep.ASIELSTATUSHOUDER) & ~Q(geldig_aanbod(OuterRef("pk")))


def _traject_doorgegeven(traject: str) -> Exists:
    return Exists(Trajectresultaat.objects.filter(plicht=OuterRef("pk"), traject=traject))


def pvt_niet_doorgegeven() -> Q:
    """M-09: no "Datum voldaan" of the PVT (B-9) registered for the current plicht; PVT belongs to every
    plicht (R-MP-1)."""
    return ~Q(_traject_doorgegeven(Traject.PVT))


def map_niet_doorgegeven() -> Q:
    """M-09: no "Datum voldaan" of the MAP registered; D-44: never for the Onderwijsroute, where MAP is NVT
    (R-MP-1). A person without a PIP has no leerroute yet and qualifies."""
    return ~Q(pip__leerroute=Leerroute.O) & ~Q(_traject_doorgegeven(Traject.MAP))


WAARVOOR_GELDT = {
    "lbt_niet_afgenomen": lbt_niet_afgenomen,
    "pip_niet_doorgegeven": pip_niet_doorgegeven,
    "inburgeringsaanbod_niet_doorgegeven": inburgeringsaanbod_niet_doorgegeven,
    "pvt_niet_doorgegeven": pvt_niet_doorgegeven,
    "map_niet_doorgegeven": map_niet_doorgegeven,
}


def zoek_personen(*, gemeente: Gemeente, criteria: dict[str, Any]) -> QuerySet[Inburgeringsplicht]:
    """S-16: every filled criterion narrows the selection (AND); only the own gemeente is searched (D-02)."""
    # The Contactpersoon column (S-17) and criterion (S-16): the person's link for this gemeente.
    qs = huidige_plichten(gemeente).annotate(
        contactpersoon_naam=contactpersoon_naam("persoon", gemeente=gemeente)
    )
    if criteria.get("contactpersoon"):
        qs = qs.filter(met_contactpersoon(criteria["contactpersoon"], "persoon", gemeente=gemeente))
    if achternaam := (criteria.get("achternaam") or "").strip():
        # "de Vries" finds the person whose voorvoegsels are "de" as well as one typed as "Vries".
        qs = qs.annotate(
            volledige_achternaam=Concat("persoon__voorvoegsels", Value(" "), "persoon__achternaam")
        ).filter(Q(persoon__achternaam__iexact=achternaam) | Q(volledige_achternaam__iexact=achternaam))
    if criteria.get("doelgroep"):
        qs = qs.filter(doelgroep=criteria["doelgroep"])
    if criteria.get("datum_start_vanaf"):
        qs = qs.filter(datum_start__gte=criteria["datum_start_vanaf"])
    if criteria.get("datum_start_tm"):
        qs = qs.filter(datum_start__lte=criteria["datum_start_tm"])
    for naam, voorwaarde in WAARVOOR_GELDT.items():
        if criteria.get(naam):
            qs = qs.filter(voorwaarde())
    return qs.order_by("persoon__achternaam", "persoon__voornamen", "pk")


def persoon_met_bsn(bsn: str) -> Persoon | None:
    """S-15: the person behind a BSN anywhere in ISI; the rules layer decides what the gemeente may see."""
    return Persoon.objects.select_related("woongemeente").filter(bsn=bsn).first()
