"""Issue 8 item 5: linking an authenticator app needs a one-time activation code from a beheerder (72 hours,
stored as a hash, audited); after linking the user gets single-use backup codes; a beheerder can reset."""

import re
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering import activatie
from inburgering.models import Activatiecode, AuditActie, AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"
CODE_URL = reverse("tweefactor")
RESERVE_URL = reverse("tweefactor_reservecode")


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


@pytest.fixture
def twee_factor(settings):
    settings.PIB_TWEE_FACTOR = True


def inloggen(client, username="medewerker"):
    return client.post(reverse("login"), {"username": username, "password": WACHTWOORD}, follow=True)


def totp_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def is_binnen(client) -> bool:
    return client.get(reverse("inburgering:start")).status_code == 200


def audit_omschrijvingen(actie) -> list[str]:
    return list(AuditEntry.objects.filter(actie=actie).order_by("id").values_list("omschrijving", flat=True))


def test_item5_without_activation_code_no_app_can_be_linked(client, twee_factor, medewerker):
    pagina = inloggen(client).content.decode()
    assert "Tweede factor activeren" in pagina and "Activatiecode" in pagina
    assert "data:image/svg+xml" not in pagina and "<code>" not in pagina  # no key, no QR code
    # Posting a "linking" code straight away does not get past the activation step.
    pagina = client.post(CODE_URL, {"code": "123456"}).content.decode()
    assert "Het veld &#x27;Activatiecode&#x27; is verplicht" in pagina
    assert not TOTPDevice.objects.filter(user=medewerker).exists()
    assert client.get(reverse("inburgering:start"))["Location"].startswith(CODE_URL)


@pytest.mark.parametrize("geval", ["onjuist", "verlopen", "gebruikt", "vervangen"])
def test_item5_wrong_expired_used_or_replaced_code_is_refused(
    client, twee_factor, medewerker, beheerder, geval
):
    with time_machine.travel(timezone.now(), tick=False) as klok:
        code = activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
        if geval == "onjuist":
            code = "AAAA-BBBB-CCCC"
        elif geval == "verlopen":
            klok.shift(timedelta(hours=72, seconds=1))
        elif geval == "gebruikt":
            assert activatie.activatiecode_inwisselen(user=medewerker, code=code)
        elif geval == "vervangen":
            activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
        inloggen(client)
        pagina = client.post(CODE_URL, {"activatiecode": code}).content.decode()
    assert "De activatiecode is onjuist, verlopen of al gebruikt." in pagina
    assert f'value="{code}"' in pagina  # the input stays
    assert "data:image/svg+xml" not in pagina and not TOTPDevice.objects.filter(user=medewerker).exists()
    assert (
        "Onjuiste, verlopen of gebruikte activatiecode"
        in audit_omschrijvingen(AuditActie.INLOGGEN_MISLUKT)[-1]
    )


def test_item5_code_is_valid_for_72_hours(twee_factor, medewerker, beheerder):
    with time_machine.travel(timezone.now(), tick=False) as klok:
        code = activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
        klok.shift(timedelta(hours=71, minutes=59))
        assert activatie.activatiecode_inwisselen(user=medewerker, code=code.lower().replace("-", " "))


def test_item5_code_is_stored_hashed(medewerker, beheerder):
    code = activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    rij = Activatiecode.objects.get(user=medewerker)
    opgeslagen = " ".join(str(waarde) for waarde in Activatiecode.objects.values().get().values())
    assert code not in opgeslagen and code.replace("-", "") not in opgeslagen
    assert rij.code_hash.count("$") >= 2  # "algorithm$salt$hash"
    assert AuditEntry.objects.filter(actie=AuditActie.TWEEDE_FACTOR, gebruiker="beheerder").count() == 1
    assert code not in " ".join(AuditEntry.objects.values_list("omschrijving", flat=True))


