"""Issue 8 item 2: a Content-Security-Policy without 'unsafe-inline' on the portal and in the admin."""

import re
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.urls import reverse

import pytest

from tests.factories import PersoonFactory, UserFactory

pytestmark = pytest.mark.django_db
WACHTWOORD = "geheim-wachtwoord-123"


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {naam: waarden for naam, *waarden in (deel.split() for deel in header.split(";") if deel.strip())}


def assert_strict(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"][0] == "'self'" and all(
        bron == "'self'" or bron.startswith("'nonce-") for bron in csp["script-src"]
    )
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


class InlineFinder(HTMLParser):
    """Collects what a strict policy blocks: inline scripts/styles without nonce, style= and on*= attributes."""

    def __init__(self, nonce: str | None):
        super().__init__()
        self.nonce = nonce
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for naam in attrs:
            if naam == "style" or naam.startswith("on"):
                self.found.append(f"<{tag} {naam}=...>")
        inline = tag == "style" or (
            tag == "script" and "src" not in attrs and attrs.get("type") != "application/json"
        )
        if inline and (not self.nonce or attrs.get("nonce") != self.nonce):
            self.found.append(f"inline <{tag}>")


def blocked_inline(response) -> list[str]:
    csp = policy(response)
    nonces = [b.removeprefix("'nonce-").rstrip("'") for b in csp["script-src"] if b.startswith("'nonce-")]
    finder = InlineFinder(nonces[0] if nonces else None)
    finder.feed(response.content.decode())
    return finder.found


def test_item8_2_csp_on_login_and_portal_pages(client, login, medewerker, groningen):
    anoniem = client.get(reverse("login"))
    assert_strict(anoniem)
    assert blocked_inline(anoniem) == []
    portal = login(medewerker)
    for pad in (reverse("inburgering:start"), reverse("inburgering:wet_zoeken"), "/signalen/wi2021/"):
        response = portal.get(pad)
        assert response.status_code == 200, pad
        assert_strict(response)
        assert blocked_inline(response) == [], pad


def test_item8_2_csp_on_admin_pages_and_nothing_inline_there(client, groningen):
    beheerder = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    persoon = PersoonFactory(woongemeente=groningen)
    client.force_login(beheerder)
    for pad in (
        "/beheer/",
        "/beheer/inburgering/persoon/add/",
        f"/beheer/inburgering/persoon/{persoon.pk}/change/",
        f"/beheer/auth/user/{beheerder.pk}/change/",  # autorisatie inline with autocomplete
        "/beheer/inburgering/auditentry/?gebruiker=x",  # the free-text filters (input_filter.html)
        "/beheer/inburgering/persoon/?_popup=1&_to_field=id",
    ):
        response = client.get(pad)
        assert response.status_code == 200, pad
        assert_strict(response)
        assert blocked_inline(response) == [], pad


def test_item8_2_totp_qr_code_is_a_data_uri_the_policy_allows(client, settings, medewerker):
    from inburgering import activatie
    from tests.factories import UserFactory

    settings.PIB_TWEE_FACTOR = True
    beheerder = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    code = activatie.activatiecode_uitgeven(actor=beheerder, user=medewerker)
    client.post(reverse("login"), {"username": "medewerker", "password": WACHTWOORD}, follow=True)
    response = client.post(reverse("tweefactor"), {"activatiecode": code}, follow=True)
    assert re.search(r'<img src="data:image/svg\+xml', response.content.decode())
    assert "data:" in policy(response)["img-src"]


def test_item8_2_our_templates_have_no_inline_styles_or_scripts():
    gevonden = []
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        tekst = template.read_text()
        for patroon in (r"\sstyle=", r"<style", r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+="):
            if re.search(patroon, tekst):
                gevonden.append(f"{template.name}: {patroon}")
    assert gevonden == []
