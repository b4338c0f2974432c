"""Writes of the Wi2013 data. Gemeente side: PVT registration (13-3) and factuur (13-4); each re-checks
WI2013MUT and raises the answer of its `wi2013.regels` function (woongemeente A-6, death A-5, final,
factuur possible, accepted), then the field rules, all on rows locked for the change. DUO side:
finalisation, and reopening a final reason when DUO sets a new term."""

from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit, snapshot, verschillen
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import controleer_versie

from . import regels
from .constants import FACTUURBEDRAG
from .models import Factuur, PvtHistorie, Wi2013Persoon
from .regels import CORRECTIETERMIJN_DAGEN

PVT_VELDEN = ("datum_start_deelname", "datum_einde_deelname", "datum_voldaan", "reden_niet_voldaan")


def _situatie(*, actor, gemeente: Gemeente, persoon: Persoon, factuur: Factuur | None = None,
              met_factuur: bool = False) -> regels.Situatie:  # fmt: skip
    """The role re-read from the database (A-4), then the person's data locked for the change, with the
    person as stored now (not as the caller's copy saw it)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2013)
    gegevens = (
        Wi2013Persoon.objects.select_for_update(of=("self",)).select_related("persoon").get(persoon=persoon)
    )
    if met_factuur:
        factuur = Factuur.objects.select_for_update().filter(gegevens=gegevens).first()
    return regels.situatie(gegevens=gegevens, factuur=factuur, gemeente=gemeente, mag_muteren=True)


def _historie(gegevens: Wi2013Persoon, *, gebruiker: str, gemeente, gebeurtenis: str) -> None:
    PvtHistorie.objects.create(
        gegevens=gegevens, gebruiker=gebruiker, gemeente=gemeente, gebeurtenis=gebeurtenis,
        datum_einde_pvt_plicht=gegevens.datum_einde_pvt_plicht,
        **{veld: getattr(gegevens, veld) for veld in PVT_VELDEN},
    )  # fmt: skip


def is_geregistreerd(gegevens) -> bool:
    """A datum voldaan or a reden niet voldaan stands: the two-week window runs (13-3)."""
    return bool(gegevens.datum_voldaan or gegevens.reden_niet_voldaan)


@transaction.atomic
def pvt_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], versie: str | None
) -> Wi2013Persoon:
    """13-3: register or correct the gemeente's four PVT fields, on the version the form was opened with.
    Raises `Geweigerd` (per field) or PermissionDenied; nothing is saved unless every rule holds."""
    s = _situatie(actor=actor, gemeente=gemeente, persoon=persoon)
    gegevens = s.gegevens
    regels.vereis(regels.muteren(s))
    nieuw = {veld: data.get(veld) or (None if veld != "reden_niet_voldaan" else "") for veld in PVT_VELDEN}
    oud = snapshot(gegevens, PVT_VELDEN)
    wijzigingen = verschillen(oud, snapshot(SimpleNamespace(**nieuw), PVT_VELDEN))
    if not wijzigingen:
        return gegevens
    # After the checks that end the dialogue: a stale or final form with nothing to change loses nothing,
    # and a final registration is better said at once than after a resubmit.
    regels.vereis(regels.pvt_wijzigen(s))
    controleer_versie(gegevens, versie)
    regels.vereis(regels.pvt_gegevens(gegevens, nieuw, s.vandaag))
    was_geregistreerd, had_voldaan = is_geregistreerd(gegevens), gegevens.datum_voldaan is not None
    einde_pvt_voor = snapshot(gegevens, ["gemeente_einde_pvt"])
    for veld, waarde in nieuw.items():
        setattr(gegevens, veld, waarde)
    nu = timezone.now()
    if is_geregistreerd(gegevens) and not was_geregistreerd and not _venster_loopt(gegevens, nu):
        # The two-week window starts at the first registration. Corrections do not extend it, and
        # neither does emptying the fields and registering again while it runs.
        gegevens.geregistreerd_op, gegevens.geregistreerd_door = nu, gemeente
    _gemeente_einde_pvt(gegevens, gemeente, had_voldaan=had_voldaan)
    wijzigingen |= verschillen(einde_pvt_voor, snapshot(gegevens, ["gemeente_einde_pvt"]))
    gegevens.save()
    _historie(gegevens, gebruiker=actor.get_username(), gemeente=gemeente,
              gebeurtenis="gecorrigeerd" if was_geregistreerd else "geregistreerd")  # fmt: skip
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=persoon, obj=gegevens,
          omschrijving="PVT-gegevens gewijzigd", wijzigingen=wijzigingen)  # fmt: skip
    return gegevens


def _venster_loopt(gegevens: Wi2013Persoon, nu: datetime) -> bool:
    return gegevens.geregistreerd_op is not None and nu < definitief_op(gegevens)


def _gemeente_einde_pvt(gegevens: Wi2013Persoon, gemeente: Gemeente, *, had_voldaan: bool) -> None:
    """Seed 000 §4.4: "Gemeente Einde PVT is de gemeente waar de participatieverklaring ondertekend is en
    daarmee aan de PVT-plicht is voldaan" — the gemeente that registers the datum voldaan. Removing the
    datum voldaan (possible only within the window) removes it again."""
    if gegevens.datum_voldaan is None:
        if had_voldaan:
            gegevens.gemeente_einde_pvt = None
    elif not had_voldaan or gegevens.gemeente_einde_pvt_id is None:
        gegevens.gemeente_einde_pvt = gemeente


def definitief_op(gegevens: Wi2013Persoon):
    return (
        gegevens.geregistreerd_op + timedelta(days=CORRECTIETERMIJN_DAGEN)
        if gegevens.geregistreerd_op
        else None
    )


def registraties_definitief_maken(nu=None) -> int:
    """Daily job (13-3): a registration older than two weeks becomes final — the datum voldaan and the
    reden niet voldaan alike ("wordt pas na twee weken definitief vastgelegd", seed 000 §4.5): it stays on
    the screen and in the extract, and can no longer be changed. A final reason makes room for another
    only when DUO sets a new term (`nieuwe_termijn`). A window whose fields were emptied again simply
    closes. Each person is claimed with a row lock; a second run finds nothing."""
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
            if not is_geregistreerd(gegevens):
                # Emptied within its window: nothing to make final; the next registration starts anew.
                gegevens.geregistreerd_op = gegevens.geregistreerd_door = None
                gegevens.save(update_fields=["geregistreerd_op", "geregistreerd_door"])
                continue
            gegevens.definitief = True
            gegevens.save(update_fields=["definitief"])
            _historie(
                gegevens, gebruiker="DUO", gemeente=gegevens.geregistreerd_door, gebeurtenis="definitief"
            )
            audit(actor="DUO", actie=AuditActie.WIJZIGEN, gemeente=gegevens.geregistreerd_door,
                  persoon=gegevens.persoon, obj=gegevens, omschrijving="PVT-registratie definitief vastgelegd",
                  wijzigingen={"definitief": [False, True]})  # fmt: skip
            aantal += 1
    return aantal


def nieuwe_termijn(gegevens: Wi2013Persoon, *, actor, oud_einde) -> bool:
    """DUO set a new datum einde PVT-plicht (wi2013.duo, in its transaction and under its row lock). After
    a final reden niet voldaan this is the second overrun: the reason is cleared so that the gemeente can
    register the reason of this term, and the registration is open again ("Informatie bij een tweede
    overschrijding", seed 000 §4.5). The reason stays in the history. Returns whether it reopened."""
    nieuw_einde = gegevens.datum_einde_pvt_plicht
    if not (gegevens.definitief and gegevens.reden_niet_voldaan and nieuw_einde):
        return False
    if oud_einde is not None and nieuw_einde <= oud_einde:
        return False  # a correction to the same or an earlier end is no new term
    oud = snapshot(gegevens, ["reden_niet_voldaan", "definitief"])
    gemeente = gegevens.geregistreerd_door
    gegevens.reden_niet_voldaan = ""
    gegevens.definitief = False
    gegevens.geregistreerd_op = gegevens.geregistreerd_door = None
    gegevens.save()
    _historie(gegevens, gebruiker="DUO", gemeente=gemeente, gebeurtenis="geschoond")
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gegevens.persoon.woongemeente,
          persoon=gegevens.persoon, obj=gegevens,
          omschrijving="Reden niet voldaan geschoond na een nieuwe PVT-termijn",
          wijzigingen=verschillen(oud, snapshot(gegevens, ["reden_niet_voldaan", "definitief"])))  # fmt: skip
    return True


