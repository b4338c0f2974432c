"""Reads of the contactpersonen room: the gemeente's list (S-04), a caseload (S-05, S-06), block B-3 of the
overview, and the query expressions the person and signal searches use for their Contactpersoon criterion
and column (S-16, S-17, S-02, S-03). Everything is scoped to one gemeente: another gemeente's
contactpersoon is a 404."""

from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.urls import reverse

from inburgering.models import Gemeente

from . import regels
from . import regels_contactpersonen as r
from .models import Contactpersoon, Inburgeringsplicht, Koppeling, actuele_koppeling

GEEN = "geen"  # the criterion value "Geen contactpersoon gekoppeld" (persons for the algemeen contactpersoon)


def contactpersonen(gemeente: Gemeente) -> QuerySet[Contactpersoon]:
    return Contactpersoon.objects.filter(gemeente=gemeente).order_by("naam", "pk")


def met_caseload(gemeente: Gemeente) -> QuerySet[Contactpersoon]:
    """S-04 with each caseload's size (one query)."""
    return contactpersonen(gemeente).annotate(
        caseload=Count("koppelingen", filter=Q(koppelingen__ingetrokken_op__isnull=True))
    )


def contactpersoon(gemeente: Gemeente, pk: int) -> Contactpersoon:
    gevonden = Contactpersoon.objects.filter(gemeente=gemeente, pk=pk).first()
    if gevonden is None:
        raise Http404(r.CONTACT_ONBEKEND.weergave())
    return gevonden


def caseload(cp: Contactpersoon) -> QuerySet[Koppeling]:
    """S-05: the current links, newest first; legacy links without a date last (on every database)."""
    return (
        Koppeling.objects.actueel()
        .filter(contactpersoon=cp)
        .select_related("persoon")
        .order_by(F("gekoppeld_op").desc(nulls_last=True), "persoon__achternaam", "pk")
    )


def caseload_historie(cp: Contactpersoon) -> QuerySet[Koppeling]:
    """S-06: current and revoked links."""
    return (
        Koppeling.objects.filter(contactpersoon=cp)
        .select_related("persoon")
        .order_by(F("gekoppeld_op").desc(nulls_last=True), F("ingetrokken_op").desc(nulls_first=True), "pk")
    )


def caseload_aantal(cp: Contactpersoon) -> int:
    return Koppeling.objects.actueel().filter(contactpersoon=cp).count()


def huidige_koppeling(persoon, gemeente: Gemeente) -> Koppeling | None:
    return (
        Koppeling.objects.actueel()
        .filter(persoon=persoon, gemeente=gemeente)
        .select_related("contactpersoon")
        .first()
    )


def met_koppeling(plichten: QuerySet[Inburgeringsplicht], gemeente: Gemeente) -> QuerySet[Inburgeringsplicht]:
    """`plichten` with B-3's read joined in: the person's current koppeling with `gemeente` and its
    contactpersoon (`regels.situatie_van(..., lezen=...)`), so the block costs no query of its own."""
    return plichten.annotate(
        koppeling=actuele_koppeling("persoon__wi2021_koppelingen", gemeente), koppeling_gelezen=Value(True)
    ).select_related("koppeling__contactpersoon")


def blok_contactpersoon(s: regels.Situatie, *, mag_muteren: bool) -> dict[str, Any]:
    """The context of B-3 (`templates/wi2021/_blok_b3_contactpersoon.html`): the linked contactpersoon, or the
    D-22 notice; "Koppel"/"Wijzig"/"Verwijder" only for the MUT role and only where the rules allow (R-ACC-3,
    R-ACC-4). One query, none when `met_koppeling` read it with the plicht."""
    if s.plicht is not None and hasattr(s.plicht, "koppeling_gelezen"):
        koppeling = getattr(s.plicht, "koppeling", None)  # a join without a match sets nothing
    else:
        koppeling = huidige_koppeling(s.persoon, s.gemeente)
    kwargs = {"persoon": s.persoon.pk}
    koppelen = mag_muteren and r.koppelen(s).toegestaan
    return {
        "contactpersoon": koppeling.contactpersoon if koppeling else None,
        "geen_contactpersoon": r.GEEN_CONTACTPERSOON_GEKOPPELD,
        "koppel_url": reverse("wi2021:contactpersoon_koppelen", kwargs=kwargs) if koppelen else "",
        "ontkoppel_url": (
            reverse("wi2021:contactpersoon_ontkoppelen", kwargs=kwargs)
            if koppeling and mag_muteren and r.ontkoppelen(s).toegestaan
            else ""
        ),
    }


# --- expressions for the searches (persons and signals) -------------------------------------------------


def _actuele_koppeling(persoon_ref: str, gemeente_ref: str | None, gemeente: Gemeente | None) -> QuerySet:
    qs = Koppeling.objects.filter(persoon=OuterRef(persoon_ref), ingetrokken_op__isnull=True)
    return qs.filter(gemeente=OuterRef(gemeente_ref)) if gemeente_ref else qs.filter(gemeente=gemeente)


def contactpersoon_naam(
    persoon_ref: str, *, gemeente_ref: str | None = None, gemeente: Gemeente | None = None
):
    """The name of the person's current contactpersoon for that gemeente ("" column when none), as a
    subquery so a list page stays one query."""
    # At most one current link per person and gemeente (wi2021_koppeling_een_actueel): no ordering, so
    # PostgreSQL answers each row from that unique index without a sort (a list sorted on this column
    # evaluates it for every row).
    return Subquery(
        _actuele_koppeling(persoon_ref, gemeente_ref, gemeente).order_by().values("contactpersoon__naam")[:1]
    )


def met_contactpersoon(
    waarde: str, persoon_ref: str, *, gemeente_ref: str | None = None, gemeente: Gemeente | None = None
) -> Q:
    """The Contactpersoon criterion: linked to that contactpersoon, or (GEEN) to none."""
    koppelingen = _actuele_koppeling(persoon_ref, gemeente_ref, gemeente)
    if waarde == GEEN:
        return ~Exists(koppelingen)
    return Exists(koppelingen.filter(contactpersoon_id=waarde))


def contactpersoon_keuzes(gemeente: Gemeente | None, *, met_geen: bool = False) -> list[tuple[str, str]]:
    """The select of the Contactpersoon criterion: the gemeente's contactpersonen (S-02, S-16)."""
    keuzes = [("", "")]
    if met_geen:
        keuzes.append((GEEN, "Geen contactpersoon gekoppeld"))
    if gemeente is not None:
        keuzes += [(str(pk), naam) for pk, naam in contactpersonen(gemeente).values_list("pk", "naam")]
    return keuzes


def huidige_doelgroep(persoon_ref: str):
    """The doelgroep of the person's current (most recent, M-01) plicht."""
    return Subquery(
        Inburgeringsplicht.objects.filter(persoon=OuterRef(persoon_ref))
        .huidige_eerst()
        .values("doelgroep")[:1]
    )
