"""Issue 9 item 7: the "Diplomamodellenboek in PDF formaat" of seed 002 §3.8 — one PDF for every gemeente,
uploaded by beheer in the admin, listed and served (access-checked, audited) on "Downloaden bestanden".
Issue 9 item 4: "Niet betaalde declaraties bij COA voor 1-10-2017 in csv formaat" (seed 000 §3.7) — a zip or
CSV per gemeente, shown only to that gemeente's Wi2013 users and only once uploaded."""

import io
import zipfile
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

import pytest

from inburgering.constants import Rol
from inburgering.downloads import models as documentmodellen
from inburgering.downloads.registry import Document, documenten_voor_wet, registreer_document
from inburgering.models import AuditActie, AuditEntry, Downloaddocument
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SLEUTEL = "wi2007_diplomamodellenboek"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


def upload(client, inhoud: bytes, naam="Diplomamodellenboek.pdf", datum="07-12-2007"):
    return client.post(
        reverse("admin:inburgering_downloaddocument_add"),
        {"document": SLEUTEL, "bestand": SimpleUploadedFile(naam, inhoud), "datum": datum},
    )


def pagina(client) -> str:
    response = client.get(reverse("downloads:lijst"))
    assert response.status_code == 200
    return response.content.decode()


def test_item7_diplomamodellenboek_is_offered_for_wi2007():
    assert [d.titel for d in documenten_voor_wet("WI2007")] == ["Diplomamodellenboek in PDF formaat"]
    registreer_document(
        Document(SLEUTEL, "Diplomamodellenboek in PDF formaat", "WI2007", "Diplomamodellenboek.pdf")
    )
    with pytest.raises(ValueError, match="al geregistreerd"):
        registreer_document(Document(SLEUTEL, "Iets anders", "WI2007", "Iets.pdf"))


def test_item7_diplomamodellenboek_appears_for_wi2007_users_of_every_gemeente_after_upload(
    client, beheerder, groningen, almere
):
    gebruikers = [UserFactory(rollen={gemeente: [Rol.WI2007]}) for gemeente in (groningen, almere)]
    client.force_login(gebruikers[0])
    voor = pagina(client)
    assert "Diplomamodellenboek in PDF formaat" in voor and "Diplomamodellenboek.pdf" not in voor

    client.force_login(beheerder)
    response = upload(client, PDF)
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Downloaddocument.objects.get(document=SLEUTEL)
    assert document.grootte == len(PDF) and document.geupload_door == "beheerder"
    assert document.datum == date(2007, 12, 7)

    link = reverse("downloads:document", args=[SLEUTEL])
    for gebruiker in gebruikers:
        client.force_login(gebruiker)
        html = pagina(client)
        assert f'href="{link}" download>Diplomamodellenboek.pdf</a>' in html
        assert "07-12-2007" in html  # the document's own date, as in the manual's table


def test_item7_download_is_the_pdf_and_is_audited(client, beheerder, groningen):
    client.force_login(beheerder)
    upload(client, PDF)
    gebruiker = UserFactory(rollen={groningen: [Rol.WI2007]})
    client.force_login(gebruiker)
    response = client.get(reverse("downloads:document", args=[SLEUTEL]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Diplomamodellenboek.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    entry = AuditEntry.objects.get(actie=AuditActie.DOWNLOADEN)
    assert entry.gebruiker == gebruiker.username and entry.gemeente_code == "0014"
    assert "Diplomamodellenboek.pdf" in entry.omschrijving


@pytest.mark.parametrize(
    ("inhoud", "naam"),
    [
        (b"GIF89a\x01\x00\x01\x00", "Diplomamodellenboek.pdf"),
        (b"Dit is tekst, geen PDF.", "boek.pdf"),
        (b"", "leeg.pdf"),
    ],
)
def test_item7_a_non_pdf_upload_is_refused_in_dutch(client, beheerder, inhoud, naam):
    client.force_login(beheerder)
    response = upload(client, inhoud, naam=naam)
    assert response.status_code == 200  # the form again, with the message
    html = response.content.decode()
    assert "Dit bestand is geen PDF-bestand" in html or "Het verstuurde bestand is leeg" in html
    assert not Downloaddocument.objects.exists()


def test_item7_a_too_large_pdf_is_refused_in_dutch(client, beheerder, monkeypatch):
    monkeypatch.setattr(documentmodellen, "MAX_GROOTTE", len(PDF) - 1)
    client.force_login(beheerder)
    html = upload(client, PDF).content.decode()
    assert "Het bestand is te groot" in html
    assert not Downloaddocument.objects.exists()


def test_item7_a_user_without_a_wi2007_role_cannot_get_it(client, beheerder, groningen):
    beheer = Client()
    beheer.force_login(beheerder)
    upload(beheer, PDF)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2013, Rol.WI2021]}))
    assert "Diplomamodellenboek" not in pagina(client)
    assert client.get(reverse("downloads:document", args=[SLEUTEL])).status_code == 404
    assert client.get(reverse("downloads:document", args=["bestaat_niet"])).status_code == 404
    assert not AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN).exists()


