"""Wi2013 chain events (docs/ketenberichten.md, section Wi2013): applied through wi2013.duo with their
signals, idempotent on replay, and every bad line reported with its number."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.management import CommandError, call_command

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.ketenberichten import berichttypen
from inburgering.models import AuditEntry, VerwerktEvent
from signalen.models import Signaal
from tests.factories import PersoonFactory
from wi2013 import ketenberichten
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 11, 22, 10, 0, tzinfo=AMS)
TYPEN = ("wi2013_pvt_vastgesteld", "wi2013_gegevens_gewijzigd", "factuur_geaccepteerd", "factuur_geweigerd",
         "factuur_status")  # fmt: skip


@pytest.fixture(autouse=True)
def wi2013_typen():
    ketenberichten.registreer()  # idempotent; what ready() will call


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield


def feed(tmp_path, *berichten, naam="feed.jsonl"):
    pad = tmp_path / naam
    pad.write_text(
        "\n".join(b if isinstance(b, str) else json.dumps(b) for b in berichten) + "\n", encoding="utf-8"
    )
    return str(pad)


def bericht(event_id, soort, bsn, gegevens=None):
    b = {"id": event_id, "type": soort, "bsn": bsn}
    if gegevens is not None:
        b["gegevens"] = gegevens
    return b


def signalen():
    return sorted(Signaal.objects.values_list("code", "gemeente__code"))


@pytest.fixture
def persoon(groningen):
    return PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)


def test_types_are_registered():
    assert set(TYPEN) <= set(berichttypen())


def test_pvt_vastgesteld_makes_pvt_plichtig_with_signals(tmp_path, persoon, groningen):
    call_command("import_events", feed(tmp_path, bericht("d1", "wi2013_pvt_vastgesteld", persoon.bsn, {
        "datum_start_pvt_plicht": "2026-03-18", "datum_einde_pvt_plicht": "2027-01-17"})))  # fmt: skip
    g = Wi2013Persoon.objects.get(persoon=persoon)
    assert g.pvt_plichtig is True and g.datum_start_pvt_plicht == date(2026, 3, 18)
    assert g.datum_einde_pvt_plicht == date(2027, 1, 17)
    assert (
        g.gemeente_eerste_vestiging == groningen
    )  # "waar iemand woont op het moment dat hij PVT-plichtig …"
    assert signalen() == [("SS601", "0014"), ("SS608", "0014"), ("SS609", "0014")]
    assert AuditEntry.objects.get(bsn=persoon.bsn).gebruiker == "ketenberichten-import"


def test_gegevens_gewijzigd_every_duo_field(tmp_path, persoon, almere):
    Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2026, 3, 18),
                                 datum_einde_pvt_plicht=date(2027, 1, 17))  # fmt: skip
    call_command("import_events", feed(tmp_path, bericht("d2", "wi2013_gegevens_gewijzigd", persoon.bsn, {
        "indicatie_inburgeringsplicht": False, "gemeente_eerste_vestiging": "34", "gemeente_einde_pvt": "0034",
        "pvt_plichtig": False, "datum_start_pvt_plicht": None, "datum_einde_pvt_plicht": "2027-02-01",
        "recht_op_mb": True, "mb_gemeld_bzk": True, "mb_gemeld_jaar": 2026, "lening_duo": True})))  # fmt: skip
    g = Wi2013Persoon.objects.get(persoon=persoon)
    assert (g.indicatie_inburgeringsplicht, g.gemeente_eerste_vestiging, g.gemeente_einde_pvt) == (
        False,
        almere,
        almere,
    )
    assert (g.pvt_plichtig, g.datum_start_pvt_plicht, g.datum_einde_pvt_plicht) == (
        False,
        None,
        date(2027, 2, 1),
    )
    assert (g.recht_op_mb, g.mb_gemeld_bzk, g.mb_gemeld_jaar, g.lening_duo) == (True, True, 2026, True)
    assert [code for code, _ in signalen()] == ["SS606", "SS607", "SS608", "SS609", "SS610"]


def test_replaying_the_file_and_the_same_change_under_another_id_signal_nothing(tmp_path, persoon):
    pad = feed(tmp_path,
               bericht("d1", "wi2013_pvt_vastgesteld", persoon.bsn,
                       {"datum_start_pvt_plicht": "2026-03-18", "datum_einde_pvt_plicht": "2027-01-17"}),
               bericht("d2", "wi2013_gegevens_gewijzigd", persoon.bsn, {"datum_einde_pvt_plicht": "2027-03-01"}),
               bericht("d3", "wi2013_gegevens_gewijzigd", persoon.bsn, {"recht_op_mb": True}))  # fmt: skip
    call_command("import_events", pad)
    voor = (signalen(), AuditEntry.objects.count(), VerwerktEvent.objects.count())
    assert len(voor[0]) == 5
    call_command("import_events", pad)
    assert (signalen(), AuditEntry.objects.count(), VerwerktEvent.objects.count()) == voor
    # The same messages re-sent by the source under new ids: the end date goes back and forth again (and
    # that is audited), but each new value is a fact signalled before, so no signal comes twice.
    with open(pad, encoding="utf-8") as fh:
        opnieuw = [json.loads(r) | {"id": "n" + json.loads(r)["id"]} for r in fh]
    call_command("import_events", feed(tmp_path, *opnieuw, naam="2.jsonl"))
    assert signalen() == voor[0]
    assert Wi2013Persoon.objects.get(persoon=persoon).datum_einde_pvt_plicht == date(2027, 3, 1)


@pytest.fixture
def factuur(persoon, groningen):
    g = Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, lening_duo=True,
                                     datum_voldaan=date(2026, 6, 1))  # fmt: skip
    return Factuur.objects.create(gegevens=g, gemeente=groningen, factuurnummer="FACT11",
                                  factuurdatum=date(2026, 7, 30), debiteurnummer="BX771080")  # fmt: skip


def test_factuur_events(tmp_path, factuur):
    bsn = factuur.gegevens.persoon.bsn
    call_command("import_events", feed(tmp_path, bericht("m1", "factuur_geweigerd", bsn),
                                       bericht("m2", "factuur_status", bsn, {"status": 2}),
                                       bericht("m3", "factuur_geaccepteerd", bsn),
                                       bericht("m4", "factuur_status", bsn, {"status": "5"})))  # fmt: skip
    factuur.refresh_from_db()
    assert factuur.geaccepteerd is True and factuur.status == "5"
    assert signalen() == [("SS611", "0014"), ("SS612", "0014")]
    assert AuditEntry.objects.filter(bsn=bsn).count() == 4


def test_bad_lines_are_reported_and_the_rest_goes_on(tmp_path, persoon, groningen, capsys):
    ander = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    pad = feed(
        tmp_path,
        bericht("x1", "wi2013_pvt_vastgesteld", persoon.bsn, {"datum_start_pvt_plicht": "2026-03-18"}),
        bericht("x2", "wi2013_gegevens_gewijzigd", persoon.bsn, {"datum_start_pvt_plicht": "18-03-2026"}),
        bericht("x3", "wi2013_gegevens_gewijzigd", persoon.bsn, {"gemeente_einde_pvt": "9999"}),
        bericht("x4", "wi2013_gegevens_gewijzigd", persoon.bsn, {"pvt_plichtig": "J"}),
        bericht("x5", "wi2013_gegevens_gewijzigd", persoon.bsn, {"datum_voldaan": "2026-05-01"}),
        bericht("x6", "wi2013_gegevens_gewijzigd", ander.bsn, {"recht_op_mb": True}),
        bericht("x7", "factuur_geaccepteerd", persoon.bsn),
        bericht("x8", "factuur_status", persoon.bsn, {"status": 6}),
        bericht("x9", "wi2013_gegevens_gewijzigd", persoon.bsn, {"mb_gemeld_jaar": "2026"}),
        bericht("x10", "wi2013_gegevens_gewijzigd", persoon.bsn, {"mb_gemeld_bzk": True}),
        bericht("x11", "wi2013_gegevens_gewijzigd", persoon.bsn),
        bericht("x12", "wi2013_pvt_vastgesteld", persoon.bsn, {"datum_start_pvt_plicht": "2026-03-18",
                                                                "datum_einde_pvt_plicht": "2027-01-17",
                                                                "pvt_plichtig": False}),
        bericht("ok", "wi2013_gegevens_gewijzigd", persoon.bsn, {"recht_op_mb": True}),
    )  # fmt: skip
    with pytest.raises(CommandError, match="12 regel"):
        call_command("import_events", pad)
    fouten = capsys.readouterr().err
    for regel in (
        "regel 1: verplicht: datum_einde_pvt_plicht",
        "regel 2: 'datum_start_pvt_plicht' is geen datum (jjjj-mm-dd): '18-03-2026'",
        "regel 3: 'gemeente_einde_pvt': onbekende gemeentecode '9999'",
        "regel 4: 'pvt_plichtig' moet true of false zijn",
        "regel 5: onbekende velden: datum_voldaan",
        f"regel 6: BSN {ander.bsn} valt niet onder de Wi2013",
        f"regel 7: van BSN {persoon.bsn} is geen factuur bekend",
        "regel 8: 'status' moet 1 tot en met 5 zijn",
        "regel 9: 'mb_gemeld_jaar' moet een jaartal zijn",
        "regel 10: 'Maatschappelijke begeleiding gemeld bij BZK' is alleen gevuld",
        "regel 11: 'gegevens' ontbreekt of is leeg",
        "regel 12: 'pvt_plichtig' is bij wi2013_pvt_vastgesteld altijd true",
    ):
        assert regel in fouten
    assert list(VerwerktEvent.objects.values_list("event_id", flat=True)) == ["ok"]
    assert Wi2013Persoon.objects.get(persoon=persoon).recht_op_mb is True
    assert signalen() == [("SS610", "0014")]


def test_docs_describe_every_wi2013_type():
    with open("docs/ketenberichten.md", encoding="utf-8") as fh:
        tekst = fh.read().split("## Wi2013", 1)[1]
    for soort in TYPEN:
        assert f"`{soort}`" in tekst
