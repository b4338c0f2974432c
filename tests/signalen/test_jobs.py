"""S-7 retention and S-9 deadline rules, with a frozen clock."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

import pytest
import time_machine

from inburgering.constants import Wet
from signalen import tasks
from signalen.models import Signaal
from signalen.retentie import schoon_niet_opgepakte_signalen, verwijder_afgehandelde_signalen
from signalen.services import signaal_uitzenden
from signalen.termijnregels import Termijnregel, registreer_termijnregel, verwijder_termijnregel
from signalen.workflow import Status
from tests.factories import PersoonFactory, SignaalFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 11, 22, 3, 0, tzinfo=AMS)


def test_s7_closed_signals_are_deleted_after_one_week(groningen):
    oud = SignaalFactory(persoon__woongemeente=groningen, status=Status.AFGEHANDELD,
                         status_gewijzigd_op=NU - timedelta(days=7, minutes=1))  # fmt: skip
    net = SignaalFactory(persoon__woongemeente=groningen, status=Status.AFGEHANDELD,
                         status_gewijzigd_op=NU - timedelta(days=6, hours=23))  # fmt: skip
    open_oud = SignaalFactory(persoon__woongemeente=groningen, status=Status.IN_BEHANDELING,
                              status_gewijzigd_op=NU - timedelta(days=30), datum=date(2025, 1, 1))  # fmt: skip
    assert verwijder_afgehandelde_signalen(nu=NU) == 1
    assert set(Signaal.objects.values_list("id", flat=True)) == {net.id, open_oud.id}
    assert not Signaal.objects.filter(id=oud.id).exists()
    assert verwijder_afgehandelde_signalen(nu=NU) == 0  # twice: nothing more


def test_s7_signals_not_taken_up_for_a_quarter_are_purged(groningen):
    te_oud = SignaalFactory(persoon__woongemeente=groningen, datum=date(2026, 8, 21))
    grens = SignaalFactory(persoon__woongemeente=groningen, datum=date(2026, 8, 22))
    in_behandeling = SignaalFactory(persoon__woongemeente=groningen, datum=date(2025, 1, 1),
                                    status=Status.IN_BEHANDELING)  # fmt: skip
    assert schoon_niet_opgepakte_signalen(nu=NU) == 1
    assert set(Signaal.objects.values_list("id", flat=True)) == {grens.id, in_behandeling.id}
    assert not Signaal.objects.filter(id=te_oud.id).exists()


def test_s7_tasks_use_the_clock(groningen):
    SignaalFactory(persoon__woongemeente=groningen, status=Status.AFGEHANDELD,
                   status_gewijzigd_op=NU - timedelta(days=8))  # fmt: skip
    with time_machine.travel(NU, tick=False):
        assert tasks.verwijder_afgehandelde_signalen.delay().get() == 1


def test_s7_beat_schedule_has_daily_and_quarterly_entries(settings):
    schema = settings.CELERY_BEAT_SCHEDULE
    assert (
        schema["signalen-afgehandeld-verwijderen"]["task"] == "signalen.tasks.verwijder_afgehandelde_signalen"
    )
    kwartaal = schema["signalen-kwartaalschoning"]["schedule"]
    assert kwartaal.month_of_year == {1, 4, 7, 10} and kwartaal.day_of_month == {1}


@pytest.fixture
def termijnregel(groningen):
    """A rule like SS126: persons settled more than 10 weeks ago get a signal once per settling."""

    def uitvoeren(peildatum: date) -> int:
        aantal = 0
        for persoon in PersoonFactory._meta.model.objects.filter(
            wet=Wet.WI2021, datum_vestiging__lte=peildatum - timedelta(weeks=10)
        ):
            aantal += bool(signaal_uitzenden(wet=Wet.WI2021, code="SS126", persoon=persoon,
                                             gemeente=persoon.woongemeente, datum=peildatum,
                                             feit=f"termijn:{persoon.bsn}:{persoon.datum_vestiging}"))  # fmt: skip
        return aantal

    registreer_termijnregel(Termijnregel("test-ss126", "Nog geen PIP ontvangen", uitvoeren))
    yield
    verwijder_termijnregel("test-ss126")


def test_s9_rules_run_daily_and_never_emit_twice(groningen, termijnregel):
    PersoonFactory(woongemeente=groningen, datum_vestiging=date(2026, 8, 1))
    PersoonFactory(woongemeente=groningen, datum_vestiging=date(2026, 11, 1))  # not yet due
    with time_machine.travel(NU, tick=False):
        assert tasks.termijnregels_dagelijks.delay().get()["test-ss126"] == 1
        assert tasks.termijnregels_dagelijks.delay().get()["test-ss126"] == 0  # same day again
    with time_machine.travel(NU + timedelta(days=1), tick=False):
        assert tasks.termijnregels_dagelijks.delay().get()["test-ss126"] == 0  # next day, same fact
    assert Signaal.objects.filter(code="SS126").count() == 1
    assert Signaal.objects.get().datum == timezone.localdate(NU)


def test_s9_a_failing_rule_does_not_stop_the_others(groningen, termijnregel):
    def kapot(peildatum):
        raise RuntimeError("kapot")

    registreer_termijnregel(Termijnregel("a-kapot", "faalt", kapot))
    PersoonFactory(woongemeente=groningen, datum_vestiging=date(2026, 1, 1))
    try:
        resultaat = tasks.termijnregels_dagelijks.delay().get()
    finally:
        verwijder_termijnregel("a-kapot")
    assert resultaat["a-kapot"] == -1 and resultaat["test-ss126"] == 1


def test_item11_a_rule_registered_again_under_its_name_runs_once_a_day():
    """ready() may run twice: registering under the same name replaces the rule instead of adding a copy."""
    gedraaid = []
    oud = Termijnregel("test-eenmaal", "oud", lambda peildatum: gedraaid.append("oud") or 0)
    nieuw = Termijnregel("test-eenmaal", "nieuw", lambda peildatum: gedraaid.append("nieuw") or 0)
    registreer_termijnregel(oud)
    registreer_termijnregel(nieuw)
    registreer_termijnregel(nieuw)
    try:
        with time_machine.travel(NU, tick=False):
            tasks.termijnregels_dagelijks.delay().get()
    finally:
        verwijder_termijnregel("test-eenmaal")
    assert gedraaid == ["nieuw"]