def test_item7_before_upload_the_download_is_404(client, groningen):
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2007]}))
    assert client.get(reverse("downloads:document", args=[SLEUTEL])).status_code == 404


def test_item7_a_new_upload_replaces_the_old_file(
    client, beheerder, media, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    upload(client, PDF)
    document = Downloaddocument.objects.get()
    oud = media / document.bestand.name
    nieuw = PDF.replace(b"1.4", b"1.7")
    wijzig = reverse("admin:inburgering_downloaddocument_change", args=[document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            wijzig,
            {"document": SLEUTEL, "bestand": SimpleUploadedFile("nieuw.pdf", nieuw), "datum": "01-02-2026"},
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert (media / document.bestand.name).read_bytes() == nieuw
    assert not oud.exists()  # no stale copies of the document pile up


# --- Issue 9 item 4: "Niet betaalde declaraties bij COA voor 1-10-2017 in csv formaat", per gemeente ---------

COA = "wi2013_coa_declaraties"
COA_TITEL = "Niet betaalde declaraties bij COA voor 1-10-2017 in csv formaat"
COA_CSV = "BSN;Achternaam;Bedrag\r\n004002313;Jansen;2370,00\r\n".encode("cp1252")


def coa_zip(inhoud: bytes = COA_CSV) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        # A fixed timestamp: the same bytes on every call, whatever the clock does between upload and check.
        zf.writestr(zipfile.ZipInfo("COA_declaraties.csv", date_time=(2019, 6, 4, 0, 0, 0)), inhoud)
    return buffer.getvalue()


def upload_coa(client, gemeente, inhoud: bytes, naam="COA_declaraties.zip", datum="04-06-2019"):
    return client.post(
        reverse("admin:inburgering_downloaddocument_add"),
        {"document": COA, "gemeente": gemeente.pk if gemeente else "", "datum": datum,
         "bestand": SimpleUploadedFile(naam, inhoud)},
    )  # fmt: skip


def wi2013_sectie(html: str) -> str:
    return html.split('id="downloads-wi2013"')[1].split("</section>")[0]


def test_item4_coa_declaraties_are_offered_per_gemeente_for_wi2013():
    (coa,) = [d for d in documenten_voor_wet("WI2013") if d.sleutel == COA]
    assert coa.titel == COA_TITEL and coa.per_gemeente and coa.formaten == ("zip", "csv")
    assert coa.downloadnaam(gemeentecode="0014", formaat="zip") == "COA_declaraties_0014.zip"
    assert coa.downloadnaam(gemeentecode="0014", formaat="csv") == "COA_declaraties_0014.csv"
    with pytest.raises(ValueError, match="gemeentecode"):  # only a per-gemeente document names a gemeente
        Document("iets", "Iets", "WI2013", "Iets_{gemeentecode}.pdf")
    with pytest.raises(ValueError):
        Document("iets", "Iets", "WI2013", "Iets.zip")  # a zip needs formaten=("zip", …)


def test_item4_coa_file_is_listed_first_and_only_for_its_gemeente(client, beheerder, groningen, almere):
    client.force_login(beheerder)
    response = upload_coa(client, groningen, coa_zip())
    assert response.status_code == 302, response.content.decode()[:3000]
    upload = Downloaddocument.objects.get(document=COA)
    assert (upload.gemeente, upload.formaat, upload.grootte) == (groningen, "zip", len(coa_zip()))
    overzicht = client.get(reverse("admin:inburgering_downloaddocument_changelist"))
    assert f"{COA_TITEL} (Groningen)" in overzicht.content.decode()

    client.force_login(UserFactory(rollen={groningen: [Rol.WI2013]}))
    sectie = wi2013_sectie(pagina(client))
    link = reverse("downloads:document", args=[COA])
    assert f'href="{link}" download>COA_declaraties_0014.zip</a>' in sectie
    assert sectie.index(COA_TITEL) < sectie.index("PVT extract in csv formaat")  # first, as in seed 000 §3.7
    assert "04-06-2019" in sectie

    # Almere has no file: no row at all (not "Nog niet beschikbaar"); a Wi2007-only user sees no Wi2013.
    client.force_login(UserFactory(rollen={almere: [Rol.WI2013]}))
    assert COA_TITEL not in pagina(client)
    assert client.get(link).status_code == 404
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2007]}))
    assert COA_TITEL not in pagina(client)
    assert client.get(link).status_code == 404
    assert not AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN).exists()


