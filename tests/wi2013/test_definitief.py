"""13-3 / §7: the daily job that makes registrations final after their two-week window. Run through the
Celery task with a frozen clock: twice, or the next day, it never does anything twice."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.models import AuditEntry
from tests.factories import PersoonFactory
from wi2013 import tasks
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import PvtHistorie, Wi2013Persoon
from wi2013.services import pvt_wijzigen

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
EINDE = date(2026, 6, 1)
GEREGISTREERD = datetime(2026, 6, 15, 10, 0, tzinfo=AMS)


@pytest.fixture
def pvt(groningen):
    def maak() -> Wi2013Persoon:
        persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
        return Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2025, 6, 1),
                                            datum_einde_pvt_plicht=EINDE)  # fmt: skip

    return maak


def registreer(user, gemeente, g, **data):
    with time_machine.travel(GEREGISTREERD, tick=False):
        versie = Wi2013Persoon.objects.get(pk=g.pk).versiekenmerk
        pvt_wijzigen(actor=user, gemeente=gemeente, persoon=g.persoon, data=data, versie=versie)


def draai(moment: datetime) -> int:
    with time_machine.travel(moment, tick=False):
        return tasks.registraties_definitief_maken.delay().get()


def stand():
    return (
        sorted(
            Wi2013Persoon.objects.values_list("pk", "definitief", "reden_niet_voldaan", "geregistreerd_op")
        ),
        sorted(PvtHistorie.objects.values_list("gegevens", "gebeurtenis", "reden_niet_voldaan")),
        AuditEntry.objects.count(),
    )


def test_133_task_finalises_once_clears_the_reason_and_keeps_history(pvt, medewerker, groningen):
    voldaan, reden, te_jong = pvt(), pvt(), pvt()
    registreer(medewerker, groningen, voldaan, datum_start_deelname=date(2026, 5, 1),
               datum_einde_deelname=date(2026, 5, 20), datum_voldaan=date(2026, 5, 20))  # fmt: skip
    registreer(medewerker, groningen, reden, reden_niet_voldaan=R.REAGEERT_NIET)
    with time_machine.travel(GEREGISTREERD + timedelta(days=5), tick=False):
        pvt_wijzigen(actor=medewerker, gemeente=groningen, persoon=te_jong.persoon,
                     data={"reden_niet_voldaan": R.WEIGERT_DEELNAME}, versie=te_jong.versiekenmerk)  # fmt: skip

    assert draai(GEREGISTREERD + timedelta(days=13, hours=23)) == 0  # still within the two weeks
    nacht = GEREGISTREERD + timedelta(days=14, hours=17)  # 03:00 the night after the window closed
    assert draai(nacht) == 2
    na_eerste = stand()
    assert draai(nacht) == 0  # the same night again: nothing
    assert draai(nacht + timedelta(days=1)) == 0  # the next night: nothing for these two
    assert stand() == na_eerste

    voldaan.refresh_from_db()
    assert voldaan.definitief and voldaan.datum_voldaan == date(2026, 5, 20)
    reden.refresh_from_db()
    # Cleared for a second overrun; not final, so the gemeente can register the next reason.
    assert (reden.reden_niet_voldaan, reden.geregistreerd_op, reden.definitief) == ("", None, False)
    historie = list(PvtHistorie.objects.filter(gegevens=reden).order_by("id")
                    .values_list("gebeurtenis", "reden_niet_voldaan", "datum_einde_pvt_plicht"))  # fmt: skip
    assert historie == [
        ("geregistreerd", R.REAGEERT_NIET, EINDE),
        ("definitief", R.REAGEERT_NIET, EINDE),
        ("geschoond", "", EINDE),
    ]
    te_jong.refresh_from_db()
    assert te_jong.reden_niet_voldaan == R.WEIGERT_DEELNAME and not te_jong.definitief

    # Five days later its window closes too; the first two are not touched again.
    assert draai(GEREGISTREERD + timedelta(days=19, hours=17)) == 1
    assert draai(GEREGISTREERD + timedelta(days=19, hours=17)) == 0
    assert PvtHistorie.objects.filter(gebeurtenis="definitief").count() == 3
    assert PvtHistorie.objects.filter(gebeurtenis="geschoond").count() == 2


def test_133_second_overrun_gets_its_own_reason_after_the_job(pvt, medewerker, groningen):
    g = pvt()
    registreer(medewerker, groningen, g, reden_niet_voldaan=R.GEEN_AANBOD)
    assert draai(GEREGISTREERD + timedelta(days=15)) == 1
    Wi2013Persoon.objects.filter(pk=g.pk).update(datum_einde_pvt_plicht=date(2026, 12, 1))  # DUO: new term
    with time_machine.travel(datetime(2026, 12, 10, 10, tzinfo=AMS), tick=False):
        pvt_wijzigen(actor=medewerker, gemeente=groningen, persoon=g.persoon,
                     data={"reden_niet_voldaan": R.WEIGERT_DEELNAME},
                     versie=Wi2013Persoon.objects.get(pk=g.pk).versiekenmerk)  # fmt: skip
    assert draai(datetime(2026, 12, 25, 3, tzinfo=AMS)) == 1
    redenen = list(PvtHistorie.objects.filter(gegevens=g, gebeurtenis="definitief").order_by("id")
                   .values_list("reden_niet_voldaan", "datum_einde_pvt_plicht"))  # fmt: skip
    assert redenen == [(R.GEEN_AANBOD, EINDE), (R.WEIGERT_DEELNAME, date(2026, 12, 1))]
