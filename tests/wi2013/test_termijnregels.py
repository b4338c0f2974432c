"""S-9 Wi2013 deadline rules SS602, SS603, SS604 (PVT term), at their boundaries, with a frozen clock."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from inburgering.constants import Wet
from signalen import tasks
from signalen import termijnregels as tr
from signalen.models import Signaal, UitgezondenFeit
from tests.factories import PersoonFactory
from wi2013 import duo, termijnregels
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import Wi2013Persoon
from wi2013.services import pvt_wijzigen, registraties_definitief_maken
from wi2013.termijnregels import (
    ss602_termijn_loopt_af,
    ss603_termijn_overschreden,
    ss604_geen_reden_na_twee_weken,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = date(2026, 11, 22)
NU = datetime(2026, 11, 22, 4, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def regels():
    al = {r.naam for r in tr.termijnregels()}
    termijnregels.registreer()
    yield
    for regel in termijnregels.REGELS:
        if regel.naam not in al:
            tr.verwijder_termijnregel(regel.naam)


@pytest.fixture
def pvt(groningen):
    """A living Wi2013 person of Groningen, PVT-plichtig, term ending on `einde`, not signed."""

    def maak(einde: date | None, *, naam: str = "", persoon=None, **gegevens) -> Wi2013Persoon:
        velden = {"woongemeente": groningen, "wet": Wet.WI2013, **({"achternaam": naam} if naam else {}),
                  **(persoon or {})}  # fmt: skip
        waarden = {"pvt_plichtig": True, "datum_start_pvt_plicht": einde and einde - timedelta(days=365),
                   "datum_einde_pvt_plicht": einde, **gegevens}  # fmt: skip
        return Wi2013Persoon.objects.create(persoon=PersoonFactory(**velden), **waarden)

    return maak


def signalen(code: str) -> list[tuple[str, str, date]]:
    return sorted(
        Signaal.objects.filter(code=code).values_list("persoon__achternaam", "gemeente__code", "datum")
    )


def test_ss602_from_two_months_before_the_end_until_the_last_day(pvt):
    pvt(date(2027, 1, 22), naam="Precies twee maanden")  # 22-01-2027 − 2 maanden = 22-11-2026
    pvt(date(2027, 1, 23), naam="Een dag te vroeg")
    pvt(VANDAAG, naam="Laatste dag")
    pvt(VANDAAG - timedelta(days=1), naam="Verstreken")  # SS603, not SS602
    pvt(date(2026, 12, 15), naam="Met reden", reden_niet_voldaan=R.ZIEKTE)  # not signed: still SS602
    assert ss602_termijn_loopt_af(VANDAAG) == 3
    assert signalen("SS602") == [
        ("Laatste dag", "0014", VANDAAG), ("Met reden", "0014", VANDAAG), ("Precies twee maanden", "0014", VANDAAG),
    ]  # fmt: skip


def test_ss602_two_months_before_a_month_end_is_a_calendar_subtraction(pvt):
    pvt(date(2027, 4, 30), naam="Eind april")  # − 2 maanden = 28-02-2027
    assert ss602_termijn_loopt_af(date(2027, 2, 27)) == 0
    assert ss602_termijn_loopt_af(date(2027, 2, 28)) == 1


def test_ss603_the_day_after_the_end(pvt):
    pvt(VANDAAG, naam="Laatste dag")
    pvt(VANDAAG - timedelta(days=1), naam="Gisteren")
    pvt(date(2025, 1, 1), naam="Lang geleden")
    pvt(date(2025, 1, 1), naam="Met reden", reden_niet_voldaan=R.WEIGERT_DEELNAME)  # not signed: SS603
    assert ss603_termijn_overschreden(VANDAAG) == 3
    assert [naam for naam, _, _ in signalen("SS603")] == ["Gisteren", "Lang geleden", "Met reden"]


def test_ss604_two_weeks_after_the_end_without_voldaan_or_reden(pvt):
    pvt(VANDAAG - timedelta(days=14), naam="Precies twee weken")
    pvt(VANDAAG - timedelta(days=13), naam="Dertien dagen")
    pvt(VANDAAG - timedelta(days=100), naam="Met reden", reden_niet_voldaan=R.REAGEERT_NIET)
    pvt(VANDAAG - timedelta(days=100), naam="Lang geleden")
    assert ss604_geen_reden_na_twee_weken(VANDAAG) == 2
    assert [naam for naam, _, _ in signalen("SS604")] == ["Lang geleden", "Precies twee weken"]


@pytest.mark.parametrize(
    "rule", [ss602_termijn_loopt_af, ss603_termijn_overschreden, ss604_geen_reden_na_twee_weken]
)
def test_only_unsigned_living_pvt_plichtigen_of_the_wi2013_not_struck_off(pvt, rule):
    einde = {ss602_termijn_loopt_af: VANDAAG + timedelta(days=10)}.get(rule, VANDAAG - timedelta(days=30))
    pvt(einde, datum_voldaan=einde - timedelta(days=40))  # signed
    pvt(einde, pvt_plichtig=False)
    pvt(einde, pvt_plichtig=None)
    pvt(einde, persoon={"datum_overlijden": date(2026, 1, 1)})
    pvt(einde, persoon={"uitgeschreven_uit_brp": True})
    pvt(einde, persoon={"wet": Wet.WI2021})
    pvt(einde, persoon={"woongemeente": None})
    pvt(None)  # no term
    assert rule(VANDAAG) == 0
    pvt(einde, naam="Wel")
    assert rule(VANDAAG) == 1


def test_signal_goes_to_the_woongemeente(pvt, almere):
    pvt(VANDAAG - timedelta(days=1), persoon={"woongemeente": almere})
    ss603_termijn_overschreden(VANDAAG)
    assert Signaal.objects.get().gemeente == almere and Signaal.objects.get().wet == Wet.WI2013


def test_daily_job_frozen_clock_never_twice_for_the_same_term(pvt):
    g = pvt(VANDAAG - timedelta(days=20), naam="Overschreden")
    pvt(VANDAAG + timedelta(days=30), naam="Nadert")
    with time_machine.travel(NU, tick=False):
        resultaat = tasks.termijnregels_dagelijks.delay().get()
        assert (resultaat["wi2013-ss602"], resultaat["wi2013-ss603"], resultaat["wi2013-ss604"]) == (1, 1, 1)
        resultaat = tasks.termijnregels_dagelijks.delay().get()  # same day again
        assert (resultaat["wi2013-ss602"], resultaat["wi2013-ss603"], resultaat["wi2013-ss604"]) == (0, 0, 0)
    with time_machine.travel(NU + timedelta(days=1), tick=False):
        resultaat = tasks.termijnregels_dagelijks.delay().get()  # next day, same terms
        assert (resultaat["wi2013-ss602"], resultaat["wi2013-ss603"], resultaat["wi2013-ss604"]) == (0, 0, 0)
    assert Signaal.objects.get(code="SS603").datum == VANDAAG
    # Retention deleted the signals: the facts remain, nothing comes back.
    Signaal.objects.all().delete()
    assert ss603_termijn_overschreden(VANDAAG) == 0 and UitgezondenFeit.objects.count() == 3
    # DUO sets a new term: a new fact, signalled again when it is due.
    Wi2013Persoon.objects.filter(pk=g.pk).update(datum_einde_pvt_plicht=VANDAAG + timedelta(days=40))
    assert ss602_termijn_loopt_af(VANDAAG) == 1


def test_ss604_not_after_a_final_reason_and_again_after_a_new_term(pvt, medewerker, groningen):
    """13-3: a reason becomes final after two weeks and stays, so that term gives no SS604; once DUO sets
    a new term the reason is cleared for the second overrun, which does give SS604 without a reason."""
    einde = date(2026, 10, 1)
    g = pvt(einde)
    with time_machine.travel(datetime(2026, 10, 5, 10, tzinfo=AMS), tick=False):
        pvt_wijzigen(actor=medewerker, gemeente=groningen, persoon=g.persoon,
                     data={"reden_niet_voldaan": R.WEIGERT_DEELNAME}, versie=g.versiekenmerk)  # fmt: skip
    assert ss604_geen_reden_na_twee_weken(date(2026, 10, 15)) == 0  # registered
    with time_machine.travel(datetime(2026, 10, 20, 3, tzinfo=AMS), tick=False):
        assert registraties_definitief_maken() == 1
    g.refresh_from_db()
    assert g.reden_niet_voldaan == R.WEIGERT_DEELNAME and g.definitief and g.datum_einde_pvt_plicht == einde
    assert ss604_geen_reden_na_twee_weken(VANDAAG) == 0  # final for this term
    assert ss603_termijn_overschreden(VANDAAG) == 1  # the term has passed without signature all the same
    with time_machine.travel(datetime(2026, 10, 21, 9, tzinfo=AMS), tick=False):
        duo.wi2013_bijwerken(
            actor="DUO", persoon=g.persoon, data={"datum_einde_pvt_plicht": date(2026, 11, 1)}
        )
    g.refresh_from_db()
    assert g.reden_niet_voldaan == "" and not g.definitief  # open for the second overrun's reason
    assert ss604_geen_reden_na_twee_weken(date(2026, 11, 14)) == 0
    assert ss604_geen_reden_na_twee_weken(date(2026, 11, 15)) == 1  # second overrun, no reason yet
    assert sorted(Signaal.objects.values_list("code", flat=True)) == ["SS603", "SS604", "SS609"]
