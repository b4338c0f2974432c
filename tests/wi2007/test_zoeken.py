"""7-1 "Zoeken personen WI2007": both tabs, their rules, 0/1/many results, scoping, sorting."""

import re
from datetime import date

from django.urls import reverse

import pytest

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, SignaalFactory, UserFactory
from tests.zoeken import resultaat_url, zoek
from wi2007.models import Wi2007Persoon

pytestmark = pytest.mark.django_db
URL = reverse("wi2007:zoeken")


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def bsns(pagina: str) -> list[str]:
    return re.findall(r'/wi2007/personen/\d+/">(\d{9})</a>', pagina)


def test_71_both_tabs(login, raadpleger):
    client = login(raadpleger)
    nummers = html(client.get(URL))
    assert (
        "Zoeken personen WI2007" in nummers
        and "Zoek met nummers" in nummers
        and "Zoek met overige velden" in nummers
    )
    assert "Burgerservicenummer" in nummers and "A-nummer" in nummers
    assert "U dient ten minste een van de velden in te vullen." in nummers
    overig = html(client.get(URL, {"tab": "overig"}))
    for label in ("Geboortedatum vanaf", "Geboortedatum tot en met", "Geslacht", "Nationaliteit", "Zoeken in ISI",
                  "Woonachtig in gemeente", "Gewezen ingezetenen"):  # fmt: skip
        assert label in overig


def test_71_nummers_need_at_least_one(login, raadpleger):
    pagina = html(zoek(login(raadpleger), URL, {"tab": "nummers", "bsn": "", "a_nummer": "", "zoek": "1"}))
    samenvatting = re.search(r'<div[^>]*id="foutenoverzicht".*?</ul>', pagina, re.S).group(0)
    assert 'role="alert"' in samenvatting
    assert "U dient ten minste een van de velden in te vullen." in samenvatting


def test_71_overige_velden_need_birth_date_gender_or_nationality(login, raadpleger):
    pagina = html(zoek(login(raadpleger), URL, {"tab": "overig", "zoeken_in": "A", "verblijf": "woonachtig",
                                              "zoek": "1"}))  # fmt: skip
    assert (
        "U dient minimaal één van de volgende velden in te vullen: geboortedatum, geslacht of nationaliteit."
        in pagina
    )
    assert 'role="alert"' in pagina


def test_71_invalid_input_keeps_what_was_typed(login, raadpleger):
    pagina = html(
        zoek(login(raadpleger), URL, {"tab": "nummers", "bsn": "123456789", "a_nummer": "12", "zoek": "1"})
    )
    assert "BSN is ongeldig" in pagina and "Een A-nummer bestaat uit 10 cijfers." in pagina
    assert 'value="123456789"' in pagina and 'value="12"' in pagina


def test_71_zero_results(login, raadpleger, wi2007_persoon):
    wi2007_persoon(bsn="111222333")
    pagina = html(zoek(login(raadpleger), URL, {"tab": "nummers", "bsn": "123456782", "zoek": "1"}))
    assert "Er zijn geen zoekresultaten gevonden" in pagina


