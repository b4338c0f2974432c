"""Issue 13 item 5, permissions of every endpoint: a person of another gemeente is 404 (FS 617), a key with
only read roles is refused on every write (403, geen_rol), an expired, revoked, wrong or missing key is
refused everywhere (401, with its own code). The table below must name every operation of the schema."""

from datetime import timedelta

from django.utils import timezone

import pytest
import yaml
from rest_framework.test import APIClient

from api import services
from inburgering.constants import Rol, Wet
from tests.api.conftest import LEESROLLEN
from tests.factories import SignaalFactory

pytestmark = pytest.mark.django_db

P = "{persoon_id}"
# (method, path, law of the person in {persoon_id}, writes)
ENDPOINTS = [
    ("post", "/api/v1/personen/zoeken/", None, False),
    ("get", f"/api/v1/wi2007/personen/{P}/", Wet.WI2007, False),
    ("get", f"/api/v1/wi2013/personen/{P}/", Wet.WI2013, False),
    ("put", f"/api/v1/wi2013/personen/{P}/pvt/", Wet.WI2013, True),
    ("post", f"/api/v1/wi2013/personen/{P}/factuur/", Wet.WI2013, True),
    ("put", f"/api/v1/wi2013/personen/{P}/factuur/", Wet.WI2013, True),
    ("delete", f"/api/v1/wi2013/personen/{P}/factuur/", Wet.WI2013, True),
    ("get", f"/api/v1/wi2021/personen/{P}/", Wet.WI2021, False),
    ("post", f"/api/v1/wi2021/personen/{P}/pip/", Wet.WI2021, True),
    ("put", f"/api/v1/wi2021/personen/{P}/pip/", Wet.WI2021, True),
    ("delete", f"/api/v1/wi2021/personen/{P}/pip/", Wet.WI2021, True),
    ("get", "/api/v1/wi2021/instellingen/", None, False),
    ("post", f"/api/v1/wi2021/personen/{P}/aanbod/", Wet.WI2021, True),
    ("put", f"/api/v1/wi2021/personen/{P}/aanbod/{{aanbod_id}}/", Wet.WI2021, True),
    ("delete", f"/api/v1/wi2021/personen/{P}/aanbod/{{aanbod_id}}/", Wet.WI2021, True),
    ("post", f"/api/v1/wi2021/personen/{P}/map/", Wet.WI2021, True),
    ("put", f"/api/v1/wi2021/personen/{P}/map/", Wet.WI2021, True),
    ("delete", f"/api/v1/wi2021/personen/{P}/map/", Wet.WI2021, True),
    ("post", f"/api/v1/wi2021/personen/{P}/pvt/", Wet.WI2021, True),
    ("put", f"/api/v1/wi2021/personen/{P}/pvt/", Wet.WI2021, True),
    ("delete", f"/api/v1/wi2021/personen/{P}/pvt/", Wet.WI2021, True),
    ("get", f"/api/v1/wi2021/personen/{P}/uren/", Wet.WI2021, False),
    ("post", f"/api/v1/wi2021/personen/{P}/uren/", Wet.WI2021, True),
    ("post", f"/api/v1/wi2021/personen/{P}/uren/instelling/", Wet.WI2021, True),
    ("get", "/api/v1/wi2007/signalen/", None, False),
    ("get", "/api/v1/wi2013/signalen/", None, False),
    ("get", "/api/v1/wi2021/signalen/", None, False),
    ("post", "/api/v1/wi2013/signalen/status/", None, True),
    ("post", "/api/v1/wi2021/signalen/status/", None, True),
    ("get", "/api/v1/downloads/", None, False),
    ("get", "/api/v1/downloads/{bestand_id}/", None, False),
    ("get", "/api/v1/downloads/documenten/{sleutel}/", None, False),
]
SCHRIJVEN = [e for e in ENDPOINTS if e[3]]
PERSOON = [e for e in ENDPOINTS if e[2]]


@pytest.fixture
def personen(groningen, almere, wi2007_persoon, wi2013_pvt, plicht):
    def per_wet(gemeente):
        return {
            Wet.WI2007: wi2007_persoon(gemeente),
            Wet.WI2013: wi2013_pvt(gemeente).persoon,
            Wet.WI2021: plicht(gemeente).persoon,
        }

    return {"thuis": per_wet(groningen), "elders": per_wet(almere)}


def _pad(pad: str, persoon=None) -> str:
    return (
        pad.replace(P, str(persoon.pk if persoon else 1))
        .replace("{bestand_id}", "1")
        .replace("{aanbod_id}", "1")
        .replace("{sleutel}", "x")
    )


def _roep(client, methode: str, pad: str):
    return getattr(client, methode)(pad, {}, format="json")


def test_issue13_the_permission_table_names_every_operation_of_the_schema(client):
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    operaties = {(m, pad) for pad, ops in schema["paths"].items() for m in ops if m != "parameters"}
    assert operaties == {(m, pad) for m, pad, _, _ in ENDPOINTS}


@pytest.mark.parametrize(("methode", "pad", "wet", "_"), PERSOON, ids=[f"{e[0]} {e[1]}" for e in PERSOON])
def test_issue13_person_of_another_gemeente_is_404_fs617(cvs, personen, methode, pad, wet, _):
    client = cvs()
    response = _roep(client, methode, _pad(pad, personen["elders"][wet]))
    assert response.status_code == 404
    assert response.json()["code"] == "FS 617"
    assert response.json()["melding"] == "Persoon is volgens de BRP niet woonachtig in uw gemeente"
    # The own gemeente's person is not refused for that reason.
    assert _roep(client, methode, _pad(pad, personen["thuis"][wet])).status_code != 404