# --- Factuur (13-4) -------------------------------------------------------------------------------------

FACTUURVELDEN = ("factuurnummer", "factuurdatum", "debiteurnummer")


@transaction.atomic
def factuur_toevoegen(*, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any]) -> Factuur:
    s = _situatie(actor=actor, gemeente=gemeente, persoon=persoon, met_factuur=True)
    regels.vereis(regels.factuur_toevoegen(s))
    regels.vereis(regels.factuur_gegevens(data, s.vandaag))
    factuur = Factuur.objects.create(gegevens=s.gegevens, gemeente=gemeente, bedrag=FACTUURBEDRAG,
                                     **{veld: data[veld] for veld in FACTUURVELDEN})  # fmt: skip
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=persoon, obj=factuur,
          omschrijving="Factuur toegevoegd",
          wijzigingen={veld: [None, data[veld]] for veld in FACTUURVELDEN})  # fmt: skip
    return factuur


@transaction.atomic
def factuur_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], versie: str | None
) -> Factuur:
    s = _situatie(actor=actor, gemeente=gemeente, persoon=persoon, met_factuur=True)
    regels.vereis(regels.factuur_wijzigen(s))
    factuur = s.factuur
    controleer_versie(factuur, versie)
    regels.vereis(regels.factuur_gegevens(data, s.vandaag))
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
    s = _situatie(actor=actor, gemeente=gemeente, persoon=persoon, met_factuur=True)
    regels.vereis(regels.factuur_verwijderen(s))
    factuur = s.factuur
    controleer_versie(factuur, versie)
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, persoon=persoon, obj=factuur,
          omschrijving=f"Factuur {factuur.factuurnummer} verwijderd",
          wijzigingen={veld: [str(getattr(factuur, veld)), None] for veld in FACTUURVELDEN})  # fmt: skip
    factuur.delete()
