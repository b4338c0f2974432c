"""Gekozen gemeente (seed 001 §3.8): only authorised gemeenten; every switch is audited (A-8)."""

import re

from django.urls import reverse

import pytest

from inburgering.access import SESSION_KEY
from inburgering.constants import Rol
from inburgering.models import AuditActie, AuditEntry
from tests.factories import GemeenteFactory, UserFactory

pytestmark = pytest.mark.django_db


def opties(html: str) -> list[str]:
    return re.findall(r'<option value="(\d{4})"', html)


def test_dropdown_lists_only_authorised_gemeenten(client, groningen, almere):
    GemeenteFactory(code="0363", naam="Amsterdam")
    user = UserFactory(rollen={groningen: [Rol.WI2021], almere: [Rol.WI2013]})
    client.force_login(user)
    assert sorted(opties(client.get(reverse("inburgering:start")).content.decode())) == ["0014", "0034"]


def test_switch_to_an_authorised_gemeente_is_recorded(client, groningen, almere):
    user = UserFactory(rollen={groningen: [Rol.WI2021], almere: [Rol.WI2013]})
    client.force_login(user)
    client.get(reverse("inburgering:start"))
    response = client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034", "next": "/contact/"})
    assert response.status_code == 302 and response["Location"] == "/contact/"
    assert client.session[SESSION_KEY] == almere.id
    entry = AuditEntry.objects.get(actie=AuditActie.GEMEENTE_GEKOZEN)
    assert (entry.gebruiker, entry.gemeente_code) == (user.username, "0034")
    assert "(Gemeente: Almere)" in client.get(reverse("inburgering:start")).content.decode()


def test_switch_to_an_unauthorised_gemeente_is_refused(client, groningen, almere):
    user = UserFactory(rollen={groningen: [Rol.WI2021]})
    client.force_login(user)
    client.get(reverse("inburgering:start"))
    response = client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034"})
    assert response.status_code == 403
    assert client.session[SESSION_KEY] == groningen.id
    assert not AuditEntry.objects.filter(actie=AuditActie.GEMEENTE_GEKOZEN).exists()
    # A forged session value is ignored too: the middleware falls back to an authorised gemeente.
    session = client.session
    session[SESSION_KEY] = almere.id
    session.save()
    assert "(Gemeente: Groningen)" in client.get(reverse("inburgering:start")).content.decode()


def test_helpdesk_switches_freely(client, helpdesk, groningen, almere):
    GemeenteFactory(code="0363", naam="Amsterdam")
    client.force_login(helpdesk)
    html = client.get(reverse("inburgering:start")).content.decode()
    assert {"0014", "0034", "0363"} <= set(opties(html))
    for code, naam in (("0363", "Amsterdam"), ("0014", "Groningen")):
        client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": code})
        assert f"(Gemeente: {naam})" in client.get(reverse("inburgering:start")).content.decode()
    assert AuditEntry.objects.filter(actie=AuditActie.GEMEENTE_GEKOZEN).count() == 2


def test_inactive_gemeente_cannot_be_chosen(client, helpdesk):
    GemeenteFactory(code="0003", naam="Appingedam", actief=False)
    client.force_login(helpdesk)
    assert client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0003"}).status_code == 403


def test_switch_does_not_redirect_off_site(client, groningen, almere):
    user = UserFactory(rollen={groningen: [Rol.WI2021], almere: [Rol.WI2021]})
    client.force_login(user)
    response = client.post(
        reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("inburgering:start")
