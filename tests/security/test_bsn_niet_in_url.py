"""Issue 8 item 9: a BSN never lands in a URL (server logs, proxies, browser history).

Every search that takes a BSN POSTs; the answer comes from a URL with an opaque key only. A BSN typed
into a URL is not searched for, and person pages go by internal id.
"""

import re

from django.urls import reverse

import pytest

from inburgering.constants import Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, SignaalFactory
from wi2007.models import Wi2007Persoon
from wi2013.models import Wi2013Persoon

pytestmark = pytest.mark.django_db


@pytest.fixture
def personen(groningen):
    """One person per law, each with a signal."""
    p7 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007)
    Wi2007Persoon.objects.create(persoon=p7)
    p13 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    Wi2013Persoon.objects.create(persoon=p13)
    p21 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    for persoon, code in ((p7, "SS001"), (p13, "SS601"), (p21, "SS101")):
        SignaalFactory(persoon=persoon, wet=persoon.wet, code=code)
    return {Wet.WI2007: p7, Wet.WI2013: p13, Wet.WI2021: p21}


# (name, url name + args, law of the person looked for, extra form fields, text of the answer)
ZOEKINGEN = [
    ("wi2007 zoek met nummers", ("wi2007:zoeken", []), Wet.WI2007, {"tab": "nummers"}, "Persoonsgegevens"),
    (
        "wi2013 zoeken personen",
        ("wi2013:zoeken", []),
        Wet.WI2013,
        {"verblijf": "woonachtig"},
        "Persoonsgegevens",
    ),
    ("zoeken signalen wi2007", ("signalen:zoeken", ["wi2007"]), Wet.WI2007, {}, "Selecteren signalen WI2007"),
    ("zoeken signalen wi2013", ("signalen:zoeken", ["wi2013"]), Wet.WI2013, {}, "Selecteren signalen WI2013"),
    ("zoeken signalen wi2021", ("signalen:zoeken", ["wi2021"]), Wet.WI2021, {}, "Selecteren signalen WI2021"),
    (
        "onder welke wet",
        ("inburgering:wet_zoeken", []),
        Wet.WI2013,
        {},
        "Persoon valt onder de Wet Inburgering 2013.",
    ),
]


@pytest.mark.parametrize(
    ("naam", "url", "wet", "extra", "antwoord"), ZOEKINGEN, ids=[z[0] for z in ZOEKINGEN]
)
def test_item9_bsn_search_posts_and_redirects_to_a_url_without_the_bsn(
    login, raadpleger, personen, naam, url, wet, extra, antwoord
):
    """Also proves a read-only user (the three read roles) may POST a search."""
    client = login(raadpleger)
    bsn = personen[wet].bsn
    response = client.post(reverse(url[0], args=url[1]), {"bsn": bsn, **extra})
    assert response.status_code == 303
    assert "zoekopdracht=" in response["Location"]
    response = client.get(response["Location"], follow=True)
    assert response.status_code == 200
    bezocht = [response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"]]
    bezocht += [u for u, _ in response.redirect_chain]
    for adres in bezocht:
        assert bsn not in adres and "bsn" not in adres, adres
    pagina = response.content.decode()
    assert antwoord in pagina and bsn in pagina  # the answer is about that person
    # every link on the answer leaves the BSN out as well
    for href in re.findall(r'href="([^"]*)"', pagina):
        assert bsn not in href, href


def test_item9_wi2007_tab_overige_velden_posts_too(login, raadpleger, personen):
    response = login(raadpleger).post(reverse("wi2007:zoeken"), {"tab": "overig", "geslacht": "V",
                                                                 "verblijf": "woonachtig"})  # fmt: skip
    assert response.status_code == 303 and "geslacht" not in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("wi2007:zoeken") + "?tab=nummers&zoek=1&bsn={bsn}",
        reverse("wi2007:gevonden") + "?tab=nummers&zoek=1&bsn={bsn}",
        reverse("wi2013:zoeken") + "?zoek=1&bsn={bsn}",
        reverse("wi2013:gevonden") + "?zoek=1&bsn={bsn}",
        reverse("signalen:selecteren", args=["wi2013"]) + "?bsn={bsn}",
        reverse("inburgering:wet_zoeken") + "?bsn={bsn}",
    ],
)
def test_item9_a_get_with_a_bsn_does_not_search(login, raadpleger, personen, url):
    bsn = personen[Wet.WI2013].bsn
    response = login(raadpleger).get(url.format(bsn=bsn), follow=True)
    assert response.status_code == 200
    assert not response.redirect_chain or "/personen/" not in response.redirect_chain[-1][0]
    assert not AuditEntry.objects.filter(actie=AuditActie.ZOEKEN).exists()  # nothing was looked up
    pagina = response.content.decode()
    assert "Persoon valt onder" not in pagina and "signalen gevonden" not in pagina


def test_item9_search_key_of_another_session_shows_nothing(client, login, raadpleger, medewerker, personen):
    eerste = login(raadpleger)
    locatie = eerste.post(reverse("wi2013:zoeken"), {"bsn": personen[Wet.WI2013].bsn})["Location"]
    client.logout()
    response = login(medewerker).get(locatie, follow=True)
    pagina = response.content.decode()
    assert "Uw zoekopdracht is niet meer beschikbaar." in pagina
    assert personen[Wet.WI2013].bsn not in pagina


def test_item9_person_pages_and_raadplegen_go_by_id(login, raadpleger, personen):
    client = login(raadpleger)
    for wet, naam in ((Wet.WI2007, "wi2007:persoon"), (Wet.WI2013, "wi2013:persoon")):
        persoon = personen[wet]
        pagina = client.get(reverse(naam, args=[persoon.pk])).content.decode()
        assert persoon.bsn in pagina
        hrefs = re.findall(r'href="([^"]*)"', pagina)
        assert not [h for h in hrefs if persoon.bsn in h]
        raadplegen = f"/signalen/{wet.lower()}/?persoon={persoon.pk}"
        assert raadplegen in hrefs
        lijst = client.get(raadplegen).content.decode()
        assert persoon.bsn in lijst and "Er zijn <strong>1</strong> signalen gevonden." in lijst


def test_item9_raadplegen_of_another_gemeentes_person_is_404(login, raadpleger, almere):
    elders = PersoonFactory(woongemeente=almere, wet=Wet.WI2013)
    client = login(raadpleger)
    assert client.get(f"/signalen/wi2013/?persoon={elders.pk}").status_code == 404
    assert client.get("/signalen/wi2013/?persoon=abc").status_code == 404
