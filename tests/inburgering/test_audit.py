"""A-8: an append-only trail of every view and mutation of person data, readable by beheerders only."""

from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.urls import reverse

import pytest

from inburgering import services
from inburgering.models import AuditActie, AuditEntry, Persoon
from tests.factories import PersoonFactory, UserFactory
from tests.zoeken import zoek

pytestmark = pytest.mark.django_db


def test_a8_viewing_a_person_is_audited(login, medewerker, groningen):
    persoon = PersoonFactory(woongemeente=groningen)
    zoek(login(medewerker), reverse("inburgering:wet_zoeken"), {"bsn": persoon.bsn})
    entry = AuditEntry.objects.get(actie=AuditActie.ZOEKEN)
    assert (entry.gebruiker, entry.gemeente_code, entry.bsn) == ("medewerker", "0014", persoon.bsn)
    assert "Wet Inburgering 2021" in entry.omschrijving


def test_a8_mutation_records_changed_fields_old_to_new(groningen, almere):
    beheerder = UserFactory(username="beheerder")
    persoon = PersoonFactory(woongemeente=groningen, achternaam="Jansen")
    services.persoon_wijzigen(
        actor=beheerder,
        persoon=persoon,
        data={"achternaam": "Janssen", "woongemeente": almere, "voornamen": persoon.voornamen},
    )
    entry = AuditEntry.objects.get(actie=AuditActie.WIJZIGEN)
    assert entry.gebruiker == "beheerder" and entry.bsn == persoon.bsn
    assert entry.wijzigingen == {"achternaam": ["Jansen", "Janssen"], "woongemeente": ["Groningen", "Almere"]}
    assert Persoon.objects.get(pk=persoon.pk).achternaam == "Janssen"


def test_a8_unchanged_data_writes_nothing(groningen):
    persoon = PersoonFactory(woongemeente=groningen, achternaam="Jansen")
    services.persoon_wijzigen(actor=UserFactory(), persoon=persoon, data={"achternaam": "Jansen"})
    assert not AuditEntry.objects.exists()


def test_a8_inschrijven_is_audited_and_validates_bsn(groningen):
    beheerder = UserFactory(username="beheerder")
    with pytest.raises(ValidationError):
        services.persoon_inschrijven(actor=beheerder, data={"bsn": "123456789", "achternaam": "X"})
    assert not AuditEntry.objects.exists()
    persoon = services.persoon_inschrijven(
        actor=beheerder, data={"bsn": "111222333", "achternaam": "Bakker", "woongemeente": groningen}
    )
    entry = AuditEntry.objects.get()
    assert entry.actie == AuditActie.AANMAKEN and entry.bsn == persoon.bsn == "111222333"
    assert entry.wijzigingen["achternaam"] == [None, "Bakker"]


def test_a8_entries_cannot_be_changed_or_deleted_through_the_app():
    entry = AuditEntry.objects.create(gebruiker="x", actie=AuditActie.BEKIJKEN)
    entry.gebruiker = "y"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.all().delete()
    with pytest.raises(ValidationError):
        AuditEntry.objects.update(gebruiker="y")
    assert AuditEntry.objects.get().gebruiker == "x"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)
def test_a8_postgresql_refuses_update_and_delete():
    entry = AuditEntry.objects.create(gebruiker="x", actie=AuditActie.BEKIJKEN)
    for sql in (
        "UPDATE inburgering_auditentry SET gebruiker = 'y' WHERE id = %s",
        "DELETE FROM inburgering_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get().gebruiker == "x"


def test_a8_admin_is_read_only():
    model_admin = site._registry[AuditEntry]
    request = RequestFactory().get("/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)


def test_a8_admin_lists_and_filters_entries(client, groningen):
    AuditEntry.objects.create(
        gebruiker="medewerker", gemeente_code="0014", actie=AuditActie.BEKIJKEN, bsn="111222333"
    )
    AuditEntry.objects.create(
        gebruiker="helpdesk", gemeente_code="0034", actie=AuditActie.BEKIJKEN, bsn="123456782"
    )
    client.force_login(UserFactory(username="beheerder", is_superuser=True, is_staff=True))
    url = reverse("admin:inburgering_auditentry_changelist")
    html = client.get(url, {"q": "111222333"}).content.decode()
    assert "111222333" in html and "123456782" not in html
    html = client.get(url, {"gemeente": "0034"}).content.decode()
    assert "123456782" in html and "111222333" not in html
    html = client.get(url, {"gebruiker": "medewerker"}).content.decode()
    assert "111222333" in html and "123456782" not in html
    html = client.get(url, {"bsn": "123456782", "gemeente": "0034"}).content.decode()
    assert "123456782" in html and "111222333" not in html
    html = client.get(url, {"tijdstip__year": "2000"}).content.decode()
    assert "123456782" not in html and "111222333" not in html  # period filter


def test_a8_admin_person_change_goes_through_the_service(client, groningen):
    persoon = PersoonFactory(woongemeente=groningen, achternaam="Jansen", bsn="111222333")
    client.force_login(UserFactory(username="beheerder", is_superuser=True, is_staff=True))
    url = reverse("admin:inburgering_persoon_change", args=[persoon.pk])
    data = {
        "bsn": "111222333", "a_nummer": "", "voornamen": persoon.voornamen, "voorvoegsels": "",
        "achternaam": "de Jong", "geslacht": "V", "woongemeente": groningen.pk, "wet": "WI2021",
    }  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(actie=AuditActie.WIJZIGEN)
    assert entry.gebruiker == "beheerder"
    assert entry.wijzigingen == {"achternaam": ["Jansen", "de Jong"]}
