"""PIP services (wi2021/services.py): the rules layer's answer is raised, the version is checked, history
and audit are written, and the daily finalisation sets the termijn once (R-PIP-10, D-06, D-33)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
import time_machine

from inburgering.constants import Rol
from inburgering.models import AuditEntry
from inburgering.regels import BevestigingNodig, Geweigerd
from signalen.models import Signaal
from tests.factories import UserFactory
from wi2021 import services
from wi2021.constants import Alfabetisering, Leerroute, Niveau
from wi2021.models import Pip, PipHistorie, TermijnHistorie

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def data(**over):
    d = {"dagtekening": date(2024, 5, 20), "leerroute": Leerroute.B1, "niveau": "", "alfabetisering": Alfabetisering.NVT,
         "geschatte_uren": 600}  # fmt: skip
    d.update(over)
    return d


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_pip_doorgeven_fills_the_default_niveau_and_writes_history_and_audit(plicht, medewerker, groningen):
    p = plicht()
    pip = services.pip_doorgeven(actor=medewerker, gemeente=groningen, persoon=p.persoon, data=data())
    assert pip.niveau == Niveau.B1 and pip.dagtekening_initieel == date(2024, 5, 20) and not pip.definitief
    assert PipHistorie.objects.get(pip=pip).gebeurtenis == "doorgegeven"
    assert AuditEntry.objects.get(object_type="wi2021.Pip").omschrijving == "PIP doorgegeven"


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_pip_doorgeven_attention_needs_confirmation_and_is_audited(plicht, medewerker, groningen):
    p = plicht()
    with pytest.raises(BevestigingNodig) as exc:
        services.pip_doorgeven(
            actor=medewerker, gemeente=groningen, persoon=p.persoon, data=data(niveau=Niveau.A2)
        )
    assert exc.value.codes == ("AS 605",) and not Pip.objects.exists()
    services.pip_doorgeven(actor=medewerker, gemeente=groningen, persoon=p.persoon, data=data(niveau=Niveau.A2),
                           bevestigd=["AS 605"])  # fmt: skip
    assert "bevestigd: AS 605" in AuditEntry.objects.get(object_type="wi2021.Pip").omschrijving


def test_read_role_is_refused_in_the_service(plicht, raadpleger, groningen):
    p = plicht()
    with pytest.raises(PermissionDenied):
        services.pip_doorgeven(actor=raadpleger, gemeente=groningen, persoon=p.persoon, data=data())


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_pip_wijzigen_with_a_stale_version_is_refused(plicht, pip, medewerker, groningen):
    p = plicht()
    bestaand = pip(p)
    oud = bestaand.versiekenmerk
    services.pip_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon,
                          data=data(dagtekening=date(2024, 5, 25)), versie=oud)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.pip_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon,
                              data=data(dagtekening=date(2024, 5, 26)), versie=oud)  # fmt: skip
    assert "intussen door een ander gewijzigd" in str(exc.value)
    assert Pip.objects.get().dagtekening == date(2024, 5, 25)


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_new_gemeente_re_establishes_the_pip_after_a_move(plicht, pip, groningen, almere):
    from inburgering.services import persoon_wijzigen

    p = plicht()
    bestaand = pip(p, definitief=True)
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 5, 1)}
    )
    nieuw = UserFactory(username="almere", rollen={almere: [Rol.WI2021MUT]})
    gewijzigd = services.pip_wijzigen(actor=nieuw, gemeente=almere, persoon=p.persoon,
                                      data=data(dagtekening=date(2024, 5, 30)), versie=bestaand.versiekenmerk)  # fmt: skip
    assert gewijzigd.gemeente == almere and gewijzigd.dagtekening_initieel == bestaand.dagtekening_initieel


def test_pip_verwijderen_after_the_window_is_fs645(plicht, pip, medewerker, groningen):
    p = plicht()
    bestaand = pip(p, definitief=True)
    with pytest.raises(Geweigerd) as exc:
        services.pip_verwijderen(
            actor=medewerker, gemeente=groningen, persoon=p.persoon, versie=bestaand.versiekenmerk
        )
    assert exc.value.messages == ["FS 645 Intrekken niet mogelijk. Inburgeringstermijn al vastgesteld."]


@pytest.mark.parametrize(("nu", "definitief"), [
    (datetime(2024, 4, 15, 23, 59, tzinfo=AMS), False),  # D+13: still correctable
    (datetime(2024, 4, 16, 0, 30, tzinfo=AMS), True),  # D+14: first run after midnight
])  # fmt: skip
def test_d06_finalisation_on_day_14_sets_the_termijn_and_emits_ss102_once(plicht, pip, nu, definitief):
    p = plicht()
    pip(p, geregistreerd=datetime(2024, 4, 2, 16, 0, tzinfo=AMS), dagtekening=date(2024, 2, 29))
    assert services.pips_definitief_maken(nu=nu) == int(definitief)
    assert services.pips_definitief_maken(nu=nu) == 0  # run twice: once
    p.refresh_from_db()
    if definitief:
        # D-33: start the day after the dagtekening, end three years after it (29-02 → 28-02).
        assert (p.termijn_start, p.termijn_einde) == (date(2024, 3, 1), date(2027, 2, 28))
        assert TermijnHistorie.objects.get(plicht=p).get_reden_wijziging_display() == "(Her)bepaling termijn"
        assert list(Signaal.objects.values_list("code", flat=True)) == ["SS102"]
    else:
        assert p.termijn_start is None and not Signaal.objects.exists()


def test_finalisation_job_is_scheduled_daily_and_runs_the_service(plicht, pip):
    from django.conf import settings

    from wi2021.tasks import pips_definitief_maken

    assert (
        settings.CELERY_BEAT_SCHEDULE["wi2021-pips-definitief"]["task"]
        == "wi2021.tasks.pips_definitief_maken"
    )
    pip(plicht(), geregistreerd=datetime(2024, 4, 2, 16, 0, tzinfo=AMS))
    with time_machine.travel(datetime(2024, 4, 16, 0, 30, tzinfo=AMS), tick=False):
        assert pips_definitief_maken.delay().get() == 1
