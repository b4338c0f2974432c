"""Reads of Wi2007 data: scoped to the active gemeente (A-3), a constant number of queries."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from inburgering.access import Toegang, persoon_voor
from inburgering.constants import Wet
from inburgering.models import Persoon
from signalen.models import Signaal
from signalen.selectors import signaaltellingen

from .models import Examen, Voorziening, Wi2007Persoon


def personen_wi2007(*, toegang: Toegang) -> QuerySet[Persoon]:
    """Wi2007 persons the active gemeente may see, with their Wi2007 data and "Signaal aanwezig"."""
    gemeente = toegang.gemeente
    signalen = Signaal.objects.filter(persoon=OuterRef("pk"), wet=Wet.WI2007, gemeente=gemeente)
    return (
        Persoon.objects.zichtbaar_voor(gemeente)
        .filter(wet=Wet.WI2007, wi2007__isnull=False)
        .select_related("wi2007")
        .annotate(signaal_aanwezig=Exists(signalen))
    )


def zoek_met_nummers(*, toegang: Toegang, bsn: str, a_nummer: str) -> QuerySet[Persoon]:
    qs = personen_wi2007(toegang=toegang)
    if bsn:
        qs = qs.filter(bsn=bsn)
    if a_nummer:
        qs = qs.filter(a_nummer=a_nummer)
    return qs


def zoek_met_overige_velden(*, toegang: Toegang, criteria: dict) -> QuerySet[Persoon]:
    qs = personen_wi2007(toegang=toegang)
    # Verblijf: residents, or former residents who left the country (gewezen ingezetenen).
    if criteria.get("verblijf") == "gewezen":
        qs = qs.filter(datum_vertrek__isnull=False)
    else:
        qs = qs.filter(datum_vertrek__isnull=True)
    if criteria.get("geboortedatum_vanaf"):
        qs = qs.filter(geboortedatum__gte=criteria["geboortedatum_vanaf"])
    if criteria.get("geboortedatum_tm"):
        qs = qs.filter(geboortedatum__lte=criteria["geboortedatum_tm"])
    if criteria.get("geslacht"):
        qs = qs.filter(geslacht=criteria["geslacht"])
    if criteria.get("nationaliteit"):
        qs = qs.filter(nationaliteit__iexact=criteria["nationaliteit"].strip())
    if criteria.get("zoeken_in"):
        qs = qs.filter(wi2007__herkomst=criteria["zoeken_in"])
    return qs


def persoonsscherm(*, toegang: Toegang, pk: int) -> tuple[Persoon, dict]:
    """Everything the person screen (and its PDF) shows, in six queries whatever the data."""
    persoon = persoon_voor(toegang=toegang, wet=Wet.WI2007, pk=pk)
    gegevens = (
        Wi2007Persoon.objects.select_related(
            "handhaving_gemeente", "eerste_handhaving_gemeente", "diploma_gemeente",
            "gemeente_volledige_deelname", "gemeente_volledige_deelname_nt2",
        )
        .prefetch_related(
            Prefetch("voorzieningen", queryset=Voorziening.objects.select_related("aanbod_gemeente")),
            "vrijstellingen", "boetes",
            Prefetch("examens", queryset=Examen.objects.select_related("gemeente_behaald")),
        )
        .filter(persoon=persoon)
        .first()
    )  # fmt: skip
    if gegevens is None:
        raise Http404("Geen Wi2007-gegevens")
    tellingen = signaaltellingen(persoon=persoon, wet=Wet.WI2007, gemeente=toegang.gemeente)
    return persoon, {"gegevens": gegevens, "signalen": tellingen}
