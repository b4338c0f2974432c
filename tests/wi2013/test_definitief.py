"""13-3 / §7: the daily job that makes registrations final after their two-week window, run through the
Celery task with a frozen clock (twice, or the next day, it never does anything twice), and issue 9:

- item 1: a final reden niet voldaan stays — shown, locked, in column O — until DUO sets a new term;
  then it is cleared (kept in the history) and the gemeente can register the reason of the new term.
  Registering again within the window does not restart the window.
- item 2: "Gemeente Einde PVT" is the gemeente that registers the datum voldaan (seed 000 §4.4).
"""

import csv
import io
import zipfile
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import extract
from inburgering.ketenberichten import verwerk_bericht
from inburgering.models import AuditActie, AuditEntry
from inburgering.regels import Geweigerd
from tests.factories import PersoonFactory, UserFactory
from wi2013 import meldingen, tasks
from wi2013.constants import RedenNietVoldaan as R
from wi2013.extracten import REDEN_TEKSTEN
from wi2013.models import PvtHistorie, Wi2013Persoon
from wi2013.services import pvt_wijzigen

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
EINDE = date(2026, 6, 1)
GEREGISTREERD = datetime(2026, 6, 15, 10, 0, tzinfo=AMS)
NACHT = GEREGISTREERD + timedelta(days=14, hours=17)  # 03:00 the night after the window closed


@pytest.fixture
def pvt(groningen):
    def maak() -> Wi2013Persoon:
        persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
        return Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2025, 6, 1),
                                            datum_einde_pvt_plicht=EINDE)  # fmt: skip

    return maak


def wijzig(user, gemeente, g, moment=GEREGISTREERD, **data):
    with time_machine.travel(moment, tick=False):
        versie = Wi2013Persoon.objects.get(pk=g.pk).versiekenmerk
        return pvt_wijzigen(actor=user, gemeente=gemeente, persoon=g.persoon, data=data, versie=versie)


registreer = wijzig


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


def historie(g) -> list[tuple]:
    return list(PvtHistorie.objects.filter(gegevens=g).order_by("id")
                .values_list("gebeurtenis", "reden_niet_voldaan", "datum_einde_pvt_plicht"))  # fmt: skip


def nieuwe_termijn(g, einde: date, moment: datetime, soort="wi2013_gegevens_gewijzigd", nr=1) -> None:
    """DUO sets a new datum einde PVT-plicht through the chain-event feed."""
    gegevens = {"datum_einde_pvt_plicht": einde.isoformat()}
    if soort == "wi2013_pvt_vastgesteld":
        gegevens["datum_start_pvt_plicht"] = "2025-06-01"
    with time_machine.travel(moment, tick=False):
        verwerk_bericht(
            {"id": f"duo-termijn-{g.pk}-{nr}", "type": soort, "bsn": g.persoon.bsn, "gegevens": gegevens}
        )


def test_item1_task_finalises_once_and_the_final_reason_stays(pvt, medewerker, groningen):
    voldaan, reden, te_jong = pvt(), pvt(), pvt()
    registreer(medewerker, groningen, voldaan, datum_start_deelname=date(2026, 5, 1),
               datum_einde_deelname=date(2026, 5, 20), datum_voldaan=date(2026, 5, 20))  # fmt: skip
    registreer(medewerker, groningen, reden, reden_niet_voldaan=R.REAGEERT_NIET)
    wijzig(
        medewerker,
        groningen,
        te_jong,
        GEREGISTREERD + timedelta(days=5),
        reden_niet_voldaan=R.WEIGERT_DEELNAME,
    )

    assert draai(GEREGISTREERD + timedelta(days=13, hours=23)) == 0  # still within the two weeks
    assert draai(NACHT) == 2
    na_eerste = stand()
    assert draai(NACHT) == 0  # the same night again: nothing
    assert draai(NACHT + timedelta(days=1)) == 0  # the next night: nothing for these two
    assert stand() == na_eerste

    voldaan.refresh_from_db()
    assert voldaan.definitief and voldaan.datum_voldaan == date(2026, 5, 20)
    reden.refresh_from_db()
    # Final and kept: not erased for a next overrun that DUO has not set.
    assert (reden.reden_niet_voldaan, reden.definitief) == (R.REAGEERT_NIET, True)
    assert reden.geregistreerd_op == GEREGISTREERD
    assert historie(reden) == [
        ("geregistreerd", R.REAGEERT_NIET, EINDE),
        ("definitief", R.REAGEERT_NIET, EINDE),
    ]
    te_jong.refresh_from_db()
    assert te_jong.reden_niet_voldaan == R.WEIGERT_DEELNAME and not te_jong.definitief

    # Five days later its window closes too; the first two are not touched again.
    assert draai(GEREGISTREERD + timedelta(days=19, hours=17)) == 1
    assert draai(GEREGISTREERD + timedelta(days=19, hours=17)) == 0
    assert PvtHistorie.objects.filter(gebeurtenis="definitief").count() == 3
    assert not PvtHistorie.objects.filter(gebeurtenis="geschoond").exists()


