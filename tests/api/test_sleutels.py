"""Issue 13 item 1: applicatiesleutels — issued in the admin and shown once, stored hashed, revocable,
scoped to one gemeente and its roles (also inside the services), rate limited per key."""

import io
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

import pytest
from rest_framework.test import APIClient

from api import services
from api.models import Applicatiesleutel
from inburgering.access import rollen_voor, vereis_muteren
from inburgering.constants import Rol, Wet
from inburgering.models import AuditEntry
from tests.api.conftest import LEESROLLEN

pytestmark = pytest.mark.django_db


def test_issue13_key_is_stored_hashed_with_a_lookup_prefix(sleutel):
    obj, tekst = sleutel()
    prefix, geheim = tekst.split(".")
    rij = Applicatiesleutel.objects.values().get(pk=obj.pk)
    assert rij["prefix"] == prefix and len(geheim) >= 32
    assert geheim not in str(rij) and rij["hashed_key"].startswith("sha512$$")
    assert obj.is_valid(tekst) and not obj.is_valid(f"{prefix}.{'x' * len(geheim)}")


def test_issue13_admin_issues_a_key_shown_once_and_audited(client, beheerder, groningen):
    client.force_login(beheerder)
    response = client.post("/beheer/api/applicatiesleutel/add/", {
        "name": "CVS Groningen (Leverancier X)", "gemeente": groningen.pk, "rollen": [Rol.WI2013, Rol.WI2013MUT],
        "expiry_date_0": "31-12-2099", "expiry_date_1": "12:00:00",
    })  # fmt: skip
    assert response.status_code == 200, response.content[:2000]
    tekst = re.search(r"<code>([A-Za-z0-9]{8}\.[A-Za-z0-9]{32})</code>", response.content.decode()).group(1)
    obj = Applicatiesleutel.objects.get()
    assert (
        obj.is_valid(tekst)
        and obj.rollen == [Rol.WI2013, Rol.WI2013MUT]
        and obj.aangemaakt_door == "beheerder"
    )
    assert AuditEntry.objects.filter(
        gebruiker="beheerder", actie="aanmaken", omschrijving__contains="uitgegeven"
    ).exists()
    # Never again: not on the change page, not in the list.
    for url in (f"/beheer/api/applicatiesleutel/{obj.pk}/change/", "/beheer/api/applicatiesleutel/"):
        assert tekst.split(".")[1] not in client.get(url).content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Applicatiesleutel {tekst}")
    assert api.get("/api/v1/wi2013/signalen/").status_code == 200
    assert api.get("/api/v1/wi2021/signalen/").status_code == 403  # no Wi2021 role on this key


def test_issue13_admin_revokes_a_key_for_good(client, beheerder, cvs):
    api = cvs()
    client.force_login(beheerder)
    client.post(
        "/beheer/api/applicatiesleutel/", {"action": "intrekken", "_selected_action": [api.sleutel.pk]}
    )
    response = api.get("/api/v1/downloads/")
    assert (response.status_code, response.json()["code"]) == (401, "sleutel_ingetrokken")
    assert AuditEntry.objects.filter(gebruiker="beheerder", omschrijving__contains="ingetrokken").exists()
    sleutel = Applicatiesleutel.objects.get(pk=api.sleutel.pk)
    sleutel.revoked = False
    with pytest.raises(ValidationError):
        sleutel.save()


def test_issue13_key_name_never_takes_a_users_name(beheerder, groningen):
    with pytest.raises(ValidationError) as fout:
        services.sleutel_uitgeven(actor=beheerder, naam="Beheerder", gemeente=groningen, rollen=[Rol.WI2013])
    assert "gebruiker met deze naam" in str(fout.value)
    with pytest.raises(ValidationError):
        services.sleutel_uitgeven(actor=beheerder, naam="CVS", gemeente=groningen, rollen=["BESTAAT_NIET"])