def test_item5_full_flow_activation_linking_backup_codes_audited(client, twee_factor, medewerker, beheerder):
    code = activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
    inloggen(client)
    response = client.post(CODE_URL, {"activatiecode": code, "next": "/contact/"}, follow=True)
    pagina = response.content.decode()
    assert "Authenticator-app koppelen" in pagina and "data:image/svg+xml" in pagina
    assert re.search(r"<code>[A-Z2-7]{32}</code>", pagina)
    device = TOTPDevice.objects.get(user=medewerker, confirmed=False)
    pagina = client.post(CODE_URL, {"code": totp_code(device), "next": "/contact/"}).content.decode()
    assert "Deze codes worden maar één keer getoond" in pagina
    reservecodes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", pagina)
    assert len(reservecodes) == 10
    assert sorted(
        StaticDevice.objects.get(user=medewerker).token_set.values_list("token", flat=True)
    ) == sorted(reservecodes)
    assert 'href="/contact/"' in pagina and is_binnen(client)
    omschrijvingen = audit_omschrijvingen(AuditActie.TWEEDE_FACTOR)
    assert omschrijvingen[0].startswith("Activatiecode uitgegeven voor medewerker")
    assert omschrijvingen[1].startswith("Activatiecode gebruikt")
    assert omschrijvingen[2].startswith("Authenticator-app gekoppeld")
    assert omschrijvingen[3] == "10 reservecodes aangemaakt"
    # The codes are not shown a second time.
    assert "reservecodes" not in client.get(CODE_URL, follow=True).content.decode().lower()


def test_item5_backup_code_works_once(client, twee_factor, medewerker):
    TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    reservecode = activatie.reservecodes_aanmaken(user=medewerker)[0]
    assert "Log in met een reservecode" in inloggen(client).content.decode()
    response = client.post(RESERVE_URL, {"reservecode": reservecode.upper(), "next": "/contact/"})
    assert response.status_code == 302 and response["Location"] == "/contact/"
    assert is_binnen(client)
    assert "Tweede stap met een reservecode" in audit_omschrijvingen(AuditActie.INLOGGEN)[-1]
    client.post(reverse("logout"))
    inloggen(client)
    pagina = client.post(RESERVE_URL, {"reservecode": reservecode}).content.decode()
    assert "Deze reservecode is onjuist of al gebruikt." in pagina
    assert not is_binnen(client)
    assert audit_omschrijvingen(AuditActie.INLOGGEN_MISLUKT)[-1].startswith("Onjuiste reservecode")


def test_item5_beheerder_issues_code_in_admin_shown_once(login, medewerker, beheerder):
    client = login(beheerder)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "activatiecode_uitgeven", "_selected_action": [medewerker.pk]},
    )
    pagina = response.content.decode()
    assert "Deze codes worden maar één keer getoond" in pagina
    code = re.search(r"<code>([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})</code>", pagina).group(1)
    assert activatie.activatiecode_inwisselen(user=medewerker, code=code)


def test_item5_reset_removes_devices_and_is_audited(client, twee_factor, medewerker, beheerder, settings):
    device = TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    activatie.reservecodes_aanmaken(user=medewerker)
    inloggen(client)
    client.post(CODE_URL, {"code": totp_code(device)})
    assert is_binnen(client)

    settings.PIB_TWEE_FACTOR = False  # the beheerder's own second step is not what this test is about
    beheer = Client()
    beheer.force_login(beheerder)
    response = beheer.post(
        reverse("admin:auth_user_changelist"),
        {"action": "tweede_factor_resetten", "_selected_action": [medewerker.pk]},
        follow=True,
    )
    assert "is gereset" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=medewerker).exists()
    assert not StaticDevice.objects.filter(user=medewerker).exists()
    entry = AuditEntry.objects.filter(actie=AuditActie.TWEEDE_FACTOR).latest("id")
    assert entry.gebruiker == "beheerder" and "Tweede factor gereset voor medewerker" in entry.omschrijving
    # The session that was verified with the removed app must pass the second step again.
    settings.PIB_TWEE_FACTOR = True
    assert client.get(reverse("inburgering:start"))["Location"].startswith(CODE_URL)
    assert "Tweede factor activeren" in client.get(CODE_URL).content.decode()


def test_item5_only_a_beheerder_may_issue_or_reset(medewerker):
    anna = UserFactory(username="anna")
    with pytest.raises(PermissionDenied):
        activatie.activatiecode_uitgeven(actor=medewerker, user=anna)
    with pytest.raises(PermissionDenied):
        activatie.tweede_factor_resetten(actor=medewerker, user=anna)
    assert not Activatiecode.objects.exists()
