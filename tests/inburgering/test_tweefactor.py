"""A-9: password plus a TOTP code from an authenticator app, for every account and every page."""

import re

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from inburgering import activatie
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"
CODE_URL = reverse("tweefactor")


@pytest.fixture(autouse=True)
def twee_factor(settings):
    settings.PIB_TWEE_FACTOR = True


def inloggen(client, username):
    return client.post(reverse("login"), {"username": username, "password": WACHTWOORD}, follow=True)


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_a9_password_alone_does_not_open_the_portal(client, medewerker):
    response = inloggen(client, "medewerker")
    assert response.redirect_chain[-1][0].startswith(CODE_URL)
    for pad in (
        reverse("inburgering:start"),
        reverse("inburgering:wet_zoeken"),
        "/beheer/",
        "/signalen/wi2021/",
    ):
        assert client.get(pad)["Location"].startswith(CODE_URL), pad


def test_a9_first_login_links_an_app_then_the_code_opens_the_portal(client, medewerker):
    beheerder = UserFactory(username="beheerder", is_superuser=True)
    activatiecode = activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
    assert "Tweede factor activeren" in inloggen(client, "medewerker").content.decode()
    pagina = client.post(CODE_URL, {"activatiecode": activatiecode}, follow=True).content.decode()
    assert "Authenticator-app koppelen" in pagina and "data:image/svg+xml" in pagina
    assert re.search(r"<code>[A-Z2-7]{32}</code>", pagina)
    device = TOTPDevice.objects.get(user=medewerker)
    assert not device.confirmed
    with time_machine.travel(timezone.now(), tick=False) as klok:
        fout = client.post(CODE_URL, {"code": "000000" if code(device) != "000000" else "111111"})
        assert "De code is onjuist of verlopen" in fout.content.decode()
        klok.shift(5)  # past the throttle delay of one failure
        response = client.post(CODE_URL, {"code": code(device), "next": "/contact/"})
    assert "Bewaar ze op een veilige plek" in response.content.decode()  # the backup codes, once
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("inburgering:start")).status_code == 200


def test_a9_linked_app_asks_only_for_the_code(client, medewerker):
    device = TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    pagina = inloggen(client, "medewerker").content.decode()
    assert "Inloggen: tweede stap" in pagina and "<code>" not in pagina and "data:image" not in pagina
    assert "pib-nav" not in pagina and "Gekozen gemeente" not in pagina  # nothing of the portal yet
    client.post(CODE_URL, {"code": code(device)})
    assert client.get(reverse("inburgering:start")).status_code == 200


def test_a9_code_form_validation_keeps_input(client, medewerker):
    TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    inloggen(client, "medewerker")
    pagina = client.post(CODE_URL, {"code": "12ab56"}).content.decode()
    assert "De code bestaat uit 6 cijfers." in pagina and 'value="12ab56"' in pagina


def test_a9_wrong_codes_are_throttled(client, medewerker):
    device = TOTPDevice.objects.create(user=medewerker, name="app", confirmed=True)
    inloggen(client, "medewerker")
    goed = code(device)
    fout = "000000" if goed != "000000" else "111111"
    for _ in range(3):
        client.post(CODE_URL, {"code": fout})
    pagina = client.post(CODE_URL, {"code": goed}).content.decode()
    assert "Te vaak een onjuiste code" in pagina  # even the right code waits out the throttle
    assert client.get(reverse("inburgering:start"))["Location"].startswith(CODE_URL)


def test_a9_cancel_logs_out(client, medewerker):
    inloggen(client, "medewerker")
    client.post(reverse("tweefactor_afbreken"))
    assert client.get(reverse("inburgering:start"))["Location"].startswith(reverse("login"))


def test_a9_off_switch_only_outside_production(settings, client):
    settings.PIB_TWEE_FACTOR = False
    UserFactory(username="zonder")
    inloggen(client, "zonder")
    assert client.get(reverse("inburgering:start")).status_code == 200
