"""S-9 Wi2007 deadline rules SS004, SS066 (handhavingstermijn) and SS007 (age 18), with a frozen clock."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from dateutil.relativedelta import relativedelta

from inburgering.constants import Wet
from signalen import tasks
from signalen.models import Signaal
from tests.factories import GemeenteFactory, PersoonFactory
from wi2007.models import Vrijstelling, Wi2007Persoon
from wi2007.services import wi2007_bijwerken
from wi2007.termijnregels import (
    ss004_einde_handhavingstermijn_nadert,
    ss007_inburgeringsplichtige_leeftijd,
    ss066_einde_handhavingstermijn_bereikt,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 11, 22, 3, 0, tzinfo=AMS)
VANDAAG = date(2026, 11, 22)


@pytest.fixture
def gehandhaafd(groningen):
    """A living, ISI Actief Wi2007 person Groningen handhaaft, term ending on `einde`."""

    def maak(einde: date, *, wet=Wet.WI2007, persoon=None, **gegevens) -> Wi2007Persoon:
        velden = {"woongemeente": groningen, "geboortedatum": date(1980, 1, 1), **(persoon or {})}
        p = PersoonFactory(wet=wet, **velden)
        waarden = {"inburgeringsplichtig": True, "gehandhaafd": True, "handhaving_gemeente": groningen,
                   "begin_handhaving": date(2022, 1, 1), "einde_handhavingstermijn": einde, **gegevens}  # fmt: skip
        return Wi2007Persoon.objects.create(persoon=p, **waarden)

    return maak


def signalen(code: str) -> list[tuple[str, str, date]]:
    return sorted(
        Signaal.objects.filter(code=code).values_list("persoon__achternaam", "gemeente__code", "datum")
    )


def test_ss004_six_months_before_end(gehandhaafd):
    grens = VANDAAG + relativedelta(months=6)  # 22-05-2027
    gehandhaafd(grens, persoon={"achternaam": "Zes maanden"})
    gehandhaafd(VANDAAG + relativedelta(days=1), persoon={"achternaam": "Morgen"})
    gehandhaafd(grens + relativedelta(days=1), persoon={"achternaam": "Te vroeg"})
    gehandhaafd(VANDAAG, persoon={"achternaam": "Vandaag"})  # reached: SS066, not SS004
    assert ss004_einde_handhavingstermijn_nadert(VANDAAG) == 2
    assert signalen("SS004") == [("Morgen", "0014", VANDAAG), ("Zes maanden", "0014", VANDAAG)]


def test_ss066_reached_frozen_clock(gehandhaafd):
    gehandhaafd(date(2026, 11, 22), persoon={"achternaam": "Vandaag"})
    gehandhaafd(date(2020, 1, 1), persoon={"achternaam": "Lang geleden"})
    gehandhaafd(date(2026, 11, 23), persoon={"achternaam": "Morgen"})
    with time_machine.travel(NU, tick=False):
        resultaat = tasks.termijnregels_dagelijks.delay().get()
    assert resultaat["wi2007-ss066"] == 2 and resultaat["wi2007-ss004"] == 1
    assert signalen("SS066") == [("Lang geleden", "0014", VANDAAG), ("Vandaag", "0014", VANDAAG)]
    with time_machine.travel(datetime(2026, 11, 23, 3, 0, tzinfo=AMS), tick=False):
        resultaat = tasks.termijnregels_dagelijks.delay().get()
    assert resultaat["wi2007-ss066"] == 1  # "Morgen" reached it the next day
    assert Signaal.objects.filter(code="SS066").count() == 3


def test_rule_runs_twice_emits_once(gehandhaafd):
    gehandhaafd(VANDAAG + relativedelta(months=2))
    gehandhaafd(VANDAAG - relativedelta(months=2))
    for dag in (VANDAAG, VANDAAG, VANDAAG + relativedelta(days=1)):
        with time_machine.travel(datetime.combine(dag, NU.timetz()), tick=False):
            tasks.termijnregels_dagelijks.delay().get()
    assert sorted(Signaal.objects.values_list("code", flat=True)) == ["SS004", "SS066"]


def test_rerun_is_set_based(gehandhaafd, django_assert_max_num_queries):
    for i in range(12):
        gehandhaafd(VANDAAG - relativedelta(days=i))
    assert ss066_einde_handhavingstermijn_bereikt(VANDAAG) == 12
    with django_assert_max_num_queries(3):  # candidates + facts already signalled, not one per person
        assert ss066_einde_handhavingstermijn_bereikt(VANDAAG) == 0


def test_extended_term_gives_new_signals(gehandhaafd):
    g = gehandhaafd(VANDAAG - relativedelta(days=10))
    assert ss066_einde_handhavingstermijn_bereikt(VANDAAG) == 1
    nieuw_einde = VANDAAG + relativedelta(months=3)
    wi2007_bijwerken(actor="test", persoon=g.persoon, data={
        "einde_handhavingstermijn": nieuw_einde, "datum_verlenging": VANDAAG, "reden_verlenging": "Ziekte"})  # fmt: skip
    assert ss004_einde_handhavingstermijn_nadert(VANDAAG) == 1
    assert ss066_einde_handhavingstermijn_bereikt(nieuw_einde) == 1
    assert ss066_einde_handhavingstermijn_bereikt(nieuw_einde) == 0
    assert sorted(Signaal.objects.values_list("code", flat=True)) == ["SS004", "SS066", "SS066"]


def test_handhaving_rules_skip_who_is_done_or_not_handhaafd(gehandhaafd):
    verlopen = VANDAAG - relativedelta(days=1)
    gehandhaafd(verlopen, diploma_behaald=True)
    gehandhaafd(verlopen, gehele_vrijstelling_duo=True)
    gehandhaafd(verlopen, gehandhaafd=False)
    gehandhaafd(verlopen, herkomst="D")
    gehandhaafd(verlopen, persoon={"datum_overlijden": date(2026, 1, 1)})
    gehandhaafd(verlopen, wet=Wet.WI2013)
    gehandhaafd(verlopen, persoon={"woongemeente": None})
    gehandhaafd(None)
    assert ss066_einde_handhavingstermijn_bereikt(VANDAAG) == 0
    assert ss004_einde_handhavingstermijn_nadert(VANDAAG) == 0
    assert not Signaal.objects.exists()


def test_ss004_and_ss066_go_to_the_woongemeente(gehandhaafd, groningen):
    amsterdam = GemeenteFactory(code="0363", naam="Amsterdam")
    gehandhaafd(
        VANDAAG, persoon={"achternaam": "Verhuisd", "woongemeente": amsterdam}, handhaving_gemeente=groningen
    )
    ss066_einde_handhavingstermijn_bereikt(VANDAAG)
    assert signalen("SS066") == [("Verhuisd", "0363", VANDAAG)]


def test_ss007_turned_18_in_the_last_week(gehandhaafd):
    def persoon(naam, geboren, **gegevens):
        return gehandhaafd(None, gehandhaafd=False, persoon={"achternaam": naam, "geboortedatum": geboren},
                           **gegevens)  # fmt: skip

    persoon("Vandaag 18", date(2008, 11, 22))
    persoon("Zes dagen geleden", date(2008, 11, 16))
    persoon("Een week geleden", date(2008, 11, 15))  # outside the catch-up week
    persoon("Morgen 18", date(2008, 11, 23))
    persoon("Diploma", date(2008, 11, 20), diploma_behaald=True)
    opleiding = persoon("Opleiding", date(2008, 11, 20))
    Vrijstelling.objects.create(persoon=opleiding, soort="T", verleend_door="D", datum_start=date(2025, 8, 1))
    klaar = persoon("Opleiding gestopt", date(2008, 11, 20))
    Vrijstelling.objects.create(persoon=klaar, soort="T", verleend_door="D", datum_start=date(2025, 8, 1),
                                datum_einde=date(2026, 7, 1))  # fmt: skip
    assert ss007_inburgeringsplichtige_leeftijd(VANDAAG) == 3
    assert [naam for naam, _, _ in signalen("SS007")] == [
        "Opleiding gestopt",
        "Vandaag 18",
        "Zes dagen geleden",
    ]
    assert ss007_inburgeringsplichtige_leeftijd(VANDAAG + relativedelta(days=1)) == 1  # "Morgen 18"
