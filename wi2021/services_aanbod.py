"""Writes of the inburgeringsaanbod (§3.6.7, S-33…S-35). Same shape as `wi2021.services`: every service
re-checks the MUT role (A-4), locks the person's plicht rows, asks `wi2021.regels` and raises its answer,
checks the form's version, writes the history (S-36) and the audit trail (with the confirmed attentions,
D-07). "Verwijder" never deletes: the aanbod becomes ingetrokken (D-32).

Two hooks for the PIP services: a new gemeente's PIP makes the previous gemeente's actueel aanbiedingen
niet actueel (R-ACC-8), and deleting the PIP withdraws its aanbiedingen with their uren (R-PIP-11).
"""

from typing import Any

from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import controleer_versie

from . import regels, selectors_aanbod
from .constants import Leerroute
from .models import AanbodHistorie, AanbodStatus, Inburgeringsaanbod, Inburgeringsplicht

VELDEN = ("datum_inschrijving", "datum_start", "datum_einde", "alfabetisering")


def _situatie(persoon: Persoon, gemeente: Gemeente) -> tuple[regels.Situatie, list[Inburgeringsaanbod]]:
    """The person's situation and aanbiedingen with the plicht rows locked: every writer of an aanbod (and
    the PIP services, which supersede them) takes this lock first, so two caseworkers cannot race."""
    Inburgeringsplicht.objects.select_for_update().filter(persoon=persoon).exists()
    persoon = Persoon.objects.select_related("woongemeente").get(pk=persoon.pk)
    s = regels.situatie(persoon, gemeente)
    return s, selectors_aanbod.aanbiedingen(s)


def _zoek(aanbiedingen: list[Inburgeringsaanbod], pk: int | None) -> Inburgeringsaanbod | None:
    return next((a for a in aanbiedingen if a.pk == pk), None)


def _omschrijving(tekst: str, codes: tuple[str, ...]) -> str:
    return f"{tekst} (bevestigd: {', '.join(codes)})" if codes else tekst


@transaction.atomic
def aanbod_toevoegen(
    *, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], bevestigd=()
) -> Inburgeringsaanbod:
    """S-33. `data`: instelling (an Instelling or None), soort_instelling (Onderwijsroute), datum_inschrijving,
    datum_start, datum_einde, alfabetisering."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s, aanbiedingen = _situatie(persoon, gemeente)
    regels.aanbod_toevoegen(s).vereis()
    codes = regels.aanbod_gegevens(s, data, aanbiedingen=aanbiedingen).vereis(bevestigd=bevestigd)
    instelling = data["instelling"]
    aanbod = Inburgeringsaanbod.objects.create(
        plicht=s.plicht, gemeente=gemeente, instelling=instelling, geregistreerd_op=timezone.now(),
        soort_instelling=instelling.soort if s.pip.leerroute == Leerroute.O else "",
        **{veld: data.get(veld) for veld in VELDEN},
    )  # fmt: skip
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=s.persoon, obj=aanbod,
          omschrijving=_omschrijving("Inburgeringsaanbod doorgegeven", codes),
          wijzigingen={"instelling": [None, str(instelling)],
                       **{veld: [None, getattr(aanbod, veld)] for veld in VELDEN}})  # fmt: skip
    return aanbod


@transaction.atomic
def aanbod_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, aanbod: int, data: dict[str, Any], versie: str | None,
    bevestigd=(),
) -> Inburgeringsaanbod:  # fmt: skip
    """S-34: the dates and the alfabetisering; the instelling stays (M-22). The replaced version goes to
    the history; a save that changes nothing writes nothing."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s, aanbiedingen = _situatie(persoon, gemeente)
    huidig = _zoek(aanbiedingen, aanbod)
    regels.aanbod_wijzigen(s, huidig, aanbiedingen).vereis()
    controleer_versie(huidig, versie)
    codes = regels.aanbod_gegevens(s, data, aanbiedingen=aanbiedingen, aanbod=huidig).vereis(
        bevestigd=bevestigd
    )
    oud = {veld: getattr(huidig, veld) for veld in VELDEN}
    nieuw = {veld: data.get(veld) for veld in VELDEN}
    if oud == nieuw:
        return huidig
    AanbodHistorie.objects.create(
        aanbod=huidig, gewijzigd_op=timezone.now(), gebruiker=actor.get_username(), **oud
    )
    for veld, waarde in nieuw.items():
        setattr(huidig, veld, waarde)
    huidig.save()
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=s.persoon, obj=huidig,
          omschrijving=_omschrijving("Inburgeringsaanbod gewijzigd", codes),
          wijzigingen={veld: [oud[veld], nieuw[veld]] for veld in VELDEN if oud[veld] != nieuw[veld]})  # fmt: skip
    return huidig


