"""Issue 8 item 7 (audit half): logging in, failed logins, logging out, the second factor and the admin's
person list and person page are in the audit trail; axes' login logs cannot be deleted in the admin."""

from django.urls import reverse

import pytest
from axes.models import AccessAttempt, AccessLog
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


def laatste(actie) -> AuditEntry:
    return AuditEntry.objects.filter(actie=actie).latest("id")


def test_item7_login_is_audited_with_address(client, medewerker):
    client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD}, REMOTE_ADDR="192.0.2.5")
    entry = laatste(AuditActie.INLOGGEN)
    assert entry.gebruiker == "medewerker" and entry.omschrijving == "Ingelogd vanaf 192.0.2.5"


def test_item7_failed_login_records_the_name_tried_and_address_not_the_password(client, settings, medewerker):
    settings.PIB_PROXY_COUNT = 1
    client.post(
        reverse("login"),
        {"username": "medewerkr", "password": "Zomer2026!geheim"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )
    entry = laatste(AuditActie.INLOGGEN_MISLUKT)
    assert entry.gebruiker == "medewerkr"
    assert entry.omschrijving == "Onjuiste gebruikersnaam of wachtwoord vanaf 203.0.113.7"
    alles = " ".join(str(v) for rij in AuditEntry.objects.values() for v in rij.values())
    assert "Zomer2026!geheim" not in alles


def test_item7_refused_login_of_a_locked_account_is_audited(client, medewerker):
    for _ in range(6):
        client.post(reverse("login"), {"username": "medewerker", "password": "fout"})
    assert AuditEntry.objects.filter(actie=AuditActie.INLOGGEN_MISLUKT, gebruiker="medewerker").count() == 6
    assert laatste(AuditActie.INLOGGEN_MISLUKT).omschrijving.startswith("Geweigerd (geblokkeerd")


def test_item7_logout_is_audited(client, medewerker):
    client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
    client.post(reverse("logout"))
    entry = laatste(AuditActie.UITLOGGEN)
    assert entry.gebruiker == "medewerker" and entry.omschrijving.startswith("Uitgelogd vanaf")


def test_item7_wrong_second_factor_code_is_audited(client, settings, medewerker):
    settings.PIB_TWEE_FACTOR = True
    TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
    client.post(reverse("tweefactor"), {"code": "000000"})
    client.post(reverse("tweefactor"), {"code": "999999"})  # one of the two is wrong for certain
    entry = laatste(AuditActie.INLOGGEN_MISLUKT)
    assert entry.gebruiker == "medewerker" and entry.omschrijving.startswith("Onjuiste code tweede factor")


def test_item7_admin_person_list_and_search_are_audited(login, beheerder, groningen):
    persoon = PersoonFactory(woongemeente=groningen, achternaam="Jansen")
    client = login(beheerder)
    lijst = reverse("admin:inburgering_persoon_changelist")
    assert client.get(lijst).status_code == 200
    assert laatste(AuditActie.ZOEKEN).omschrijving == "Beheer: personenlijst"
    client.get(lijst, {"q": persoon.bsn})
    entry = laatste(AuditActie.ZOEKEN)
    assert (entry.gebruiker, entry.bsn) == ("beheerder", persoon.bsn)
    client.get(lijst, {"q": "Jansen", "wet": "wi2021"})
    assert (
        laatste(AuditActie.ZOEKEN).omschrijving
        == "Beheer: personenlijst, gezocht op 'Jansen', filter wet=wi2021"
    )


def test_item7_admin_person_page_is_audited(login, beheerder, groningen):
    persoon = PersoonFactory(woongemeente=groningen)
    response = login(beheerder).get(reverse("admin:inburgering_persoon_change", args=[persoon.pk]))
    assert response.status_code == 200
    entry = laatste(AuditActie.BEKIJKEN)
    assert (entry.gebruiker, entry.bsn, entry.omschrijving) == (
        "beheerder",
        persoon.bsn,
        "Beheer: persoon bekeken",
    )


def test_item7_beheerder_cannot_delete_axes_login_logs(client, login, medewerker, beheerder):
    client.post(reverse("login"), {"username": "anna", "password": "fout"})
    client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
    log = AccessLog.objects.get(username="medewerker")
    beheer = login(beheerder)
    assert (
        beheer.post(reverse("admin:axes_accesslog_delete", args=[log.pk]), {"post": "yes"}).status_code == 403
    )
    assert AccessLog.objects.filter(pk=log.pk).exists()
    poging = AccessAttempt.objects.get(username="anna")  # deleting a lockout is how an account is unblocked
    beheer.post(reverse("admin:axes_accessattempt_delete", args=[poging.pk]), {"post": "yes"})
    assert not AccessAttempt.objects.filter(pk=poging.pk).exists()
