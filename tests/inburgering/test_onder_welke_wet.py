"""'Onder welke wet valt een persoon' (SPEC §1, seed 001 §3.4, seed 002 §3.10)."""

from django.urls import reverse

import pytest

from inburgering.constants import Rol, Wet
from inburgering.registry import registreer_persoon_url, verwijder_persoon_url
from tests.factories import PersoonFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("inburgering:wet_zoeken")
KNOP = "Ga naar de gegevens van deze persoon"


@pytest.fixture
def persoon_pagina():
    """Stands in for the person screen a law app registers (the Wi2013 issue builds the real one)."""
    registreer_persoon_url(Wet.WI2013, lambda p: f"/wi2013/personen/{p.pk}/")
    yield
    verwijder_persoon_url(Wet.WI2013)


def zoek(client, bsn) -> str:
    """POST; a valid BSN is answered at the redirect's URL, which carries no BSN (issue 8 item 9)."""
    response = client.post(URL, {"bsn": bsn})
    if response.status_code == 303:
        assert bsn not in response["Location"]
        response = client.get(response["Location"])
    assert response.status_code == 200
    return response.content.decode()


def test_form_is_shown(login, raadpleger):
    html = login(raadpleger).get(URL).content.decode()
    assert "Zoeken wet inburgering" in html and "Burgerservicenummer" in html and ">Zoek<" in html


def test_person_in_gemeente(login, medewerker, groningen, persoon_pagina):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    html = zoek(login(medewerker), persoon.bsn)
    assert "Persoon valt onder de Wet Inburgering 2013." in html
    assert KNOP in html and f"/wi2013/personen/{persoon.pk}/" in html


def test_person_of_another_gemeente(login, medewerker, almere, persoon_pagina):
    persoon = PersoonFactory(woongemeente=almere, wet=Wet.WI2007)
    html = zoek(login(medewerker), persoon.bsn)
    assert "Persoon valt onder de Wet Inburgering 2007, maar is niet woonachtig in uw gemeente." in html
    assert KNOP not in html
    assert persoon.achternaam not in html  # nothing but the law


def test_deceased_person(login, medewerker, groningen):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021, overleden=True)
    html = zoek(login(medewerker), persoon.bsn)
    assert "Persoon is overleden." in html
    assert "Persoon valt onder de Wet Inburgering 2021." in html


def test_button_only_with_a_role_for_that_law(login, groningen, persoon_pagina):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    alleen_2021 = UserFactory(rollen={groningen: [Rol.WI2021]})
    html = zoek(login(alleen_2021), persoon.bsn)
    assert "Persoon valt onder de Wet Inburgering 2013." in html
    assert KNOP not in html


def test_fs603_invalid_bsn_keeps_input(login, medewerker):
    html = zoek(login(medewerker), "123456789")
    assert "BSN is ongeldig" in html
    assert 'value="123456789"' in html


def test_empty_bsn(login, medewerker):
    assert "Het veld &#x27;Burgerservicenummer&#x27; is verplicht" in zoek(login(medewerker), "")


def test_unknown_bsn_and_no_law_look_the_same(login, medewerker, groningen):
    zonder_wet = PersoonFactory(woongemeente=groningen, wet="")
    assert "Persoon valt niet onder een Wet inburgering." in zoek(login(medewerker), zonder_wet.bsn)
    assert "Persoon valt niet onder een Wet inburgering." in zoek(login(medewerker), "111222333")


def test_user_without_roles_is_refused(login, groningen):
    assert login(UserFactory()).get(URL).status_code == 403


def test_page_is_on_the_start_screen(login, raadpleger):
    html = login(raadpleger).get(reverse("inburgering:start")).content.decode()
    assert f'href="{URL}"' in html
