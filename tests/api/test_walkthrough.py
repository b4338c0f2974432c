"""Issue 13 "Done when": a CVS supplier, with only the README and the schema, takes the demo's key, finds a
Wi2013 person by BSN, registers the PVT and reads it back."""

import io
import re

from django.core.management import call_command
from django.utils import timezone

import pytest
import yaml
from rest_framework.test import APIClient

from inburgering.models import AuditEntry, Persoon

pytestmark = pytest.mark.django_db


def test_issue13_done_when_demo_key_registers_a_wi2013_pvt_and_reads_it_back(client):
    uit = io.StringIO()
    call_command("seed_demo", persons=300, seed=5, stdout=uit)
    # README: "make run prints the applicatiesleutel"; the line after the heading is the key.
    regels = uit.getvalue().splitlines()
    sleutel = regels[regels.index(next(r for r in regels if r.startswith("Applicatiesleutel"))) + 1].strip()

    # The schema is public: the supplier reads the paths from it.
    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    assert "/api/v1/personen/zoeken/" in schema["paths"]
    assert "put" in schema["paths"]["/api/v1/wi2013/personen/{persoon_id}/pvt/"]

    # make run also prints a Wi2013 BSN of Groningen to try (README).
    gevonden = re.search(
        r"om mee te proberen: BSN (\d{9}) \(PVT-plicht vanaf (\d{4}-\d\d-\d\d);", uit.getvalue()
    )
    bsn, start = gevonden.groups()
    persoon = Persoon.objects.get(bsn=bsn)
    vandaag = timezone.localdate().isoformat()

    cvs = APIClient()
    cvs.credentials(HTTP_AUTHORIZATION=f"Applicatiesleutel {sleutel}")
    gevonden = cvs.post("/api/v1/personen/zoeken/", {"bsn": persoon.bsn}, format="json")
    assert gevonden.status_code == 200, gevonden.json()
    assert gevonden.json()["wet"] == "WI2013"
    url = gevonden.json()["url"]

    voor = cvs.get(url).json()
    assert voor["pvt"]["datum_voldaan"] is None
    # As the README: dates from the printed start of the PVT-plicht up to today.
    assert voor["pvt"]["datum_start_pvt_plicht"] == start
    pvt = {"datum_start_deelname": start, "datum_einde_deelname": vandaag, "datum_voldaan": vandaag,
           "reden_niet_voldaan": None, "versie": voor["pvt"]["versie"]}  # fmt: skip
    antwoord = cvs.put(f"{url}pvt/", pvt, format="json")
    assert antwoord.status_code == 200, antwoord.json()

    na = cvs.get(url).json()
    assert na["pvt"]["datum_voldaan"] == vandaag and na["pvt"]["datum_start_deelname"] == start
    assert na["historie"][0]["gebeurtenis"] == "geregistreerd"
    assert na["historie"][0]["gebruiker"] == "CVS Groningen (demo)"
    assert AuditEntry.objects.filter(
        gebruiker="CVS Groningen (demo)", actie="wijzigen", bsn=persoon.bsn
    ).exists()