def test_71_one_result_opens_the_person(login, raadpleger, wi2007_persoon):
    g = wi2007_persoon(a_nummer="4020209358")
    response = zoek(login(raadpleger), URL, {"tab": "nummers", "a_nummer": "4020209358", "zoek": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("wi2007:persoon", kwargs={"persoon": g.persoon_id})
    assert AuditEntry.objects.filter(actie=AuditActie.ZOEKEN).exists()


def test_71_many_results_table_sortable(login, raadpleger, wi2007_persoon):
    a = wi2007_persoon(achternaam="Aydin", geslacht="V", geboortedatum=date(1980, 1, 1))
    b = wi2007_persoon(achternaam="Bakker", geslacht="V", geboortedatum=date(1970, 1, 1))
    SignaalFactory(persoon=a.persoon, wet=Wet.WI2007, code="SS001")
    client = login(raadpleger)
    params = {"tab": "overig", "geslacht": "V", "verblijf": "woonachtig", "zoek": "1"}
    gevonden = resultaat_url(client, URL, params)
    pagina = html(client.get(gevonden))
    assert "Er zijn <strong>2</strong> personen gevonden." in pagina
    for kop in ("BSN", "A-nummer", "Voornaam", "Voorvoegsels", "Achternaam", "Geboortedatum", "Geslacht",
                "Herkomst", "Signaal aanwezig"):  # fmt: skip
        assert f">{kop}" in pagina
    assert "ISI Actief" in pagina and ">Ja<" in pagina and ">Nee<" in pagina
    assert bsns(pagina) == [a.persoon.bsn, b.persoon.bsn]
    # the sort links keep the search's key
    assert 'href="?zoekopdracht=' in pagina and "&amp;sort=achternaam" in pagina
    aflopend = html(client.get(f"{gevonden}&sort=-achternaam"))
    assert bsns(aflopend) == [b.persoon.bsn, a.persoon.bsn]
    op_leeftijd = html(client.get(f"{gevonden}&sort=geboortedatum"))
    assert bsns(op_leeftijd) == [b.persoon.bsn, a.persoon.bsn]


def test_71_twenty_per_page(login, raadpleger, wi2007_persoon):
    for _ in range(23):
        wi2007_persoon(geslacht="M")
    pagina = html(
        zoek(
            login(raadpleger), URL, {"tab": "overig", "geslacht": "M", "verblijf": "woonachtig", "zoek": "1"}
        )
    )
    assert len(bsns(pagina)) == 20 and "Resultaten 1 tot en met 20 worden nu getoond." in pagina


def test_71_criteria(login, raadpleger, wi2007_persoon):
    jong = wi2007_persoon(geboortedatum=date(1990, 6, 1), nationaliteit="Syrische", geslacht="M")
    oud = wi2007_persoon(geboortedatum=date(1960, 6, 1), nationaliteit="Turkse", geslacht="M",
                         gegevens={"herkomst": "D"})  # fmt: skip
    client = login(raadpleger)
    basis = {"tab": "overig", "verblijf": "woonachtig", "zoek": "1"}
    r = zoek(client, URL, {**basis, "geboortedatum_vanaf": "01-01-1985"})
    assert r.status_code == 302 and str(jong.persoon_id) in r["Location"]
    r = zoek(client, URL, {**basis, "nationaliteit": "turkse"})
    assert r.status_code == 302 and str(oud.persoon_id) in r["Location"]
    r = zoek(client, URL, {**basis, "geslacht": "M", "zoeken_in": "D"})
    assert r.status_code == 302 and str(oud.persoon_id) in r["Location"]


def test_71_scoped_to_the_woongemeente_gewezen_ingezetenen_only_when_asked(
    login, raadpleger, wi2007_persoon, almere
):
    thuis = wi2007_persoon(geslacht="V")
    vertrokken = wi2007_persoon(geslacht="V", datum_vertrek=date(2025, 1, 1))
    elders = PersoonFactory(woongemeente=almere, wet=Wet.WI2007, geslacht="V")
    Wi2007Persoon.objects.create(persoon=elders)
    client = login(raadpleger)
    r = zoek(client, URL, {"tab": "overig", "geslacht": "V", "verblijf": "woonachtig", "zoek": "1"})
    assert r.status_code == 302 and str(thuis.persoon_id) in r["Location"]
    r = zoek(client, URL, {"tab": "overig", "geslacht": "V", "verblijf": "gewezen", "zoek": "1"})
    assert r.status_code == 302 and str(vertrokken.persoon_id) in r["Location"]
    r = zoek(client, URL, {"tab": "nummers", "bsn": elders.bsn, "zoek": "1"})
    assert "Er zijn geen zoekresultaten gevonden" in html(r)


def test_71_other_law_persons_are_not_found(login, raadpleger, groningen):
    wi2021 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    pagina = html(zoek(login(raadpleger), URL, {"tab": "nummers", "bsn": wi2021.bsn, "zoek": "1"}))
    assert "Er zijn geen zoekresultaten gevonden" in pagina


def test_71_needs_the_wi2007_role(login, groningen):
    assert login(UserFactory(rollen={groningen: [Rol.WI2021MUT]})).get(URL).status_code == 403
