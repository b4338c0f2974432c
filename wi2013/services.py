"""Writes of the Wi2013 data. Gemeente side: PVT registration (13-3) and factuur (13-4), WI2013MUT only,
in the current woongemeente only (A-6) and never for a deceased person (A-5). DUO side: finalisation."""

import re
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit, snapshot, verschillen
from inburgering.constants import Wet
from inburgering.messages import FS602
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import controleer_versie

from .constants import FACTUURBEDRAG
from .models import Factuur, PvtHistorie, Wi2013Persoon
from .regels import CORRECTIETERMIJN_DAGEN, datumfouten_voor_reden, termijnfout_voor_reden

PVT_VELDEN = ("datum_start_deelname", "datum_einde_deelname", "datum_voldaan", "reden_niet_voldaan")
NIET_WOONACHTIG = "U kunt deze gegevens niet wijzigen: de persoon woont niet (meer) in uw gemeente."
DEFINITIEF = "De registratie is definitief vastgelegd en kan niet meer worden gewijzigd."


def _mag_wijzigen(*, actor, gemeente: Gemeente, persoon: Persoon) -> None:
    """The checks every gemeente mutation of Wi2013 data repeats, in the service (A-4, A-5, A-6)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2013)
    if persoon.wet != Wet.WI2013 or persoon.woongemeente_id != gemeente.id:
        raise PermissionDenied(NIET_WOONACHTIG)
    if persoon.datum_overlijden:
        raise ValidationError(FS602, code="FS602")


def _historie(gegevens: Wi2013Persoon, *, gebruiker: str, gemeente, gebeurtenis: str) -> None:
    PvtHistorie.objects.create(
        gegevens=gegevens, gebruiker=gebruiker, gemeente=gemeente, gebeurtenis=gebeurtenis,
        datum_einde_pvt_plicht=gegevens.datum_einde_pvt_plicht,
        **{veld: getattr(gegevens, veld) for veld in PVT_VELDEN},
    )  # fmt: skip


def pvt_fouten(gegevens: Wi2013Persoon, data: dict[str, Any], vandaag) -> dict[str, list[str]]:
    """All rule violations of a PVT registration as {veld: [messages]} ('__all__' for the whole form)."""
    fouten: dict[str, list[str]] = {}

    def fout(veld: str, tekst: str) -> None:
        fouten.setdefault(veld, []).append(tekst)

    start, einde, voldaan = (
        data.get("datum_start_deelname"),
        data.get("datum_einde_deelname"),
        data.get("datum_voldaan"),
    )
    reden = data.get("reden_niet_voldaan") or ""
    for veld in ("datum_start_deelname", "datum_einde_deelname", "datum_voldaan"):
        if data.get(veld) and data[veld] > vandaag:
            fout(veld, "De datum mag niet in de toekomst liggen.")
    if einde and not start:
        fout(
            "datum_start_deelname", "Vul de datum start deelname PV-traject in als de datum einde gevuld is."
        )
    if start and einde and einde < start:
        fout("datum_einde_deelname", "De datum einde deelname ligt voor de datum start deelname.")
    if voldaan and start and voldaan < start:
        fout("datum_voldaan", "De datum voldaan ligt voor de datum start deelname PV-traject.")
    if voldaan and gegevens.datum_start_pvt_plicht and voldaan < gegevens.datum_start_pvt_plicht:
        fout("datum_voldaan", "De datum voldaan ligt voor de datum start PVT-plicht.")
    if voldaan and reden:
        fout("reden_niet_voldaan", "Vul een datum voldaan óf een reden niet voldaan in, niet allebei.")
    if reden:
        for veld, tekst in datumfouten_voor_reden(reden, data).items():
            fout(veld, tekst)
        termijn = termijnfout_voor_reden(reden, gegevens.datum_einde_pvt_plicht, vandaag)
        if termijn:
            fout("reden_niet_voldaan", termijn)
    return fouten


@transaction.atomic
def pvt_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], versie: str | None
) -> Wi2013Persoon:
    """13-3: register or correct the gemeente's four PVT fields, on the version the form was opened with.
    Raises ValidationError with per-field messages; nothing is saved unless every rule holds."""
    _mag_wijzigen(actor=actor, gemeente=gemeente, persoon=persoon)
    gegevens = Wi2013Persoon.objects.select_for_update().get(persoon=persoon)
    nieuw = {veld: data.get(veld) or (None if veld != "reden_niet_voldaan" else "") for veld in PVT_VELDEN}
    oud = snapshot(gegevens, PVT_VELDEN)
    wijzigingen = verschillen(oud, snapshot(SimpleNamespace(**nieuw), PVT_VELDEN))
    if not wijzigingen:
        return gegevens
    if gegevens.definitief:
        raise ValidationError(DEFINITIEF, code="definitief")
    # After the checks that end the dialogue: a stale form with nothing to change loses nothing, and a
    # final registration is better said at once than after a resubmit.
    controleer_versie(gegevens, versie)
    fouten = pvt_fouten(gegevens, nieuw, timezone.localdate())
    if fouten:
        raise ValidationError(fouten)
    was_geregistreerd = bool(gegevens.datum_voldaan or gegevens.reden_niet_voldaan)
    for veld, waarde in nieuw.items():
        setattr(gegevens, veld, waarde)
    registreert = bool(gegevens.datum_voldaan or gegevens.reden_niet_voldaan)
    if registreert and not was_geregistreerd:
        # The two-week correction window starts at the first registration; corrections do not extend it.
        gegevens.geregistreerd_op, gegevens.geregistreerd_door = timezone.now(), gemeente
    elif not registreert:
        gegevens.geregistreerd_op, gegevens.geregistreerd_door = None, None
    gegevens.save()
    _historie(gegevens, gebruiker=actor.get_username(), gemeente=gemeente,
              gebeurtenis="gecorrigeerd" if was_geregistreerd else "geregistreerd")  # fmt: skip
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=persoon, obj=gegevens,
          omschrijving="PVT-gegevens gewijzigd", wijzigingen=wijzigingen)  # fmt: skip
    return gegevens


def definitief_op(gegevens: Wi2013Persoon):
    return (
        gegevens.geregistreerd_op + timedelta(days=CORRECTIETERMIJN_DAGEN)
        if gegevens.geregistreerd_op
        else None
    )


def registraties_definitief_maken(nu=None) -> int:
    """Daily job (13-3): registrations older than two weeks become final. A datum voldaan stays, final;
    a reden niet voldaan is recorded in the history and then cleared, so that a second overrun of the
    term can get its own reason. Each person is claimed with a row lock; a second run finds nothing."""
    nu = nu or timezone.now()
    grens = nu - timedelta(days=CORRECTIETERMIJN_DAGEN)
    aantal = 0
    ids = list(Wi2013Persoon.objects.filter(definitief=False, geregistreerd_op__lte=grens)
               .values_list("pk", flat=True))  # fmt: skip
    for pk in ids:
        with transaction.atomic():
            gegevens = (Wi2013Persoon.objects.select_for_update(skip_locked=True)
                        .filter(pk=pk, definitief=False, geregistreerd_op__lte=grens).first())  # fmt: skip
            if gegevens is None:
                continue
            _historie(
                gegevens, gebruiker="DUO", gemeente=gegevens.geregistreerd_door, gebeurtenis="definitief"
            )
            if gegevens.datum_voldaan:
                gegevens.definitief = True
                gegevens.save(update_fields=["definitief"])
            else:
                gegevens.reden_niet_voldaan = ""
                gegevens.geregistreerd_op = None
                gegevens.save(update_fields=["reden_niet_voldaan", "geregistreerd_op"])
                _historie(
                    gegevens, gebruiker="DUO", gemeente=gegevens.geregistreerd_door, gebeurtenis="geschoond"
                )
            audit(actor="DUO", actie=AuditActie.WIJZIGEN, gemeente=gegevens.geregistreerd_door,
                  persoon=gegevens.persoon, obj=gegevens, omschrijving="PVT-registratie definitief vastgelegd")  # fmt: skip
            aantal += 1
    return aantal


# --- Factuur (13-4) -------------------------------------------------------------------------------------

GEEN_IBAN = "U kunt geen factuur invoeren, omdat er geen IBAN van uw gemeente bekend is"
GEEN_LENING_OF_VOLDAAN = (
    "U kunt alleen een factuur indienen als de inburgeraar een lening heeft bij DUO én als "
    "'Datum voldaan aan PVT-plicht' gevuld is."
)
GEEN_FACTUUR = "Geen factuur gevonden."
AL_EEN_FACTUUR = "Er is al een factuur voor deze persoon. Per persoon kan één factuur worden ingediend."
GEACCEPTEERD = (
    "De factuur is geaccepteerd door de inburgeraar en kan niet meer worden gewijzigd of verwijderd."
)
FACTUURNUMMER = (
    "Het factuurnummer mag maximaal 16 posities en moet alfanumeriek zijn. Bijvoorbeeld ABCDEF1234567890."
)
DEBITEURNUMMER = "Het debiteurnummer mag maximaal 10 posities en moet alfanumeriek zijn."


def factuur_mogelijk(gegevens: Wi2013Persoon) -> bool:
    """Whether a factuur can be submitted for this person at all (search 'Factuur aanwezig: Nee')."""
    return gegevens.lening_duo and gegevens.datum_voldaan is not None


def factuur_fouten(data: dict[str, Any], vandaag) -> dict[str, list[str]]:
    fouten: dict[str, list[str]] = {}
    if not re.fullmatch(r"[A-Za-z0-9]{1,16}", data.get("factuurnummer") or ""):
        fouten["factuurnummer"] = [FACTUURNUMMER]
    if not re.fullmatch(r"[A-Za-z0-9]{1,10}", data.get("debiteurnummer") or ""):
        fouten["debiteurnummer"] = [DEBITEURNUMMER]
    factuurdatum = data.get("factuurdatum")
    if not factuurdatum:
        fouten["factuurdatum"] = ["Het veld 'Factuurdatum' is verplicht"]
    elif factuurdatum > vandaag:
        fouten["factuurdatum"] = ["De factuurdatum mag niet in de toekomst liggen."]
    return fouten


FACTUURVELDEN = ("factuurnummer", "factuurdatum", "debiteurnummer")


@transaction.atomic
def factuur_toevoegen(*, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any]) -> Factuur:
    _mag_wijzigen(actor=actor, gemeente=gemeente, persoon=persoon)
    gegevens = Wi2013Persoon.objects.select_for_update().get(persoon=persoon)
    if Factuur.objects.filter(gegevens=gegevens).exists():
        raise ValidationError(AL_EEN_FACTUUR, code="al_een_factuur")
    if not factuur_mogelijk(gegevens):
        raise ValidationError(GEEN_LENING_OF_VOLDAAN, code="niet_mogelijk")
    if not gemeente.iban:
        raise ValidationError(GEEN_IBAN, code="geen_iban")
    fouten = factuur_fouten(data, timezone.localdate())
    if fouten:
        raise ValidationError(fouten)
    factuur = Factuur.objects.create(gegevens=gegevens, gemeente=gemeente, bedrag=FACTUURBEDRAG,
                                     **{veld: data[veld] for veld in FACTUURVELDEN})  # fmt: skip
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=persoon, obj=factuur,
          omschrijving="Factuur toegevoegd",
          wijzigingen={veld: [None, data[veld]] for veld in FACTUURVELDEN})  # fmt: skip
    return factuur


def _wijzigbare_factuur(*, actor, gemeente: Gemeente, persoon: Persoon, versie: str | None) -> Factuur:
    _mag_wijzigen(actor=actor, gemeente=gemeente, persoon=persoon)
    factuur = Factuur.objects.select_for_update().filter(gegevens__persoon=persoon).first()
    if factuur is None:
        raise ValidationError(GEEN_FACTUUR, code="geen_factuur")
    if factuur.geaccepteerd:
        raise ValidationError(GEACCEPTEERD, code="geaccepteerd")
    controleer_versie(factuur, versie)
    return factuur


@transaction.atomic
def factuur_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], versie: str | None
) -> Factuur:
    factuur = _wijzigbare_factuur(actor=actor, gemeente=gemeente, persoon=persoon, versie=versie)
    fouten = factuur_fouten(data, timezone.localdate())
    if fouten:
        raise ValidationError(fouten)
    oud = snapshot(factuur, FACTUURVELDEN)
    for veld in FACTUURVELDEN:
        setattr(factuur, veld, data[veld])
    wijzigingen = verschillen(oud, snapshot(factuur, FACTUURVELDEN))
    if wijzigingen:
        factuur.save()
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=persoon, obj=factuur,
              omschrijving="Factuur gewijzigd", wijzigingen=wijzigingen)  # fmt: skip
    return factuur


@transaction.atomic
def factuur_verwijderen(*, actor, gemeente: Gemeente, persoon: Persoon, versie: str | None) -> None:
    """Deleting is a change too: the confirmation page carries the version of the factuur it showed."""
    factuur = _wijzigbare_factuur(actor=actor, gemeente=gemeente, persoon=persoon, versie=versie)
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, persoon=persoon, obj=factuur,
          omschrijving=f"Factuur {factuur.factuurnummer} verwijderd",
          wijzigingen={veld: [str(getattr(factuur, veld)), None] for veld in FACTUURVELDEN})  # fmt: skip
    factuur.delete()