def test_issue13_lookup_of_a_person_of_another_gemeente_is_404_fs617(cvs, personen):
    client = cvs()
    for wet, persoon in personen["elders"].items():
        response = client.post("/api/v1/personen/zoeken/", {"bsn": persoon.bsn}, format="json")
        assert (response.status_code, response.json()["code"]) == (404, "FS 617"), wet
        thuis = client.post("/api/v1/personen/zoeken/", {"bsn": personen["thuis"][wet].bsn}, format="json")
        assert thuis.json()["id"] == personen["thuis"][wet].pk


@pytest.mark.parametrize(("methode", "pad", "wet", "_"), SCHRIJVEN, ids=[f"{e[0]} {e[1]}" for e in SCHRIJVEN])
def test_issue13_read_key_is_refused_on_every_write_with_403(cvs, personen, methode, pad, wet, _):
    client = cvs(rollen=LEESROLLEN)
    persoon = personen["thuis"][wet] if wet else None
    response = _roep(client, methode, _pad(pad, persoon))
    assert response.status_code == 403
    assert response.json() == {
        "code": "geen_rol",
        "melding": "U hebt geen rol waarmee u deze gegevens mag wijzigen.",
        "velden": {},
    }


def test_issue13_key_without_the_law_role_is_refused_on_its_reads(cvs, personen):
    client = cvs(rollen=[Rol.WI2013])
    response = client.get(f"/api/v1/wi2021/personen/{personen['thuis'][Wet.WI2021].pk}/")
    assert (response.status_code, response.json()["code"]) == (403, "geen_rol")
    assert client.get("/api/v1/wi2007/signalen/").status_code == 403
    # The lookup never tells a law the key cannot read.
    gezocht = client.post(
        "/api/v1/personen/zoeken/", {"bsn": personen["thuis"][Wet.WI2021].bsn}, format="json"
    )
    assert (gezocht.status_code, gezocht.json()["code"]) == (404, "FS 617")


def _alle(client) -> list[tuple[str, int, dict]]:
    return [
        (f"{m} {pad}", *(lambda r: (r.status_code, r.json()))(_roep(client, m, _pad(pad))))
        for m, pad, _, _ in ENDPOINTS
    ]


def test_issue13_expired_key_is_refused_everywhere_with_401(cvs, beheerder, groningen):
    client = cvs()
    client.sleutel.__class__.objects.filter(pk=client.sleutel.pk).update(
        expiry_date=timezone.now() - timedelta(seconds=1)
    )
    for wat, status, body in _alle(client):
        assert (status, body["code"]) == (401, "sleutel_verlopen"), wat


def test_issue13_revoked_key_is_refused_everywhere_with_401(cvs, beheerder):
    client = cvs()
    assert client.get("/api/v1/downloads/").status_code == 200
    services.sleutel_intrekken(actor=beheerder, sleutel=client.sleutel)
    for wat, status, body in _alle(client):
        assert (status, body["code"]) == (401, "sleutel_ingetrokken"), wat


def test_issue13_wrong_or_missing_key_is_refused_everywhere_with_401(cvs):
    echt = cvs()
    prefix = echt.sleutel.prefix
    for kop, code in ((f"Applicatiesleutel {prefix}.verkeerd-geheim", "sleutel_ongeldig"),
                      ("Applicatiesleutel onbekend.sleutel", "sleutel_ongeldig"),
                      ("Applicatiesleutel", "sleutel_ongeldig"), ("Bearer iets", "sleutel_ontbreekt"),
                      (None, "sleutel_ontbreekt")):  # fmt: skip
        client = APIClient()
        if kop:
            client.credentials(HTTP_AUTHORIZATION=kop)
        for m, pad, _, _ in ENDPOINTS:
            response = _roep(client, m, _pad(pad))
            assert (response.status_code, response.json()["code"]) == (401, code), (kop, m, pad)
            assert response["WWW-Authenticate"] == 'Applicatiesleutel realm="api"'


def test_issue13_signals_and_files_of_another_gemeente_stay_hidden(cvs, personen, almere):
    from inburgering.models import Downloadbestand

    elders = SignaalFactory(persoon=personen["elders"][Wet.WI2013], wet=Wet.WI2013, code="SS601")
    thuis = SignaalFactory(persoon=personen["thuis"][Wet.WI2013], wet=Wet.WI2013, code="SS601")
    client = cvs()
    lijst = client.get("/api/v1/wi2013/signalen/").json()
    assert [s["id"] for s in lijst["resultaten"]] == [thuis.pk]
    uitkomst = client.post("/api/v1/wi2013/signalen/status/", {"ids": [elders.pk, thuis.pk], "status": "afgehandeld"},
                           format="json").json()  # fmt: skip
    assert (uitkomst["gewijzigd"], uitkomst["niet_gevonden"]) == (1, 1)
    elders.refresh_from_db()
    assert elders.status == "nieuw"
    bestand = Downloadbestand.objects.create(gemeente=almere, wet=Wet.WI2013, extract="x", bestandsnaam="x.zip",
                                             peildatum=timezone.localdate())  # fmt: skip
    response = client.get(f"/api/v1/downloads/{bestand.pk}/")
    assert (response.status_code, response.json()["code"]) == (404, "niet_gevonden")
