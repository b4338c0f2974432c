"""Login in Dutch, brute-force lockout (django-axes) and the 15-minute inactivity timeout (A-9)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"


def test_login_page_is_dutch(client):
    html = client.get(reverse("login")).content.decode()
    assert "Gebruikersnaam" in html and "Wachtwoord" in html and "Inloggen" in html


def test_pages_require_login(client):
    response = client.get(reverse("inburgering:start"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_login_and_logout(client, medewerker):
    response = client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
    assert response.status_code == 302 and response["Location"] == reverse("inburgering:start")
    assert client.get(reverse("inburgering:start")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("inburgering:start")).status_code == 302


def test_wrong_password_gives_dutch_error_and_keeps_username(client, medewerker):
    html = client.post(reverse("login"), {"username": "medewerker", "password": "fout"}).content.decode()
    assert "De combinatie van gebruikersnaam en wachtwoord is onjuist." in html
    assert 'value="medewerker"' in html


def test_a9_lockout_after_five_failures(client, medewerker):
    for _ in range(5):
        client.post(reverse("login"), {"username": "medewerker", "password": "fout"})
    response = client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
    assert response.status_code == 429
    assert "Account tijdelijk geblokkeerd" in response.content.decode()
    assert client.get(reverse("inburgering:start")).status_code == 302  # not logged in


def test_a9_lockout_expires_after_cooloff(client, medewerker):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _ in range(5):
            client.post(reverse("login"), {"username": "medewerker", "password": "fout"})
        traveller.shift(timedelta(minutes=16))
        response = client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
    assert response.status_code == 302


def test_session_expires_after_15_minutes_of_inactivity(client, medewerker):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD})
        traveller.shift(timedelta(minutes=14))
        assert client.get(reverse("inburgering:start")).status_code == 200  # activity renews the session
        traveller.shift(timedelta(minutes=14))
        assert client.get(reverse("inburgering:start")).status_code == 200
        traveller.shift(timedelta(minutes=16))
        response = client.get(reverse("inburgering:start"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_inactive_user_cannot_log_in(client, groningen):
    UserFactory(username="oud", is_active=False)
    response = client.post(reverse("login"), {"username": "oud", "password": WACHTWOORD})
    assert response.status_code == 200
    assert client.get(reverse("inburgering:start")).status_code == 302
