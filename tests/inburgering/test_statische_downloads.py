"""Issue 9 item 7: the "Diplomamodellenboek in PDF formaat" of seed 002 §3.8 — one PDF for every gemeente,
uploaded by beheer in the admin, listed and served (access-checked, audited) on "Downloaden bestanden"."""

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
