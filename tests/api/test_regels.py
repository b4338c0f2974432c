"""Issue 13 item 5: a sample of the screens' rule tests through the API. Same services, so the same FS/AS
codes and verbatim texts, the same version check and the same audit entries — with the key's name."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from inburgering.models import AuditEntry
from wi2013.constants import RedenNietVoldaan
from wi2013.models import Factuur
from wi2013.regels import _datums_voor_reden
from wi2021 import meldingen as m
from wi2021.models import Pip

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _pvt(client, persoon, **velden):
    url = f"/api/v1/wi2013/personen/{persoon.pk}/"
    versie = client.get(url).json()["pvt"]["versie"]
    data = {"datum_start_deelname": None, "datum_einde_deelname": None, "datum_voldaan": None,
            "reden_niet_voldaan": "", "versie": versie, **velden}  # fmt: skip
    return client.put(f"{url}pvt/", data, format="json")


# --- Wi2013 ---------------------------------------------------------------------------------------------


def test_issue13_wi2013_reason_rule_13_3_gives_the_screens_field_messages(cvs, wi2013_pvt):
    gegevens = wi2013_pvt()
    response = _pvt(cvs(), gegevens.persoon, reden_niet_voldaan=RedenNietVoldaan.WEIGERT_DEELNAME,
                    datum_start_deelname="2018-01-10")  # fmt: skip
    assert response.status_code == 422
    body = response.json()
    verwacht = {
        b.veld: b.tekst
        for b in _datums_voor_reden(
            RedenNietVoldaan.WEIGERT_DEELNAME, {"datum_start_deelname": date(2018, 1, 10)}
        ).bevindingen
    }
    assert body["velden"]["datum_start_deelname"] == [
        {"code": "", "melding": verwacht["datum_start_deelname"]}
    ]
    assert body["code"] == "regel" and body["melding"] == verwacht["datum_start_deelname"]
    gegevens.refresh_from_db()
    assert gegevens.reden_niet_voldaan == "" and gegevens.datum_start_deelname is None


def test_issue13_wi2013_reason_before_the_term_passed_is_refused_with_the_timing_rule(cvs, wi2013_pvt):
    gegevens = wi2013_pvt(datum_einde_pvt_plicht=date(2099, 1, 1))
    response = _pvt(cvs(), gegevens.persoon, reden_niet_voldaan=RedenNietVoldaan.REAGEERT_NIET)
    assert response.status_code == 422
    assert (
        "kan pas worden geregistreerd nadat de PV-termijn is overschreden (na 01-01-2099)"
        in (response.json()["velden"]["reden_niet_voldaan"][0]["melding"])
    )


def test_issue13_wi2013_stale_version_is_409_and_saves_nothing(cvs, wi2013_pvt):
    gegevens = wi2013_pvt()
    client = cvs()
    url = f"/api/v1/wi2013/personen/{gegevens.persoon.pk}/"
    oud = client.get(url).json()["pvt"]["versie"]
    assert _pvt(client, gegevens.persoon, datum_voldaan="2018-06-01").status_code == 200
    response = client.put(f"{url}pvt/", {"datum_start_deelname": None, "datum_einde_deelname": None,
                                         "datum_voldaan": "2018-07-01", "reden_niet_voldaan": None, "versie": oud},
                          format="json")  # fmt: skip
    assert response.status_code == 409
    assert response.json()["code"] == "verouderd"
    assert response.json()["melding"].startswith("Deze gegevens zijn intussen door een ander gewijzigd.")
    gegevens.refresh_from_db()
    assert gegevens.datum_voldaan == date(2018, 6, 1)


def test_issue13_wi2013_deceased_person_is_fs602(cvs, wi2013_pvt):
    gegevens = wi2013_pvt()
    gegevens.persoon.datum_overlijden = date(2020, 1, 1)
    gegevens.persoon.save()
    response = _pvt(cvs(), gegevens.persoon, datum_voldaan="2018-06-01")
    assert (response.status_code, response.json()["code"]) == (422, "FS 602")
    assert response.json()["melding"] == "Persoon is volgens BRP overleden"


def test_issue13_wi2013_factuur_add_change_delete_with_versions(cvs, wi2013_pvt, groningen):
    groningen.iban = "NL91ABNA0417164300"
    groningen.save()
    gegevens = wi2013_pvt(datum_voldaan=date(2018, 6, 1), lening_duo=True)
    client = cvs()
    url = f"/api/v1/wi2013/personen/{gegevens.persoon.pk}/factuur/"
    fout = client.post(
        url, {"factuurnummer": "AB-12", "factuurdatum": "2024-01-02", "debiteurnummer": "D1"}, format="json"
    )
    assert fout.status_code == 422
    assert fout.json()["velden"]["factuurnummer"][0]["melding"].startswith(
        "Het factuurnummer mag maximaal 16 posities"
    )
    nieuw = client.post(
        url, {"factuurnummer": "AB12", "factuurdatum": "2024-01-02", "debiteurnummer": "D1"}, format="json"
    )
    assert nieuw.status_code == 201 and nieuw.json()["bedrag"] == "150.00"
    dubbel = client.post(
        url, {"factuurnummer": "AB13", "factuurdatum": "2024-01-02", "debiteurnummer": "D1"}, format="json"
    )
    assert (dubbel.status_code, dubbel.json()["code"]) == (422, "al_een_factuur")
    gewijzigd = client.put(url, {"factuurnummer": "AB99", "factuurdatum": "2024-01-02", "debiteurnummer": "D1",
                                 "versie": nieuw.json()["versie"]}, format="json")  # fmt: skip
    assert gewijzigd.status_code == 200 and gewijzigd.json()["factuurnummer"] == "AB99"
    assert client.delete(f"{url}?versie={nieuw.json()['versie']}").status_code == 409
    assert client.delete(f"{url}?versie={gewijzigd.json()['versie']}").status_code == 204
    assert not Factuur.objects.exists()
    sleutel = client.sleutel.name
    assert list(AuditEntry.objects.filter(gebruiker=sleutel, object_type="wi2013.Factuur").values_list("actie", flat=True)
                .order_by("id")) == ["aanmaken", "wijzigen", "verwijderen"]  # fmt: skip


def test_issue13_audit_entries_name_the_key(cvs, wi2013_pvt):
    gegevens = wi2013_pvt()
    client = cvs(naam="CVS Groningen (Leverancier X)")
    client.get(f"/api/v1/wi2013/personen/{gegevens.persoon.pk}/")
    assert _pvt(client, gegevens.persoon, datum_voldaan="2018-06-01").status_code == 200
    entries = AuditEntry.objects.filter(bsn=gegevens.persoon.bsn).order_by("id")
    assert [(e.gebruiker, e.actie) for e in entries][-3:] == [
        ("CVS Groningen (Leverancier X)", "bekijken"),  # the GET above
        ("CVS Groningen (Leverancier X)", "bekijken"),  # _pvt reads the version first
        ("CVS Groningen (Leverancier X)", "wijzigen"),
    ]
    assert entries.first().omschrijving == "API: Persoonsscherm WI2013"
    assert gegevens.historie.get().gebruiker == "CVS Groningen (Leverancier X)"


# --- Wi2021 ---------------------------------------------------------------------------------------------

PIP = {"dagtekening": "2024-05-20", "leerroute": "B1", "alfabetisering": "NVT", "geschatte_uren": 600}


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_issue13_wi2021_fs677_dagtekening_before_the_plicht(cvs, plicht):
    p = plicht()
    response = cvs().post(f"/api/v1/wi2021/personen/{p.persoon.pk}/pip/", {**PIP, "dagtekening": "2024-02-01"},
                          format="json")  # fmt: skip
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "FS 677"
    assert body["velden"]["dagtekening"][0]["code"] == "FS 677"
    assert body["melding"] == m.FS677.weergave().removeprefix("FS 677 ")
    assert not Pip.objects.exists()


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_issue13_wi2021_as605_needs_explicit_confirmation(cvs, plicht):
    p = plicht()
    client = cvs()
    url = f"/api/v1/wi2021/personen/{p.persoon.pk}/pip/"
    response = client.post(url, {**PIP, "niveau": "A2"}, format="json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "bevestiging_nodig"
    assert [(a["code"], a["veld"], a["bevestigingssleutel"]) for a in body["attenties"]] == [
        ("AS 605", "niveau", "AS 605")
    ]
    assert body["attenties"][0]["melding"] == m.AS605.weergave().removeprefix("AS 605 ")
    assert not Pip.objects.exists()
    bevestigd = client.post(url, {**PIP, "niveau": "A2", "bevestigd": ["AS 605"]}, format="json")
    assert bevestigd.status_code == 201, bevestigd.json()
    assert bevestigd.json()["niveau"] == "A2"
    entry = AuditEntry.objects.get(object_type="wi2021.Pip")
    assert (
        entry.gebruiker == client.sleutel.name and entry.omschrijving == "PIP doorgegeven (bevestigd: AS 605)"
    )


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_issue13_wi2021_pip_change_with_version_and_delete_in_the_window(cvs, plicht):
    p = plicht()
    client = cvs()
    url = f"/api/v1/wi2021/personen/{p.persoon.pk}/pip/"
    pip = client.post(url, PIP, format="json").json()
    persoon = client.get(f"/api/v1/wi2021/personen/{p.persoon.pk}/").json()
    assert persoon["acties"] == {
        "pip_doorgeven": False, "pip_wijzigen": True, "pip_verwijderen": True, "aanbod_toevoegen": True,
        "map_doorgeven": True, "map_wijzigen": False, "map_verwijderen": False, "pvt_doorgeven": True,
        "pvt_wijzigen": False, "pvt_verwijderen": False, "uren_doorgeven": True, "uren_instelling_doorgeven": True,
    }  # fmt: skip
    assert persoon["pip"]["correctietermijn_tot"] == "2024-06-14"
    gewijzigd = client.put(url, {**PIP, "dagtekening": "2024-05-25", "versie": pip["versie"]}, format="json")
    assert gewijzigd.status_code == 200, gewijzigd.json()
    oud = client.put(url, {**PIP, "dagtekening": "2024-05-26", "versie": pip["versie"]}, format="json")
    assert (oud.status_code, oud.json()["code"]) == (409, "verouderd")
    assert client.delete(f"{url}?versie={gewijzigd.json()['versie']}").status_code == 204
    assert client.get(f"/api/v1/wi2021/personen/{p.persoon.pk}/").json()["pip"] is None


def test_issue13_wi2021_person_without_plicht_is_fs655(cvs, groningen):
    from inburgering.constants import Wet
    from tests.factories import PersoonFactory

    persoon = PersoonFactory(wet=Wet.WI2021, woongemeente=groningen)
    response = cvs().get(f"/api/v1/wi2021/personen/{persoon.pk}/")
    assert (response.status_code, response.json()["code"]) == (403, "FS 655")
