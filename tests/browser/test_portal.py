"""The real UI in headless Chromium, driven by its Dutch labels; axe-core checks accessibility."""

import os
import shutil

import pytest
from playwright.sync_api import expect

from inburgering.constants import Rol, Wet
from tests.browser.axe import axe_violations  # noqa: F401 (the other browser tests import it from here)
from tests.conftest import skip_or_fail
from tests.factories import GemeenteFactory, PersoonFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync ORM in the test thread
WACHTWOORD = "geheim-wachtwoord-123"

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium():
    if not shutil.which("chromium"):
        skip_or_fail("Chromium is not installed (apt-get install chromium)")


@pytest.fixture
def data(transactional_db):
    groningen = GemeenteFactory(code="0014", naam="Groningen")
    almere = GemeenteFactory(code="0034", naam="Almere")
    UserFactory(username="helpdesk", rollen={None: list(Rol.values)})
    UserFactory(username="raadpleger", rollen={groningen: [Rol.WI2007, Rol.WI2013, Rol.WI2021]})
    return {
        "thuis": PersoonFactory(woongemeente=groningen, wet=Wet.WI2013),
        "elders": PersoonFactory(woongemeente=almere, wet=Wet.WI2007),
    }


def inloggen(page, live_server, username):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()


def test_login_switch_gemeente_and_onder_welke_wet(page, live_server, data):
    page.goto(f"{live_server.url}/inloggen/")
    assert axe_violations(page) == []
    inloggen(page, live_server, "helpdesk")
    page.get_by_label("Gekozen gemeente:").select_option(label="Groningen")
    page.get_by_role("button", name="Kies").click()
    assert "(Gemeente: Groningen)" in page.locator("header").inner_text()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Onder welke wet valt een persoon").click()
    page.get_by_label("Burgerservicenummer").fill(data["thuis"].bsn)
    page.get_by_role("button", name="Zoek").click()
    expect(page.get_by_text("Persoon valt onder de Wet Inburgering 2013.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Burgerservicenummer").fill(data["elders"].bsn)
    page.get_by_role("button", name="Zoek").click()
    expect(
        page.get_by_text(
            "Persoon valt onder de Wet Inburgering 2007, maar is niet woonachtig in uw gemeente."
        )
    ).to_be_visible()

    # Switching to Almere on this page keeps the user here, now working for Almere.
    page.get_by_label("Gekozen gemeente:").select_option(label="Almere")
    page.get_by_role("button", name="Kies").click()
    assert "Zoeken wet inburgering" in page.locator("h1").inner_text()
    assert "(Gemeente: Almere)" in page.locator("header").inner_text()


def test_read_role_sees_read_parts_and_a_clear_bsn_error(page, live_server, data):
    inloggen(page, live_server, "raadpleger")
    tekst = page.locator("main").inner_text()
    assert "Raadplegen persoon 2021" in tekst and "Raadplegen en muteren persoon 2021" not in tekst
    page.get_by_role("link", name="Onder welke wet valt een persoon").click()
    page.get_by_label("Burgerservicenummer").fill("123456789")
    page.get_by_role("button", name="Zoek").click()
    expect(page.locator("#id_bsn_error", has_text="BSN is ongeldig")).to_be_visible()
    assert page.get_by_label("Burgerservicenummer").input_value() == "123456789"


def test_contact_form_errors_keep_input(page, live_server, data):
    inloggen(page, live_server, "raadpleger")
    page.get_by_role("link", name="Contactformulier").click()
    page.get_by_label("Naam").fill("Eva de Boer")
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Verstuur").click()
    expect(
        page.locator("#id_telefoonnummer_error", has_text="Het veld 'Telefoonnummer' is verplicht")
    ).to_be_visible()
    assert page.get_by_label("Naam").input_value() == "Eva de Boer"
    assert axe_violations(page) == []
