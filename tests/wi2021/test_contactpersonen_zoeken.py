"""Issue 12 deliverable 1 (search part): the Contactpersoon criterion and column in "Zoeken personen WI2021" /
"Gevonden personen" (S-16, S-17) and Contactpersoon/Doelgroep in "Zoeken/Selecteren signalen WI2021" and its
CSV (S-02, S-03), visible to both roles (R-CP-10)."""

import csv
import io
import re

from django.urls import reverse

import pytest

from tests.factories import SignaalFactory
from tests.zoeken import zoek as zoek_via_post
from wi2021.constants import Doelgroep
from wi2021.models import Contactpersoon, Koppeling

pytestmark = pytest.mark.django_db
PERSONEN = reverse("wi2021:zoeken")
SIGNALEN = reverse("signalen:zoeken", kwargs={"wet": "wi2021"})
SELECTEREN = reverse("signalen:selecteren", kwargs={"wet": "wi2021"})


def cp(gemeente, naam) -> Contactpersoon:
    return Contactpersoon.objects.create(gemeente=gemeente, naam=naam, email=f"{naam.lower()}@gemeente.nl")


def koppel(persoon, contactpersoon) -> Koppeling:
    return Koppeling.objects.create(
        persoon=persoon, gemeente=contactpersoon.gemeente, contactpersoon=contactpersoon
    )


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def bsns(pagina: str) -> set[str]:
    return set(re.findall(r'/wi2021/personen/\d+/">(\d{9})</a>', pagina))


def koppen(pagina: str) -> list[str]:
    """The visible text of each column head (the hidden sort hint for screen readers left out)."""
    cellen = re.findall(r"<th[^>]*>(.*?)</th>", pagina, re.S)
    zichtbaar = [re.sub(r'<span class="pib-verborgen">.*?</span>', "", cel) for cel in cellen]
    return [re.sub(r"<[^>]+>|[▲▼]", "", k).strip() for k in zichtbaar]


def test_item1_s16_contactpersoon_criterion_and_s17_column(login, raadpleger, groningen, almere, plicht):
    henk, connie = cp(groningen, "Henk"), cp(groningen, "Connie")
    cp(almere, "Vreemd")
    a, b, c = (plicht(persoon={"achternaam": "Visser"}).persoon for _ in range(3))
    koppel(a, henk), koppel(b, henk), koppel(c, connie)
    client = login(raadpleger)  # the read role searches on it too (R-CP-10)
    formulier = html(client.get(PERSONEN, {"tab": "overig"}))
    assert ">Henk</option>" in formulier and ">Connie</option>" in formulier and "Vreemd" not in formulier
    pagina = html(zoek_via_post(client, PERSONEN, {"tab": "overig", "contactpersoon": henk.pk, "zoek": "1"}))
    assert bsns(pagina) == {a.bsn, b.bsn}
    assert "<dt>Contactpersoon</dt><dd>Henk</dd>" in pagina
    alle = html(zoek_via_post(client, PERSONEN, {"tab": "overig", "achternaam": "Visser", "zoek": "1"}))
    assert koppen(alle) == ["BSN", "Achternaam", "Geboortedatum", "Contactpersoon", "Datum start inburgeringsplicht",
                            "Doelgroep"]  # fmt: skip
    assert alle.count(">Henk</td>") == 2 and alle.count(">Connie</td>") == 1


def test_item1_s16_contactpersoon_of_another_gemeente_is_an_invalid_choice(login, raadpleger, almere, plicht):
    vreemd = cp(almere, "Vreemd")
    pagina = html(zoek_via_post(login(raadpleger), PERSONEN, {"tab": "overig", "contactpersoon": vreemd.pk}))
    assert "Selecteer een geldige keuze" in pagina