def test_item4_each_gemeente_downloads_its_own_file_audited(client, beheerder, groningen, almere):
    client.force_login(beheerder)
    upload_coa(client, groningen, coa_zip())
    almere_csv = "BSN;Achternaam\n004002314;Hélène\n".encode()  # UTF-8 as well as Windows-1252
    assert upload_coa(client, almere, almere_csv, naam="almere.csv").status_code == 302

    for gemeente, inhoud, naam, soort in ((groningen, coa_zip(), "COA_declaraties_0014.zip", "application/zip"),
                                          (almere, almere_csv, "COA_declaraties_0034.csv", "text/csv")):  # fmt: skip
        gebruiker = UserFactory(rollen={gemeente: [Rol.WI2013]})
        client.force_login(gebruiker)
        response = client.get(reverse("downloads:document", args=[COA]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == inhoud
        assert response["Content-Disposition"] == f'attachment; filename="{naam}"'
        assert response["Content-Type"].startswith(soort)
        entry = AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN).latest("id")
        assert entry.gebruiker == gebruiker.username and entry.gemeente_code == gemeente.code
        assert naam in entry.omschrijving


@pytest.mark.parametrize(
    ("inhoud", "naam"),
    [
        (PDF, "COA_declaraties.zip"),  # a PDF is no zip or CSV, whatever its name
        (b"GIF89a\x01\x00\x01\x00\x00\x00", "COA_declaraties.csv"),
        (b"PK\x03\x04" + b"\x00" * 40, "COA_declaraties.zip"),  # a broken zip
        (b"\x00\x01\x02BSN;Naam\n", "COA_declaraties.csv"),  # binary
        (b"Alleen tekst zonder scheidingsteken\n", "COA_declaraties.csv"),
    ],
)
def test_item4_a_coa_upload_that_is_no_zip_or_csv_is_refused_in_dutch(
    client, beheerder, groningen, inhoud, naam
):
    client.force_login(beheerder)
    response = upload_coa(client, groningen, inhoud, naam=naam)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit bestand is geen zip- of CSV-bestand. Kies een zip- of CSV-bestand" in html
    assert "04-06-2019" in html  # the form keeps what was entered
    assert not Downloaddocument.objects.exists()


def test_item4_coa_upload_needs_a_gemeente_once_per_gemeente_and_within_the_size(
    client, beheerder, groningen, monkeypatch
):
    client.force_login(beheerder)
    assert (
        "Kies de gemeente: dit document is er per gemeente."
        in upload_coa(client, None, coa_zip()).content.decode()
    )
    upload(client, PDF)  # the Diplomamodellenboek for all gemeenten
    refused = client.post(
        reverse("admin:inburgering_downloaddocument_add"),
        {"document": SLEUTEL, "gemeente": groningen.pk, "bestand": SimpleUploadedFile("b.pdf", PDF),
         "datum": "01-01-2020"},
    )  # fmt: skip
    assert "Laat de gemeente leeg: dit document is voor alle gemeenten." in refused.content.decode()
    assert upload_coa(client, groningen, coa_zip()).status_code == 302
    dubbel = upload_coa(client, groningen, COA_CSV, naam="nog een.csv").content.decode()
    assert "Dit document is voor deze gemeente al geüpload" in dubbel
    monkeypatch.setattr(documentmodellen, "MAX_GROOTTE", 10)
    Downloaddocument.objects.filter(document=COA).delete()
    assert "Het bestand is te groot" in upload_coa(client, groningen, coa_zip()).content.decode()
    assert Downloaddocument.objects.filter(document=COA).count() == 0
    assert Downloaddocument.objects.filter(document=SLEUTEL, gemeente__isnull=True).count() == 1


def test_item4_the_diplomamodellenboek_still_takes_only_a_pdf(client, beheerder):
    client.force_login(beheerder)
    html = upload(client, coa_zip(), naam="Diplomamodellenboek.pdf").content.decode()
    assert (
        "Dit bestand is geen PDF-bestand. Kies een PDF-bestand (bijvoorbeeld Diplomamodellenboek.pdf)."
        in html
    )
    assert not Downloaddocument.objects.exists()
