"""Reads of Wi2013 data: scoped to the active gemeente (A-3, A-6), a constant number of queries."""

from typing import Any

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from inburgering.access import Toegang, persoon_voor
from inburgering.constants import Wet
from inburgering.messages import FS617
from inburgering.models import Persoon, Verhuizing
from signalen.models import Signaal
from signalen.selectors import signaaltellingen

from . import regels
from .models import Factuur, PvtHistorie, Wi2013Persoon


def _vertrokken_uit(gemeente) -> Exists:
    """A-6: a gemeente the person moved away from keeps the right to view (never to change)."""
    return Exists(Verhuizing.objects.filter(persoon=OuterRef("pk"), van_gemeente=gemeente))


def _met_kolommen(qs: QuerySet[Persoon], gemeente) -> QuerySet[Persoon]:
    """Wi2013 persons with their Wi2013 data and the Ja/Nee columns of "Gevonden personen"."""
    signalen = Signaal.objects.filter(persoon=OuterRef("pk"), wet=Wet.WI2013, gemeente=gemeente)
    return (
        qs.filter(wet=Wet.WI2013, wi2013__isnull=False)
        .select_related("wi2013")
        .annotate(
            voldaan=ExpressionWrapper(Q(wi2013__datum_voldaan__isnull=False), output_field=BooleanField()),
            factuur_aanwezig=Exists(Factuur.objects.filter(gegevens_id=OuterRef("pk"))),
            signaal_aanwezig=Exists(signalen),
        )
    )


def personen_wi2013(*, toegang: Toegang) -> QuerySet[Persoon]:
    """The Wi2013 persons the active gemeente may see (A-3, A-7)."""
    return _met_kolommen(Persoon.objects.zichtbaar_voor(toegang.gemeente), toegang.gemeente)


def _ja_nee(qs: QuerySet, veld: str, waarde: str) -> QuerySet:
    if waarde == "J":
        return qs.filter(**{veld: True})
    if waarde == "N":
        return qs.filter(**{veld: False})
    return qs


def zoek_personen(*, toegang: Toegang, criteria: dict[str, Any]) -> QuerySet[Persoon]:
    """13-1 (seed 000 §3.2, §3.3). A BSN ignores every other criterion; the list leaves out persons
    struck off the BRP."""
    gemeente = toegang.gemeente
    if criteria.get("bsn"):
        # The BSN search opens the person, so it reaches whoever the person screen shows.
        zichtbaar = Persoon.objects.zichtbaar_voor(gemeente) | Persoon.objects.filter(
            _vertrokken_uit(gemeente)
        )
        return _met_kolommen(zichtbaar.filter(bsn=criteria["bsn"]), gemeente)
    qs = personen_wi2013(toegang=toegang).filter(woongemeente=gemeente, uitgeschreven_uit_brp=False)
    # Verblijf: residents, or former residents who left the country (gewezen ingezetenen).
    if criteria.get("verblijf") == "gewezen":
        qs = qs.filter(datum_vertrek__isnull=False)
    else:
        qs = qs.filter(datum_vertrek__isnull=True)
    qs = _ja_nee(qs, "wi2013__pvt_plichtig", criteria.get("pvt_plichtig"))
    qs = _ja_nee(qs, "voldaan", criteria.get("voldaan"))
    qs = _ja_nee(qs, "wi2013__recht_op_mb", criteria.get("recht_op_mb"))
    for veld, lookup in (
        ("datum_pvt_plicht_vanaf", "wi2013__datum_start_pvt_plicht__gte"),
        ("datum_pvt_plicht_tm", "wi2013__datum_start_pvt_plicht__lte"),
        ("datum_deelname_vanaf", "wi2013__datum_start_deelname__gte"),
        ("datum_deelname_tm", "wi2013__datum_start_deelname__lte"),
    ):
        if criteria.get(veld):
            qs = qs.filter(**{lookup: criteria[veld]})
    if criteria.get("factuur") == "J":
        qs = qs.filter(factuur_aanwezig=True)
    elif criteria.get("factuur") == "N":
        # "Nee" finds who has no factuur yet but could get one (the rule's query form).
        qs = qs.filter(regels.factuur_mogelijk_q("wi2013__"), factuur_aanwezig=False)
    return qs


def persoon_wi2013(*, toegang: Toegang, pk: int) -> Persoon:
    """The person if the active gemeente may see them (A-3), or their old gemeente after a move (A-6)."""
    try:
        return persoon_voor(toegang=toegang, wet=Wet.WI2013, pk=pk)
    except Http404:
        if toegang.gemeente is None or not toegang.mag_lezen(Wet.WI2013):
            raise
    persoon = (
        Persoon.objects.select_related("woongemeente")
        .filter(pk=pk, wet=Wet.WI2013)
        .filter(_vertrokken_uit(toegang.gemeente))
        .first()
    )
    if persoon is None:
        raise Http404(FS617)
    return persoon


def persoonsscherm(*, toegang: Toegang, pk: int) -> tuple[Persoon, dict]:
    """Everything the person screen shows, in four queries whatever the data."""
    persoon = persoon_wi2013(toegang=toegang, pk=pk)
    gegevens = (
        Wi2013Persoon.objects.select_related("gemeente_eerste_vestiging", "gemeente_einde_pvt", "factuur")
        .prefetch_related(Prefetch("historie", queryset=PvtHistorie.objects.select_related("gemeente")))
        .filter(persoon=persoon)
        .first()
    )
    if gegevens is None:
        raise Http404("Geen Wi2013-gegevens")
    gegevens.persoon = persoon  # the rules read the person through their data; no second query
    tellingen = signaaltellingen(persoon=persoon, wet=Wet.WI2013, gemeente=toegang.gemeente)
    return persoon, {"gegevens": gegevens, "signalen": tellingen}


def factuur_van(gegevens: Wi2013Persoon) -> Factuur | None:
    """The factuur loaded with `gegevens` (select_related), without a query when there is none."""
    try:
        return gegevens.factuur
    except Factuur.DoesNotExist:
        return None
