"""Writes of the gemeente-owned Wi2021 data (the PIP, §3.6.6). Every service re-checks the MUT role
(A-4), locks what it changes, asks `wi2021.regels` and raises its answer, checks the form's version
(optimistic locking), writes the history and the audit trail (with confirmed AS codes, D-07) and emits
signals after commit. The DUO side (plicht, termijn, examens, …) is in `wi2021.duo`.
"""

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon
from inburgering.versie import controleer_versie
from signalen.services import signaal_uitzenden

from . import regels, services_aanbod
from .constants import RedenWijzigingTermijn
from .models import Inburgeringsplicht, Pip, PipHistorie, TermijnHistorie

PIP_VELDEN = ("dagtekening", "leerroute", "niveau", "alfabetisering", "geschatte_uren",
              "aangepaste_uren_participatie", "toestemming_nvo")  # fmt: skip
DUO = "DUO"


def _situatie(persoon: Persoon, gemeente: Gemeente) -> regels.Situatie:
    """The person's situation with their plicht rows locked, so two caseworkers cannot race (DESIGN 5)."""
    Inburgeringsplicht.objects.select_for_update().filter(persoon=persoon).exists()
    persoon = Persoon.objects.select_related("woongemeente").get(pk=persoon.pk)
    return regels.situatie(persoon, gemeente)


def _historie(pip: Pip, *, gebruiker: str, gemeente: Gemeente, gebeurtenis: str) -> None:
    PipHistorie.objects.create(
        pip=pip, laatste_wijziging=timezone.now(), gebruiker=gebruiker, gemeente=gemeente, gebeurtenis=gebeurtenis,
        **{veld: getattr(pip, veld) for veld in PIP_VELDEN},
    )  # fmt: skip


def _opgeschoond(data: dict[str, Any]) -> dict[str, Any]:
    """The niveau the matrix fills in when none was chosen (D-10)."""
    data = dict(data)
    if data.get("leerroute") and not data.get("niveau"):
        data["niveau"] = regels.standaard_niveau(data["leerroute"])
    data["toestemming_nvo"] = bool(data.get("toestemming_nvo"))
    return data


@transaction.atomic
def pip_doorgeven(*, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], bevestigd=()) -> Pip:
    """S-24…S-26: register the initial PIP. The two-week correction window starts now (R-PIP-10)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    data = _opgeschoond(data)
    codes = (
        regels.pip_doorgeven(s).en(regels.pip_gegevens(s, data, wijziging=False)).vereis(bevestigd=bevestigd)
    )
    nu = timezone.now()
    pip = Pip.objects.create(
        plicht=s.plicht, gemeente=gemeente, dagtekening_initieel=data["dagtekening"], geregistreerd_op=nu,
        initieel_geregistreerd_op=nu, **{veld: data.get(veld) for veld in PIP_VELDEN},
    )  # fmt: skip
    _historie(pip, gebruiker=actor.get_username(), gemeente=gemeente, gebeurtenis="doorgegeven")
    services_aanbod.na_pip(actor=actor, gemeente=gemeente, plicht=s.plicht)  # R-ACC-8
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=s.persoon, obj=pip,
          omschrijving=_omschrijving("PIP doorgegeven", codes),
          wijzigingen={veld: [None, getattr(pip, veld)] for veld in PIP_VELDEN})  # fmt: skip
    return pip


@transaction.atomic
def pip_wijzigen(
    *, actor, gemeente: Gemeente, persoon: Persoon, data: dict[str, Any], versie: str | None, bevestigd=()
) -> Pip:
    """S-27…S-29: change the PIP; inside the window the initial dagtekening too (R-PIP-10, R-PIP-12).
    After a move the new gemeente re-establishes the PIP this way and becomes its gemeente (R-PIP-18)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    data = _opgeschoond(data)
    oordeel = regels.pip_wijzigen(s)
    oordeel.vereis()  # FS 643 and the common checks come before the version (there may be no PIP at all)
    pip = Pip.objects.select_for_update().get(pk=s.pip.pk)
    controleer_versie(pip, versie)
    codes = regels.pip_gegevens(s, data, wijziging=True).vereis(bevestigd=bevestigd)
    oud = {veld: getattr(pip, veld) for veld in (*PIP_VELDEN, "dagtekening_initieel", "gemeente")}
    for veld in PIP_VELDEN:
        setattr(pip, veld, data.get(veld))
    if not pip.definitief and data.get("dagtekening_initieel"):
        pip.dagtekening_initieel = data["dagtekening_initieel"]
    pip.gemeente = gemeente
    pip.geregistreerd_op = timezone.now()
    pip.save()
    _historie(pip, gebruiker=actor.get_username(), gemeente=gemeente,
              gebeurtenis="gewijzigd" if pip.definitief else "gecorrigeerd")  # fmt: skip
    services_aanbod.na_pip(actor=actor, gemeente=gemeente, plicht=s.plicht)  # R-ACC-8
    nieuw = {veld: getattr(pip, veld) for veld in oud}
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=gemeente, persoon=s.persoon, obj=pip,
          omschrijving=_omschrijving("PIP gewijzigd", codes),
          wijzigingen={veld: [oud[veld], nieuw[veld]] for veld in oud if oud[veld] != nieuw[veld]})  # fmt: skip
    return pip