@transaction.atomic
def aanbod_intrekken(*, actor, gemeente: Gemeente, persoon: Persoon, aanbod: int, versie: str | None) -> None:
    """S-35 "Verwijder" (§4.2 e): the aanbod becomes ingetrokken, its uren taalles en KNM are removed."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s, aanbiedingen = _situatie(persoon, gemeente)
    huidig = _zoek(aanbiedingen, aanbod)
    regels.aanbod_intrekken(s, huidig, aanbiedingen).vereis()
    controleer_versie(huidig, versie)
    _intrekken(actor=actor, gemeente=gemeente, aanbod=huidig, omschrijving="Inburgeringsaanbod ingetrokken")


def _intrekken(*, actor, gemeente: Gemeente, aanbod: Inburgeringsaanbod, omschrijving: str) -> None:
    oud = aanbod.status
    aanbod.status = AanbodStatus.INGETROKKEN
    aanbod.ingetrokken_op = timezone.localdate()
    aanbod.save(update_fields=["status", "ingetrokken_op"])
    selectors_aanbod.uren_verwijderen(actor=actor, aanbod=aanbod)
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, persoon=aanbod.plicht.persoon, obj=aanbod,
          omschrijving=omschrijving, wijzigingen={"status": [oud, aanbod.status]})  # fmt: skip


# --- hooks of the PIP services (called inside their transaction, under their plicht lock) ------------------


def na_pip(*, actor, gemeente: Gemeente, plicht: Inburgeringsplicht) -> int:
    """R-ACC-8: when a gemeente registers or re-establishes the PIP, the actueel aanbiedingen of other
    gemeenten stop being actueel today ("datum geldig tot"); the old gemeente may still change them for 28
    days (R-ACC-6, D-03). Returns how many."""
    vandaag = timezone.localdate()
    vervangen = list(
        Inburgeringsaanbod.objects.select_for_update()
        .filter(plicht=plicht, status=AanbodStatus.ACTUEEL)
        .exclude(gemeente=gemeente)
        .select_related("plicht__persoon")
    )
    for aanbod in vervangen:
        aanbod.status, aanbod.geldig_tot = AanbodStatus.NIET_ACTUEEL, vandaag
        aanbod.save(update_fields=["status", "geldig_tot"])
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=plicht.persoon, obj=aanbod,
              omschrijving=f"Inburgeringsaanbod niet actueel: nieuw PIP van {gemeente.naam}",
              wijzigingen={"status": [AanbodStatus.ACTUEEL, aanbod.status], "geldig_tot": [None, vandaag]})  # fmt: skip
    return len(vervangen)


def na_pip_verwijderd(*, actor, gemeente: Gemeente, plicht: Inburgeringsplicht) -> int:
    """R-PIP-11: deleting the PIP "verwijdert ook de inburgeringsaanbiedingen en eventueel daaraan gekoppelde
    deelgenomen uren": each becomes ingetrokken (D-32) and loses its uren."""
    aanbiedingen = list(
        Inburgeringsaanbod.objects.select_for_update()
        .geldig()
        .filter(plicht=plicht)
        .select_related("plicht__persoon")
    )
    for aanbod in aanbiedingen:
        _intrekken(actor=actor, gemeente=gemeente, aanbod=aanbod,
                   omschrijving="Inburgeringsaanbod ingetrokken met het PIP")  # fmt: skip
    return len(aanbiedingen)
