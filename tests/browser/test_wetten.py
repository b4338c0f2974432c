"""The law pages in headless Chromium: a caseworker's paths through signals, Wi2007 and Wi2013, with axe-core."""

from datetime import date

import pytest
from playwright.sync_api import expect

from inburgering.constants import Rol, Wet
from tests.browser.test_portal import axe_violations, inloggen
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
    from wi2013.models import Wi2013Persoon

    groningen = GemeenteFactory(code="0014", naam="Groningen", iban="NL91ABNA0417164300")
    UserFactory(username="medewerker", rollen={groningen: list(Rol.values)})
    wi2007 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007, achternaam="Yilmaz")
    Wi2007Persoon.objects.create(persoon=wi2007, gehandhaafd=True, begin_handhaving=date(2010, 1, 1))
    wi2013 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, achternaam="Bakker")
    Wi2013Persoon.objects.create(persoon=wi2013, pvt_plichtig=True, datum_start_pvt_plicht=date(2024, 1, 1),
                                 datum_einde_pvt_plicht=date(2025, 1, 1), lening_duo=True)  # fmt: skip
    for _ in range(3):
        SignaalFactory(persoon__woongemeente=groningen)
    return {"wi2007": wi2007, "wi2013": wi2013}


def test_signals_select_and_change_status(page, live_server, data):
    inloggen(page, live_server, "medewerker")
    page.get_by_role("link", name="Raadplegen en muteren signalen 2021").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Toon deze signalen.").click()
    page.get_by_label("Selecteer alle signalen op deze pagina").check()
    assert page.locator("[data-teller]").inner_text() == "3"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Afgehandeld").click()
    expect(page.get_by_text("De status van 3 signalen is gewijzigd in 'Afgehandeld'.")).to_be_visible()


def test_wi2007_search_person_and_tabs(page, live_server, data):
    inloggen(page, live_server, "medewerker")
    page.get_by_role("link", name="Raadplegen persoon 2007").click()
    assert axe_violations(page) == []
    page.get_by_label("Burgerservicenummer").fill(data["wi2007"].bsn)
    page.get_by_role("button", name="Zoek").click()
    expect(page.get_by_role("heading", name="Persoonsgegevens")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Handhaving").click()
    assert page.locator("dd", has_text="01-01-2010").count() >= 1
    page.get_by_text("Meer ▾").click()
    page.get_by_role("link", name="Examens").click()
    expect(page.get_by_role("heading", name="Examens")).to_be_visible()


def test_wi2013_register_a_reason_with_an_error_first(page, live_server, data):
    inloggen(page, live_server, "medewerker")
    page.goto(f"{live_server.url}/wi2013/zoeken/")
    page.get_by_label("Burgerservicenummer").fill(data["wi2013"].bsn)
    page.get_by_role("button", name="Zoeken").click()
    assert data["wi2013"].bsn not in page.url  # the search POSTs; the person page goes by id
    assert axe_violations(page) == []
    page.get_by_role("link", name="Wijzigen").click()
    page.get_by_label("Datum start deelname PV-traject").fill("15-11-2024")
    page.get_by_label("Reden niet voldaan aan PVT-plicht").select_option(
        label="Persoon weigert deel te nemen aan het PV-traject"
    )
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("moet leeg zijn bij de reden").first).to_be_visible()
    assert page.get_by_label("Datum start deelname PV-traject").input_value() == "15-11-2024"
    assert axe_violations(page) == []
    page.get_by_label("Datum start deelname PV-traject").fill("")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("Voorlopig geregistreerd")).to_be_visible()


def test_item6_printen_prints_the_list_without_navigation_and_checkboxes(page, live_server, data):
    from django.urls import reverse

    inloggen(page, live_server, "medewerker")
    page.goto(live_server.url + reverse("signalen:selecteren", kwargs={"wet": "wi2021"}) + "?alle=1")
    page.evaluate("window.print = function () { window.geprint = true; }")
    page.get_by_role("link", name="Printen").click()
    assert page.evaluate("window.geprint") is True and "printen=1" not in page.url  # printed, not followed
    page.emulate_media(media="print")
    expect(page.locator("table")).to_be_visible()
    for verborgen in (".pib-nav", ".pib-header", "input[type=checkbox]", ".pib-actions"):
        assert not page.locator(verborgen).first.is_visible(), verborgen
