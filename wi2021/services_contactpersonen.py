"""Writes of the contactpersonen room (seed 001 §3.3, R-CP, D-46). Every service re-checks the MUT role (A-4),
locks what it changes, asks `wi2021.regels_contactpersonen` and raises its answer, writes the audit trail;
the e-mails about these changes are the daily digest's (`wi2021.mails_contactpersonen`), not sent from here.
"""

from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit, snapshot, verschillen
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.regels import Geweigerd, weiger
from inburgering.versie import controleer_versie

from . import regels
from . import regels_contactpersonen as r
from .models import Contactpersoon, Inburgeringsplicht, Koppeling

VELDEN = ("naam", "telefoon", "email", "algemeen")


@dataclass(frozen=True)
class Opgeslagen:
    contactpersoon: Contactpersoon
    vervangen: Contactpersoon | None  # the previous algemeen contactpersoon it replaced (S-09)


def _opgeschoond(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "naam": (data.get("naam") or "").strip(),
        "telefoon": (data.get("telefoon") or "").strip(),
        "email": (data.get("email") or "").strip(),
        "algemeen": bool(data.get("algemeen")),
    }


def _contactpersoon(gemeente: Gemeente, contactpersoon_id: int | None, *, veld: str = "contactpersoon"):
    """The gemeente's contactpersoon under a row lock, or FS 650 (D-20)."""
    gevonden = (
        Contactpersoon.objects.select_for_update().filter(pk=contactpersoon_id, gemeente=gemeente).first()
        if contactpersoon_id
        else None
    )
    r.contactpersoon_bekend(gevonden, veld).vereis()
    return gevonden


def _algemeen_vervangen(gemeente: Gemeente, nieuw_pk: int | None) -> Contactpersoon | None:
    """R-CP-3: the new algemeen contactpersoon un-marks the previous one (never reverts by itself, fn 10)."""
    vorige = (
        Contactpersoon.objects.select_for_update()
        .filter(gemeente=gemeente, algemeen=True)
        .exclude(pk=nieuw_pk)
        .first()
    )
    if vorige is not None:
        vorige.algemeen = False
        vorige.save(update_fields=["algemeen"])
    return vorige


def _opslaan(gemeente: Gemeente, cp: Contactpersoon, oud_pk: int | None) -> None:
    """The save itself; a database failure is §4.2 i3, a lost race on the unique e-mail is i6."""
    try:
        with transaction.atomic():
            cp.save()
    except IntegrityError:
        if r.email_in_gebruik(gemeente, cp.email, eigen=cp if oud_pk else None):
            weiger(r.EMAIL_BESTAAT, "email", "", gemeente.naam, cp.email).vereis()
        raise Geweigerd(r.fout_opslaan(gemeente, oud_pk).fouten) from None
    except DatabaseError:
        raise Geweigerd(r.fout_opslaan(gemeente, oud_pk).fouten) from None


@transaction.atomic
def contactpersoon_toevoegen(*, actor, gemeente: Gemeente, data: dict[str, Any]) -> Opgeslagen:
    """S-07."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    data = _opgeschoond(data)
    r.contactpersoon_gegevens(gemeente, data).vereis()
    vervangen = _algemeen_vervangen(gemeente, None) if data["algemeen"] else None
    cp = Contactpersoon(gemeente=gemeente, **data)
    _opslaan(gemeente, cp, None)
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, obj=cp,
          omschrijving="WI2021 contactpersoon toegevoegd",
          wijzigingen={veld: [None, getattr(cp, veld)] for veld in VELDEN})  # fmt: skip
    _audit_vervangen(actor, gemeente, vervangen)
    return Opgeslagen(cp, vervangen)


@transaction.atomic
def contactpersoon_wijzigen(
    *, actor, gemeente: Gemeente, contactpersoon_id: int, data: dict[str, Any], versie: str | None
) -> Opgeslagen:
    """S-08, with optimistic locking: a second caseworker's stale form is refused."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    cp = _contactpersoon(gemeente, contactpersoon_id)
    controleer_versie(cp, versie)
    data = _opgeschoond(data)
    r.contactpersoon_gegevens(gemeente, data, eigen=cp).vereis()
    oud = snapshot(cp, VELDEN)
    vervangen = _algemeen_vervangen(gemeente, cp.pk) if data["algemeen"] and not cp.algemeen else None
    for veld, waarde in data.items():
        setattr(cp, veld, waarde)
    _opslaan(gemeente, cp, cp.pk)
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, obj=cp,
          omschrijving="WI2021 contactpersoon gewijzigd", wijzigingen=verschillen(oud, snapshot(cp, VELDEN)))  # fmt: skip
    _audit_vervangen(actor, gemeente, vervangen)
    return Opgeslagen(cp, vervangen)


def _audit_vervangen(actor, gemeente: Gemeente, vervangen: Contactpersoon | None) -> None:
    if vervangen is not None:
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, obj=vervangen,
              omschrijving="WI2021 algemeen contactpersoon vervangen", wijzigingen={"algemeen": [True, False]})  # fmt: skip


def _caseload(cp: Contactpersoon) -> list[Koppeling]:
    return list(
        Koppeling.objects.actueel().select_for_update().filter(contactpersoon=cp).select_related("persoon")
    )


