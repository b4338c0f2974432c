"""S-6 "Download alle signalen": every signal of the gemeente for that law, in Dutch-Excel CSV."""

import csv
import io
from datetime import date

from django.urls import reverse

import pytest

from inburgering.constants import Wet
from inburgering.models import AuditActie, AuditEntry
from signalen.workflow import Status
from tests.factories import SignaalFactory

pytestmark = pytest.mark.django_db
URL = reverse("signalen:download", kwargs={"wet": "wi2021"})


def lees(response) -> tuple[bytes, list[list[str]]]:
    inhoud = b"".join(response.streaming_content)
    return inhoud, list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def test_s6_all_signals_regardless_of_status_in_excel_form(login, medewerker, groningen, almere):
    SignaalFactory(persoon__woongemeente=groningen, persoon__achternaam="=cmd|' /C calc'!A0",
                   code="SS101", datum=date(2026, 2, 5), status=Status.AFGEHANDELD)  # fmt: skip
    SignaalFactory(persoon__woongemeente=groningen, persoon__achternaam="Ünal", code="SS126")
    SignaalFactory(persoon__woongemeente=almere)  # another gemeente
    SignaalFactory(persoon__woongemeente=groningen, persoon__wet=Wet.WI2013, wet=Wet.WI2013, code="SS601")
    response = login(medewerker).get(URL)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "0014" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    inhoud, rijen = lees(response)
    assert inhoud.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    # Issue 12: Wi2021 adds Doelgroep and Contactpersoon (signalen.uitbreidingen).
    kop = [
        "Status",
        "BSN",
        "A-nummer",
        "Achternaam",
        "Code",
        "Omschrijving",
        "Datum",
        "Doelgroep",
        "Contactpersoon",
    ]
    assert rijen[0] == kop
    assert len(rijen) == 3
    gevaarlijk = next(r for r in rijen if r[4] == "SS101")
    assert not gevaarlijk[3].startswith("=")  # formula injection escaped
    assert gevaarlijk[0] == "Afgehandeld" and gevaarlijk[5] == "Persoon is inburgeringsplichtig"
    assert gevaarlijk[6] == "05-02-2026"
    assert any(r[3] == "Ünal" for r in rijen)
    assert AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN, gemeente_code="0014").exists()


def test_s6_requires_a_role_for_the_law(login, groningen):
    from inburgering.constants import Rol
    from tests.factories import UserFactory

    client = login(UserFactory(rollen={groningen: [Rol.WI2007]}))
    assert client.get(URL).status_code == 403


def test_nightly_signaallijst_per_law(groningen, almere, settings, tmp_path):
    import zipfile

    from inburgering.downloads.builder import bouw_extract
    from inburgering.downloads.registry import extract

    settings.MEDIA_ROOT = tmp_path
    SignaalFactory(persoon__woongemeente=groningen, code="SS101", datum=date(2026, 2, 5))
    SignaalFactory(
        persoon__woongemeente=groningen, code="SS102", datum=date(2026, 2, 7)
    )  # after the peildatum
    SignaalFactory(persoon__woongemeente=almere, code="SS101", datum=date(2026, 2, 5))
    bestand = bouw_extract(
        extract=extract("signaallijst_wi2021"), gemeente=groningen, peildatum=date(2026, 2, 6)
    )
    assert bestand.bestandsnaam == "signaallijst_wi2021_0014_20260206.zip" and bestand.rijen == 1
    with zipfile.ZipFile(tmp_path / bestand.pad) as zf:
        assert set(zf.namelist()) == {"signaallijst_wi2021_0014_20260206.csv", "legenda.txt"}
        tekst = zf.read("signaallijst_wi2021_0014_20260206.csv").decode("utf-8-sig")
    assert tekst.splitlines()[1].endswith(";SS101;Persoon is inburgeringsplichtig;05-02-2026;;")