def test_item1_final_reason_is_shown_locked_and_in_column_o(
    pvt, medewerker, groningen, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    g = pvt()
    registreer(medewerker, groningen, g, reden_niet_voldaan=R.GEEN_AANBOD)
    assert draai(NACHT) == 1

    client = login(medewerker)
    with time_machine.travel(NACHT + timedelta(days=30)):
        pagina = client.get(reverse("wi2013:persoon", kwargs={"persoon": g.persoon_id})).content.decode()
        wijzigen = reverse("wi2013:wijzigen", kwargs={"persoon": g.persoon_id})
        formulier = client.get(wijzigen).content.decode()
        geweigerd = client.post(
            wijzigen, {"reden_niet_voldaan": R.WEIGERT_DEELNAME, "versie": g.versiekenmerk}
        )
    assert R.GEEN_AANBOD.label in pagina and "Definitief vastgelegd" in pagina
    assert f'href="{wijzigen}"' not in pagina  # no Wijzigen button on a final registration
    assert meldingen.DEFINITIEF.tekst in formulier and 'name="reden_niet_voldaan"' not in formulier
    assert meldingen.DEFINITIEF.tekst in geweigerd.content.decode()
    g.refresh_from_db()
    assert g.reden_niet_voldaan == R.GEEN_AANBOD  # the other reason for the same overrun was refused

    bestand = bouw_extract(extract=extract("wi2013_pvt"), gemeente=groningen, peildatum=date(2026, 7, 31))
    with zipfile.ZipFile(tmp_path / bestand.pad) as zf:
        inhoud = zf.read(next(n for n in zf.namelist() if n.endswith(".csv"))).decode("utf-8-sig")
    kop, rij = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert (
        dict(zip(kop, rij, strict=True))["Reden niet voldaan aan PVT-plicht"] == REDEN_TEKSTEN[R.GEEN_AANBOD]
    )


@pytest.mark.parametrize("soort", ["wi2013_gegevens_gewijzigd", "wi2013_pvt_vastgesteld"])
def test_item1_a_new_term_from_duo_reopens_a_final_reason(pvt, medewerker, groningen, soort):
    g = pvt()
    registreer(medewerker, groningen, g, reden_niet_voldaan=R.GEEN_AANBOD)
    assert draai(NACHT) == 1
    with pytest.raises(Geweigerd, match="definitief vastgelegd"):
        wijzig(medewerker, groningen, g, NACHT + timedelta(days=10), reden_niet_voldaan=R.WEIGERT_DEELNAME)

    nieuwe_termijn(g, date(2026, 12, 1), NACHT + timedelta(days=20), soort=soort)
    g.refresh_from_db()
    assert (g.reden_niet_voldaan, g.definitief, g.geregistreerd_op) == ("", False, None)
    assert historie(g)[-1] == ("geschoond", "", date(2026, 12, 1))
    assert AuditEntry.objects.filter(omschrijving__startswith="Reden niet voldaan geschoond").count() == 1

    # The second overrun gets its own reason, with its own two weeks.
    wijzig(
        medewerker,
        groningen,
        g,
        datetime(2026, 12, 10, 10, tzinfo=AMS),
        reden_niet_voldaan=R.WEIGERT_DEELNAME,
    )
    assert draai(datetime(2026, 12, 25, 3, tzinfo=AMS)) == 1
    redenen = list(PvtHistorie.objects.filter(gegevens=g, gebeurtenis="definitief").order_by("id")
                   .values_list("reden_niet_voldaan", "datum_einde_pvt_plicht"))  # fmt: skip
    assert redenen == [(R.GEEN_AANBOD, EINDE), (R.WEIGERT_DEELNAME, date(2026, 12, 1))]


def test_item1_only_a_later_term_reopens_and_never_a_final_datum_voldaan(pvt, medewerker, groningen):
    reden, voldaan = pvt(), pvt()
    registreer(medewerker, groningen, reden, reden_niet_voldaan=R.GEEN_AANBOD)
    registreer(
        medewerker, groningen, voldaan, datum_start_deelname=date(2026, 5, 1), datum_voldaan=date(2026, 5, 20)
    )
    assert draai(NACHT) == 2
    nieuwe_termijn(reden, date(2026, 5, 1), NACHT + timedelta(days=1), nr=1)  # a correction to an earlier end
    nieuwe_termijn(voldaan, date(2026, 12, 1), NACHT + timedelta(days=1), nr=2)
    reden.refresh_from_db()
    voldaan.refresh_from_db()
    assert reden.definitief and reden.reden_niet_voldaan == R.GEEN_AANBOD
    assert voldaan.definitief and voldaan.datum_voldaan == date(2026, 5, 20)
    assert not PvtHistorie.objects.filter(gebeurtenis="geschoond").exists()


def test_item1_registering_again_within_the_window_does_not_restart_it(pvt, medewerker, groningen):
    g = pvt()
    registreer(medewerker, groningen, g, reden_niet_voldaan=R.GEEN_AANBOD)
    dag = timedelta(days=1)
    wijzig(
        medewerker, groningen, g, GEREGISTREERD + 5 * dag, reden_niet_voldaan=R.REAGEERT_NIET
    )  # correction
    wijzig(medewerker, groningen, g, GEREGISTREERD + 6 * dag, reden_niet_voldaan="")  # emptied
    wijzig(medewerker, groningen, g, GEREGISTREERD + 7 * dag, reden_niet_voldaan=R.WEIGERT_DEELNAME)  # again
    g.refresh_from_db()
    assert g.geregistreerd_op == GEREGISTREERD
    assert draai(NACHT) == 1  # final on the first registration's day + 14, not a week later
    g.refresh_from_db()
    assert g.definitief and g.reden_niet_voldaan == R.WEIGERT_DEELNAME


def test_item1_a_window_emptied_again_closes_without_a_final_registration(pvt, medewerker, groningen):
    g = pvt()
    registreer(medewerker, groningen, g, reden_niet_voldaan=R.GEEN_AANBOD)
    wijzig(medewerker, groningen, g, GEREGISTREERD + timedelta(days=2), reden_niet_voldaan="")
    assert draai(NACHT) == 0
    g.refresh_from_db()
    assert (g.definitief, g.geregistreerd_op, g.geregistreerd_door) == (False, None, None)
    # A registration after the window has closed starts a window of its own.
    later = GEREGISTREERD + timedelta(days=20)
    wijzig(medewerker, groningen, g, later, reden_niet_voldaan=R.WEIGERT_DEELNAME)
    g.refresh_from_db()
    assert g.geregistreerd_op == later and not g.definitief


# --- Item 2: Gemeente Einde PVT ------------------------------------------------------------------------


def test_item2_datum_voldaan_sets_gemeente_einde_pvt_on_screen_and_in_column_h(
    pvt, medewerker, groningen, login, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    g = pvt()
    assert g.gemeente_einde_pvt is None
    registreer(
        medewerker, groningen, g, datum_start_deelname=date(2026, 5, 1), datum_voldaan=date(2026, 5, 20)
    )
    g.refresh_from_db()
    assert g.gemeente_einde_pvt == groningen
    wijziging = AuditEntry.objects.get(actie=AuditActie.WIJZIGEN, omschrijving="PVT-gegevens gewijzigd")
    assert wijziging.wijzigingen["gemeente_einde_pvt"] == [None, "Groningen"]

    pagina = (
        login(medewerker).get(reverse("wi2013:persoon", kwargs={"persoon": g.persoon_id})).content.decode()
    )
    assert "Gemeente Einde PVT</th><td" in pagina.replace("\n", "")
    assert pagina.split("Gemeente Einde PVT</th>")[1].split("</td>")[0].endswith(">Groningen")
    bestand = bouw_extract(extract=extract("wi2013_pvt"), gemeente=groningen, peildatum=date(2026, 6, 16))
    with zipfile.ZipFile(tmp_path / bestand.pad) as zf:
        inhoud = zf.read(next(n for n in zf.namelist() if n.endswith(".csv"))).decode("utf-8-sig")
    kop, rij = list(csv.reader(io.StringIO(inhoud), delimiter=";"))
    assert dict(zip(kop, rij, strict=True))["Gemeente einde PVT"] == "Groningen"


def test_item2_removing_the_datum_voldaan_within_the_window_clears_it(pvt, medewerker, groningen):
    g = pvt()
    registreer(
        medewerker, groningen, g, datum_start_deelname=date(2026, 5, 1), datum_voldaan=date(2026, 5, 20)
    )
    # A correction of the date keeps it; removing the date removes it.
    wijzig(medewerker, groningen, g, GEREGISTREERD + timedelta(days=1), datum_start_deelname=date(2026, 5, 1),
           datum_voldaan=date(2026, 5, 21))  # fmt: skip
    g.refresh_from_db()
    assert g.gemeente_einde_pvt == groningen
    wijzig(medewerker, groningen, g, GEREGISTREERD + timedelta(days=2), datum_start_deelname=date(2026, 5, 1))
    g.refresh_from_db()
    assert g.datum_voldaan is None and g.gemeente_einde_pvt is None


def test_item2_it_is_the_gemeente_that_registers_not_the_first_one(pvt, groningen, almere):
    """After a move the new woongemeente registers the signing; it becomes Gemeente Einde PVT."""
    g = pvt()
    g.gemeente_eerste_vestiging = groningen
    g.save()
    g.persoon.woongemeente = almere
    g.persoon.save()
    user = UserFactory(rollen={almere: [Rol.WI2013MUT]})
    registreer(user, almere, g, datum_start_deelname=date(2026, 5, 1), datum_voldaan=date(2026, 5, 20))
    g.refresh_from_db()
    assert (g.gemeente_eerste_vestiging, g.gemeente_einde_pvt) == (groningen, almere)
