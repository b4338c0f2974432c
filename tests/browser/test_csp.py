"""Issue 8 item 2 in a real browser: Chromium reports no Content-Security-Policy violation on the portal
or in the admin (change form, autocomplete, inline rows, add-another popup, list filters)."""

from datetime import date

import pytest
from playwright.sync_api import expect

from inburgering.constants import Rol, Wet
from tests.browser.test_portal import WACHTWOORD, inloggen
from tests.conftest import skip_or_fail
from tests.factories import GemeenteFactory, PersoonFactory, SignaalFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _chromium():
    import shutil

    if not shutil.which("chromium"):
        skip_or_fail("Chromium is not installed (apt-get install chromium)")


@pytest.fixture
def data(transactional_db):
    from wi2007.models import Wi2007Persoon

    groningen = GemeenteFactory(code="0014", naam="Groningen")
    UserFactory(username="medewerker", rollen={groningen: list(Rol.values)})
    UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    Wi2007Persoon.objects.create(persoon=persoon, gehandhaafd=True, begin_handhaving=date(2010, 1, 1))
    SignaalFactory(persoon__woongemeente=groningen)
    return {"persoon": persoon}


@pytest.fixture
def csp_violations(page):
    """Every console message of every page (popups too) in which Chromium refuses something."""
    gevonden: list[str] = []

    def luister(bericht):
        if "Content Security Policy" in bericht.text or "Refused to" in bericht.text:
            gevonden.append(f"{bericht.page.url if bericht.page else '?'}: {bericht.text}")

    page.context.on("console", luister)
    return gevonden


def test_item8_2_no_csp_violations_on_portal_pages(page, live_server, data, csp_violations):
    inloggen(page, live_server, "medewerker")
    page.get_by_role("link", name="Raadplegen persoon 2007").click()
    page.get_by_label("Burgerservicenummer").fill(data["persoon"].bsn)
    page.get_by_role("button", name="Zoek").click()
    expect(page.get_by_role("heading", name="Persoonsgegevens")).to_be_visible()
    page.get_by_text("Meer ▾").click()  # the tab menu's script
    page.goto(f"{live_server.url}/signalen/wi2021/")
    page.get_by_role("link", name="Toon deze signalen.").click()
    page.get_by_label("Selecteer alle signalen op deze pagina").check()  # signalen.js counts the selection
    assert page.locator("[data-teller]").inner_text() == "1"
    assert csp_violations == []


def test_item8_2_no_csp_violations_in_the_admin(page, live_server, data, csp_violations):
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/beheer/")
    assert page.locator("#site-name").inner_text() == "PIB beheer"

    # Change form: the autocomplete widget (select2 + AJAX) and the add-another popup.
    page.goto(f"{live_server.url}/beheer/inburgering/persoon/{data['persoon'].pk}/change/")
    page.locator("#id_toekomstige_gemeente + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill("Gron")
    page.locator(".select2-results__option", has_text="Groningen").click()
    assert "Groningen" in page.locator("#select2-id_toekomstige_gemeente-container").inner_text()
    with page.expect_popup() as venster:
        page.locator("#add_id_toekomstige_gemeente").click()
    popup = venster.value
    popup.get_by_label("Code").fill("0034")
    popup.get_by_label("Naam").fill("Almere")
    popup.get_by_role("button", name="Opslaan").click()  # popup_response.js fills the opener and closes
    popup.wait_for_event("close")
    assert "Almere" in page.locator("#select2-id_toekomstige_gemeente-container").inner_text()

    # Inline rows (inlines.js) on the user form, and the audit list with its free-text filters.
    page.goto(f"{live_server.url}/beheer/auth/user/")
    page.get_by_role("link", name="medewerker").click()
    page.locator(".add-row a").wait_for()  # made by inlines.js
    rijen = page.locator(".inline-group tr.form-row:not(.empty-form)").count()
    page.locator(".add-row a").click()
    assert page.locator(".inline-group tr.form-row:not(.empty-form)").count() == rijen + 1
    page.goto(f"{live_server.url}/beheer/inburgering/auditentry/")
    page.get_by_label("gebruiker").fill("medewerker")
    page.get_by_label("gebruiker").press("Enter")
    page.wait_for_url("**gebruiker=medewerker**")
    assert csp_violations == []