@transaction.atomic
def pip_verwijderen(*, actor, gemeente: Gemeente, persoon: Persoon, versie: str | None) -> None:
    """S-30: delete the initial PIP inside its window (FS 645 after it, FS 643 without one)."""
    vereis_muteren(actor=actor, gemeente=gemeente, wet=Wet.WI2021)
    s = _situatie(persoon, gemeente)
    regels.pip_verwijderen(s).vereis()
    pip = Pip.objects.select_for_update().get(pk=s.pip.pk)
    controleer_versie(pip, versie)
    audit(actor=actor, actie=AuditActie.VERWIJDEREN, gemeente=gemeente, persoon=s.persoon, obj=pip,
          omschrijving="PIP verwijderd",
          wijzigingen={veld: [getattr(pip, veld), None] for veld in PIP_VELDEN})  # fmt: skip
    services_aanbod.na_pip_verwijderd(actor=actor, gemeente=gemeente, plicht=s.plicht)  # R-PIP-11
    pip.delete()


def _omschrijving(tekst: str, codes: tuple[str, ...]) -> str:
    """D-07: the audit entry records which attentions the user confirmed."""
    return f"{tekst} (bevestigd: {', '.join(codes)})" if codes else tekst


def pips_definitief_maken(nu=None) -> int:
    """Daily job (R-PIP-10, D-06, D-33): an initial PIP registered on day D becomes final on D+14; DUO then
    sets the inburgeringstermijn from its dagtekening and the gemeente gets SS102. Each PIP is claimed under
    a row lock; a second run finds nothing."""
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    # Registered on D (local date) → final from D+14: everything registered before the start of today−13.
    grens = timezone.make_aware(
        datetime.combine(vandaag - regels.CORRECTIETERMIJN + timedelta(days=1), time.min)
    )
    ids = list(
        Pip.objects.filter(definitief=False, initieel_geregistreerd_op__lt=grens).values_list("pk", flat=True)
    )
    aantal = 0
    for pk in ids:
        with transaction.atomic():
            pip = (
                Pip.objects.select_for_update(skip_locked=True)
                .select_related("plicht__persoon")
                .filter(pk=pk, definitief=False)
                .first()
            )
            if pip is None:
                continue
            plicht = pip.plicht
            plicht.termijn_start = pip.dagtekening_initieel + timedelta(days=1)
            plicht.termijn_einde = pip.dagtekening_initieel + regels.TERMIJN
            plicht.save(update_fields=["termijn_start", "termijn_einde"])
            TermijnHistorie.objects.create(
                plicht=plicht, laatste_wijziging=vandaag, termijn_start=plicht.termijn_start,
                termijn_einde=plicht.termijn_einde, reden_wijziging=RedenWijzigingTermijn.HERBEPALING,
            )  # fmt: skip
            pip.definitief = True
            pip.save(update_fields=["definitief"])
            audit(actor=DUO, actie=AuditActie.WIJZIGEN, gemeente=pip.gemeente, persoon=plicht.persoon, obj=pip,
                  omschrijving="PIP definitief; inburgeringstermijn vastgesteld",
                  wijzigingen={"termijn_start": [None, plicht.termijn_start],
                               "termijn_einde": [None, plicht.termijn_einde]})  # fmt: skip
            persoon = plicht.persoon
            ontvanger = persoon.woongemeente or persoon.toekomstige_gemeente or pip.gemeente
            # In the same transaction: the termijn and its signal commit together or not at all.
            signaal_uitzenden(wet=Wet.WI2021, code="SS102", persoon=persoon, gemeente=ontvanger, datum=vandaag,
                              feit=f"SS102:pip:{pip.pk}")  # fmt: skip
            aantal += 1
    return aantal
