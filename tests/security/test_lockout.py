"""Issue 8 item 4: the lockout counts per account name and, with a much higher limit, per client address;
the client address comes from X-Forwarded-For only for the configured number of trusted proxies."""

from django.test import RequestFactory
from django.urls import reverse

import pytest
from axes.models import AccessAttempt

from inburgering.inlogpogingen import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"


def inloggen(client, username, wachtwoord="fout", **meta):
    return client.post(reverse("login"), {"username": username, "password": wachtwoord}, **meta)


def is_ingelogd(client) -> bool:
    return client.get(reverse("inburgering:start")).status_code == 200


def test_item4_success_of_another_user_does_not_reset_the_count(client, groningen):
    UserFactory(username="anna")
    UserFactory(username="bert")
    for _ in range(4):
        assert inloggen(client, "anna").status_code == 200
    assert inloggen(client, "bert", WACHTWOORD).status_code == 302
    client.post(reverse("logout"))
    assert inloggen(client, "anna").status_code == 429  # the fifth failure for anna locks anna
    assert inloggen(client, "anna", WACHTWOORD).status_code == 429
    assert not is_ingelogd(client)


def test_item4_failures_for_several_users_do_not_lock_others_on_that_address(client, groningen):
    for naam in ("anna", "bert", "carla", "dirk", "eva"):
        UserFactory(username=naam)
        assert inloggen(client, naam).status_code == 200
    UserFactory(username="fatima")
    assert inloggen(client, "fatima", WACHTWOORD).status_code == 302
    assert is_ingelogd(client)


def test_item4_the_address_limit_locks_that_address_only(client, settings, groningen):
    assert settings.PIB_IP_FAILURE_LIMIT == 50  # the default; much higher than the account-name limit of 5
    UserFactory(username="fatima")
    for n in range(49):  # a different name each time: no account-name limit is reached
        assert inloggen(client, f"gok{n}", REMOTE_ADDR="198.51.100.9").status_code == 200
    assert inloggen(client, "gok49", REMOTE_ADDR="198.51.100.9").status_code == 429
    assert inloggen(client, "fatima", WACHTWOORD, REMOTE_ADDR="198.51.100.9").status_code == 429
    assert inloggen(client, "fatima", WACHTWOORD, REMOTE_ADDR="198.51.100.10").status_code == 302


def test_item4_forwarded_for_is_ignored_without_trusted_proxy(client, settings, groningen):
    settings.PIB_PROXY_COUNT = 0
    inloggen(client, "anna", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert AccessAttempt.objects.get().ip_address == "10.0.0.1"


def test_item4_forwarded_for_is_read_for_the_trusted_proxy_count(client, settings, groningen):
    settings.PIB_PROXY_COUNT = 1
    # The client forged "6.6.6.6"; the one trusted proxy appended the address it saw.
    inloggen(client, "anna", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "doorgestuurd", "verwacht"),
    [
        (0, "6.6.6.6", "10.0.0.1"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, "", "10.0.0.1"),  # a request that bypassed the proxy
        (2, "203.0.113.7", "10.0.0.1"),  # shorter chain than configured: not trusted
        (1, "6.6.6.6, geen-adres", "10.0.0.1"),
    ],
)
def test_item4_client_ip_takes_the_address_the_outermost_trusted_proxy_saw(
    settings, proxies, doorgestuurd, verwacht
):
    settings.PIB_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=doorgestuurd)
    assert client_ip(request) == verwacht