def test_item1_s02_signal_criteria_contactpersoon_and_doelgroep(login, raadpleger, groningen, plicht):
    henk = cp(groningen, "Henk")
    a = plicht(doelgroep=Doelgroep.ASIELSTATUSHOUDER).persoon
    b = plicht(doelgroep=Doelgroep.GEZINSMIGRANT).persoon
    koppel(a, henk)
    SignaalFactory(persoon=a, code="SS101"), SignaalFactory(persoon=b, code="SS102")
    client = login(raadpleger)
    formulier = html(client.get(SIGNALEN))
    labels = [
        t.strip()
        for t in re.findall(r'<label class="utrecht-form-label pib-label" for="[^"]+">([^<]+)<', formulier)
    ]
    assert labels == ["Burgerservicenummer", "Contactpersoon", "Doelgroep", "Datum signaal vanaf",
                      "Datum signaal tot en met", "Code signaal", "Status signaal"]  # S-02 order  # fmt: skip
    assert ">Henk</option>" in formulier and ">Gezinsmigrant en overige migrant</option>" in formulier

    def gevonden(**criteria) -> set[str]:
        return bsns(html(zoek_via_post(client, SIGNALEN, criteria)))

    assert gevonden(contactpersoon=henk.pk) == {a.bsn}
    assert gevonden(contactpersoon="geen") == {b.bsn}
    assert gevonden(doelgroep=Doelgroep.GEZINSMIGRANT) == {b.bsn}
    assert gevonden(doelgroep=Doelgroep.ASIELSTATUSHOUDER, contactpersoon=henk.pk) == {a.bsn}


def test_item1_s03_signal_columns_and_constant_queries(login, raadpleger, groningen, plicht,
                                                       django_assert_max_num_queries):  # fmt: skip
    henk = cp(groningen, "Henk")
    client = login(raadpleger)

    def maak(n):
        for _ in range(n):
            p = plicht(doelgroep=Doelgroep.GEZINSMIGRANT).persoon
            koppel(p, henk)
            SignaalFactory(persoon=p)

    maak(2)
    with django_assert_max_num_queries(30) as weinig:
        pagina = html(client.get(SELECTEREN, {"alle": "1"}))
    assert koppen(pagina) == ["Status", "BSN", "Achternaam", "Doelgroep", "Code", "Omschrijving", "Datum",
                              "Contactpersoon"]  # fmt: skip
    assert pagina.count(">Henk</td>") == 2 and pagina.count(">Gezinsmigrant en overige migrant</td>") == 2
    maak(15)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        pagina = html(client.get(SELECTEREN, {"alle": "1"}))
    assert pagina.count(">Henk</td>") == 17
    gesorteerd = html(client.get(SELECTEREN, {"alle": "1", "sort": "contactpersoon"}))
    assert gesorteerd.count(">Henk</td>") == 17  # sorts in the database


def test_item1_signal_csv_has_doelgroep_and_contactpersoon(login, medewerker, groningen, plicht):
    henk = cp(groningen, "Henk")
    p = plicht(doelgroep=Doelgroep.ASIELSTATUSHOUDER).persoon
    koppel(p, henk)
    SignaalFactory(persoon=p)
    response = login(medewerker).get(reverse("signalen:download", kwargs={"wet": "wi2021"}))
    rijen = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rijen[0][-2:] == ["Doelgroep", "Contactpersoon"]
    assert rijen[1][-2:] == ["Asielstatushouder", "Henk"]


def test_item1_weekmail_link_filters_on_contactpersoon_and_date(login, medewerker, groningen, plicht):
    """The weekly e-mail links here with ?contactpersoon=…&datum_vanaf=… (no person data in the URL)."""
    henk = cp(groningen, "Henk")
    a, b = plicht().persoon, plicht().persoon
    koppel(a, henk)
    SignaalFactory(persoon=a), SignaalFactory(persoon=b)
    pagina = html(login(medewerker).get(SELECTEREN, {"contactpersoon": henk.pk, "datum_vanaf": "01-01-2000"}))
    assert bsns(pagina) == {a.bsn}