def _overdragen(actor, gemeente: Gemeente, van: Contactpersoon, naar: Contactpersoon, koppelingen) -> int:
    """R-CP-6: every current link moves; the old ones get Datum ingetrokken, the new ones today's Datum
    koppeling (and count as koppelingen in the receiver's digest, D-27)."""
    nu = timezone.now()
    Koppeling.objects.filter(pk__in=[k.pk for k in koppelingen]).update(ingetrokken_op=nu)
    Koppeling.objects.bulk_create(
        [
            Koppeling(persoon=k.persoon, gemeente=gemeente, contactpersoon=naar, gekoppeld_op=nu)
            for k in koppelingen
        ]
    )
    for k in koppelingen:
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=k.persoon, obj=naar,
              omschrijving="WI2021 caseload overgedragen", wijzigingen={"contactpersoon": [van.naam, naar.naam]})  # fmt: skip
    return len(koppelingen)


@transaction.atomic
def caseload_overdragen(*, actor, gemeente: Gemeente, van_id: int, naar_id: int | None) -> int:
    """S-11 from S-05: the whole caseload to another contactpersoon of the gemeente."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    van = _contactpersoon(gemeente, van_id)
    if not naar_id:
        weiger(r.KIES_CONTACTPERSOON, "contactpersoon").vereis()
    naar = _gemeentes_contactpersoon(gemeente, naar_id)
    koppelingen = _caseload(van)
    r.overdragen(van, naar, len(koppelingen)).vereis()
    return _overdragen(actor, gemeente, van, naar, koppelingen)


def _gemeentes_contactpersoon(gemeente: Gemeente, pk: int | None) -> Contactpersoon | None:
    if not pk:
        return None
    return Contactpersoon.objects.select_for_update().filter(pk=pk, gemeente=gemeente).first()


@transaction.atomic
def contactpersoon_verwijderen(
    *,
    actor,
    gemeente: Gemeente,
    contactpersoon_id: int,
    overdragen_aan: int | None = None,
    gekozen: bool = False,
) -> int:
    """S-10 (and S-11 when it has a caseload): D-46, the transfer and the deletion happen together or not
    at all. `gekozen`: the user submitted the transfer form (an empty or unknown choice is then FS 650 /
    a required field); returns the number of persons transferred."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    cp = _contactpersoon(gemeente, contactpersoon_id)
    koppelingen = _caseload(cp)
    naar = _gemeentes_contactpersoon(gemeente, overdragen_aan)
    if koppelingen and gekozen and not overdragen_aan:
        weiger(r.KIES_CONTACTPERSOON, "contactpersoon").vereis()
    if koppelingen and gekozen and naar is None:
        r.contactpersoon_bekend(None).vereis()  # FS 650
    r.verwijderen(len(koppelingen), naar, van=cp).vereis()
    overgedragen = _overdragen(actor, gemeente, cp, naar, koppelingen) if koppelingen else 0
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, obj=cp,
          omschrijving="WI2021 contactpersoon verwijderd" + (f"; caseload naar {naar.naam}" if naar else ""),
          wijzigingen={veld: [getattr(cp, veld), None] for veld in VELDEN})  # fmt: skip
    cp.delete()  # D-46: an algemeen contactpersoon leaves the gemeente without one
    return overgedragen


def _situatie(persoon: Persoon, gemeente: Gemeente) -> regels.Situatie:
    Inburgeringsplicht.objects.select_for_update().filter(persoon=persoon).exists()
    return regels.situatie(Persoon.objects.select_related("woongemeente").get(pk=persoon.pk), gemeente)


@transaction.atomic
def koppelen(*, actor, gemeente: Gemeente, persoon: Persoon, contactpersoon_id: int | None) -> Koppeling:
    """S-12: link (or re-link) the person to a contactpersoon of the gemeente; a current other link is
    revoked (one contactpersoon per person, R-CP-1)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    r.koppelen(s).vereis()
    if not contactpersoon_id:
        weiger(r.KIES_CONTACTPERSOON, "contactpersoon").vereis()
    cp = _contactpersoon(gemeente, contactpersoon_id)
    huidige = (
        Koppeling.objects.actueel().select_for_update().filter(persoon=persoon, gemeente=gemeente).first()
    )
    if huidige is not None and huidige.contactpersoon_id == cp.pk:
        weiger(r.AL_GEKOPPELD, "contactpersoon").vereis()
    nu = timezone.now()
    if huidige is not None:
        huidige.ingetrokken_op = nu
        huidige.save(update_fields=["ingetrokken_op"])
    koppeling = Koppeling.objects.create(
        persoon=persoon, gemeente=gemeente, contactpersoon=cp, gekoppeld_op=nu
    )
    audit(actor=actor, actie=AuditActie.WIJZIGEN if huidige else AuditActie.AANMAKEN, gemeente=gemeente,
          persoon=s.persoon, obj=koppeling, omschrijving="WI2021 contactpersoon gekoppeld",
          wijzigingen={"contactpersoon": [huidige.contactpersoon.naam if huidige else None, cp.naam]})  # fmt: skip
    return koppeling


@transaction.atomic
def ontkoppelen(*, actor, gemeente: Gemeente, persoon: Persoon) -> None:
    """S-13: the link ends (caseload history keeps it); the contactpersoon stays registered (R-CP-7)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    r.ontkoppelen(s).vereis()
    huidige = (
        Koppeling.objects.actueel()
        .select_for_update()
        .select_related("contactpersoon")
        .filter(persoon=persoon, gemeente=gemeente)
        .first()
    )
    if huidige is None:
        weiger(r.NIET_GEKOPPELD).vereis()
    huidige.ingetrokken_op = timezone.now()
    huidige.save(update_fields=["ingetrokken_op"])
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, persoon=s.persoon, obj=huidige,
          omschrijving="WI2021 contactpersoon ontkoppeld",
          wijzigingen={"contactpersoon": [huidige.contactpersoon.naam, None]})  # fmt: skip