def test_issue13_services_check_the_key_itself_from_the_database(sleutel, beheerder, groningen, almere):
    """inburgering.access.rollen_voor: the actor hook. The key's roles hold for its gemeente only, and
    revoking takes effect inside a running service call too."""
    lezen, _ = sleutel(rollen=LEESROLLEN)
    muteren, _ = sleutel()
    assert rollen_voor(muteren, groningen) == frozenset(Rol.values)
    assert rollen_voor(muteren, almere) == frozenset()
    with pytest.raises(PermissionDenied):
        vereis_muteren(actor=lezen, gemeente=groningen, wet=Wet.WI2013)
    vereis_muteren(actor=muteren, gemeente=groningen, wet=Wet.WI2013)
    services.sleutel_intrekken(actor=beheerder, sleutel=muteren)
    with pytest.raises(PermissionDenied):
        vereis_muteren(actor=muteren, gemeente=groningen, wet=Wet.WI2013)


def test_issue13_key_of_an_inactive_gemeente_is_refused(cvs, groningen):
    client = cvs()
    groningen.actief = False
    groningen.save()
    response = client.get("/api/v1/downloads/")
    assert (response.status_code, response.json()["code"]) == (401, "gemeente_inactief")


def test_issue13_rate_limit_per_key(cvs, settings):
    settings.PIB_API_LIMIET = "3/min"
    eerste, tweede = cvs(), cvs()
    assert [eerste.get("/api/v1/downloads/").status_code for _ in range(3)] == [200, 200, 200]
    response = eerste.get("/api/v1/downloads/")
    assert response.status_code == 429
    assert response.json()["code"] == "te_veel_verzoeken" and int(response["Retry-After"]) > 0
    assert tweede.get("/api/v1/downloads/").status_code == 200  # another key has its own budget


def test_issue13_api_answers_are_json_and_never_cached(cvs):
    client = cvs()
    response = client.get("/api/v1/downloads/")
    assert "no-store" in response["Cache-Control"]
    stuurteken = client.get("/api/v1/wi2013/signalen/", {"code": "SS\x00601"})
    assert (stuurteken.status_code, stuurteken.json()["code"]) == (400, "stuurteken")
    onbekend = client.get("/api/v1/bestaat/niet/")
    assert (onbekend.status_code, onbekend.json()["code"]) == (404, "niet_gevonden")
    te_groot = client.get(f"/api/v1/wi2013/personen/{10**25}/")
    assert (te_groot.status_code, te_groot["Content-Type"]) == (404, "application/json")
    geen_json = client.post(
        "/api/v1/personen/zoeken/", "bsn=1", content_type="application/x-www-form-urlencoded"
    )
    assert (geen_json.status_code, geen_json.json()["code"]) == (415, "mediatype_niet_ondersteund")
    kapot = client.post("/api/v1/personen/zoeken/", "{kapot", content_type="application/json")
    assert (kapot.status_code, kapot.json()["code"]) == (400, "ongeldige_json")
    bsn = client.post("/api/v1/personen/zoeken/", {"bsn": "123456789"}, format="json")
    assert bsn.status_code == 400
    assert bsn.json()["velden"] == {"bsn": [{"code": "FS 603", "melding": "BSN is ongeldig"}]}


def test_issue13_seed_demo_prints_the_same_demo_key_every_run(db):
    uitvoer = []
    for _ in range(2):
        uit = io.StringIO()
        call_command("seed_demo", persons=5, seed=1, stdout=uit)
        uitvoer.append(re.search(r"Applicatiesleutel .*\n  (\S+)", uit.getvalue()).group(1))
    assert uitvoer[0] == uitvoer[1]
    sleutel = Applicatiesleutel.objects.get()
    assert sleutel.gemeente.code == "0014" and sorted(sleutel.rollen) == sorted(Rol.values)
    assert sleutel.is_valid(uitvoer[0])


def test_issue13_signal_list_refuses_an_unknown_parameter(cvs):
    """A misspelt criterion must not silently list every signal (found by schemathesis' negative data)."""
    client = cvs()
    assert client.get("/api/v1/wi2013/signalen/", {"code": "SS604", "aantal": 5}).status_code == 200
    for parameter in ("cdoe", ""):
        response = client.get("/api/v1/wi2013/signalen/", {"code": "SS604", parameter: "1"})
        assert response.status_code == 400
        assert "Onbekende parameter." in str(response.json())
