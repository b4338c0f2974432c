"""Issue 10 deliverables 3 and 6: "Zoeken personen WI2021" (S-15, S-16), "Gevonden personen" (S-17), the
start-screen links, and the Wi2021 BSN links of "Selecteren signalen" and "Onder welke wet"."""

import re
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, SignaalFactory, UserFactory, geldig_bsn
from tests.zoeken import zoek as zoek_via_post
from wi2021.constants import Doelgroep, Leerroute, Niveau
from wi2021.models import Inburgeringsplicht

pytestmark = pytest.mark.django_db
URL = reverse("wi2021:zoeken")
KOLOMMEN = [
    "BSN",
    "Achternaam",
    "Geboortedatum",
    "Contactpersoon",
    "Datum start inburgeringsplicht",
    "Doelgroep",
]
ASIEL, GEZIN = Doelgroep.ASIELSTATUSHOUDER, Doelgroep.GEZINSMIGRANT


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def zoek_bsn(client, bsn):
    return zoek_via_post(client, URL, {"tab": "bsn", "bsn": bsn, "zoek": "1"})


def zoek(client, **criteria):
    return zoek_via_post(client, URL, {"tab": "overig", **criteria, "zoek": "1"})


def overzicht(persoon) -> str:
    return reverse("wi2021:overzicht", kwargs={"persoon": persoon.pk})


def bsns(pagina: str) -> list[str]:
    return re.findall(r'/wi2021/personen/\d+/">(\d{9})</a>', pagina)


def gevonden(client, **criteria) -> set[str]:
    """The BSNs a search finds, whether it opened the one person or listed several."""
    response = zoek(client, **criteria)
    if response.status_code == 302:
        pk = int(re.search(r"/wi2021/personen/(\d+)/", response["Location"]).group(1))
        return {Inburgeringsplicht.objects.filter(persoon_id=pk).first().persoon.bsn}
    pagina = html(response)
    return set() if "Er zijn geen zoekresultaten gevonden." in pagina else set(bsns(pagina))


def fout(pagina: str) -> list[str]:
    """The error messages on a page: on top of the form (an alert, or the error summary's lines that belong to
    no field), or under a field's label."""
    boven = re.findall(r'role="alert"><p class="utrecht-paragraph">([^<]*)</p>', pagina)
    boven += re.findall(r'<li class="utrecht-unordered-list__item">([^<]+)</li>', pagina)
    return boven + re.findall(r'class="utrecht-form-field-error-message pib-error"[^>]*>([^<]*)<', pagina)


# --- S-15 / S-16: the screens ----------------------------------------------------------------------------


def test_item3_s15_tab_bsn_has_the_manuals_labels(login, raadpleger):
    pagina = html(login(raadpleger).get(URL))
    for tekst in ("Zoeken personen WI2021", ">Zoek met burgerservicenummer</a>", ">Zoek met overige velden</a>",
                  "Burgerservicenummer", ">Zoek</button>", ">veld leegmaken</a>"):  # fmt: skip
        assert tekst in pagina
    assert 'aria-current="page">Zoek met burgerservicenummer' in pagina
    assert 'name="achternaam"' not in pagina


def test_item3_s16_tab_overige_velden_has_every_criterion(login, raadpleger):
    pagina = html(login(raadpleger).get(URL, {"tab": "overig"}))
    for tekst in ("Achternaam", "Doelgroep", "Datum start inburgeringsplicht vanaf",
                  "Datum start inburgeringsplicht tot en met", "Zoek personen waarvoor geldt", "LBT niet afgenomen",
                  "PIP niet doorgegeven", "Inburgeringsaanbod niet doorgegeven", "PVT niet doorgegeven",
                  "MAP niet doorgegeven", ">Asielstatushouder</option>", ">Gezinsmigrant en overige migrant</option>",
                  ">Zoek</button>", ">wis velden</a>", "Vul ten minste een van de onderstaande velden in.",
                  "Alleen beschikbaar voor personen met de doelgroep &#x27;Asielstatushouder&#x27;."):  # fmt: skip
        assert tekst in pagina, tekst
    assert pagina.count('type="checkbox"') == 5
    assert pagina.count('placeholder="dd-mm-jjjj"') == 2
    assert pagina.index('name="contactpersoon"') < pagina.index(
        'name="achternaam"'
    )  # issue 12, before Achternaam


def test_item3_read_role_can_search_and_others_cannot(login, raadpleger, groningen, plicht):
    p = plicht()
    response = zoek_bsn(login(raadpleger), p.persoon.bsn)  # the read role POSTs the search
    assert response.status_code == 302 and response["Location"] == overzicht(p.persoon)
    zonder_rol = UserFactory(rollen={groningen: [Rol.WI2013, Rol.WI2007]})
    client = login(zonder_rol)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"tab": "bsn", "bsn": p.persoon.bsn}).status_code == 403


# --- S-15: BSN ---------------------------------------------------------------------------------------------


def test_item3_s15_one_person_opens_the_overview(login, raadpleger, plicht):
    p = plicht()
    response = zoek_bsn(login(raadpleger), p.persoon.bsn)
    assert response.status_code == 302 and response["Location"] == overzicht(p.persoon)


def test_item3_s15_coa_coupled_person_is_found(login, raadpleger, plicht, almere, groningen):
    p = plicht(persoon={"woongemeente": None, "toekomstige_gemeente": groningen})
    assert zoek_bsn(login(raadpleger), p.persoon.bsn)["Location"] == overzicht(p.persoon)


def test_item3_s15_deceased_opens_the_overview_with_as602(login, raadpleger, plicht):
    p = plicht(persoon={"datum_overlijden": date(2025, 1, 2)})
    client = login(raadpleger)
    response = zoek_bsn(client, p.persoon.bsn)
    assert response["Location"] == overzicht(p.persoon)
    assert "AS 602 Persoon is volgens BRP overleden" in html(client.get(response["Location"]))


@pytest.fixture
def bsn_gevallen(groningen, almere, plicht):
    """BSN → the §4.2 a message (D-02), one case per code."""
    wi2013 = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    elders = plicht(persoon={"woongemeente": almere}).persoon
    nooit_plichtig = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    onbekend = geldig_bsn(0)
    return {
        "FS 603 BSN is ongeldig": ("123456789", None),
        "FS 642 BSN kan niet in ISI gevonden worden": (onbekend, None),
        "FS 636 Persoon valt niet onder WI2021": (wi2013.bsn, wi2013),
        "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente": (elders.bsn, elders),
        "FS 655 Persoon is niet inburgeringsplichtig": (nooit_plichtig.bsn, nooit_plichtig),
    }


def test_item3_s15_every_42a_message_is_rendered_with_its_code(login, raadpleger, bsn_gevallen):
    client = login(raadpleger)
    for melding, (bsn, persoon) in bsn_gevallen.items():
        pagina = html(zoek_bsn(client, bsn))
        assert fout(pagina) == [melding], (melding, fout(pagina))
        assert f'value="{bsn}"' in pagina  # the form keeps what was typed
        if persoon is not None:
            assert persoon.achternaam not in pagina and f"/personen/{persoon.pk}/" not in pagina


def test_item3_s15_empty_bsn(login, raadpleger):
    pagina = html(zoek_bsn(login(raadpleger), ""))
    assert "Het veld &#x27;Burgerservicenummer&#x27; is verplicht" in pagina


def test_item3_s15_the_overview_refuses_what_the_search_refuses(login, raadpleger, bsn_gevallen):
    """The BSN links never open a person of another gemeente or law by id either."""
    client = login(raadpleger)
    for _, persoon in bsn_gevallen.values():
        if persoon is not None:
            assert client.get(overzicht(persoon)).status_code == 404


# --- S-16: criteria -----------------------------------------------------------------------------------------


def test_item3_s16_at_least_one_criterion(login, raadpleger, plicht):
    plicht()
    pagina = html(zoek(login(raadpleger)))
    assert fout(pagina) == ["Vul ten minste een van de onderstaande velden in."]


def test_item3_s16_a_ticked_checkbox_alone_is_a_criterion(login, raadpleger, plicht):
    p = plicht()
    assert gevonden(login(raadpleger), pip_niet_doorgegeven="on") == {p.persoon.bsn}


def test_item3_s16_date_errors_keep_the_input(login, raadpleger):
    client = login(raadpleger)
    pagina = html(zoek(client, datum_start_vanaf="31-02-2024"))
    assert "Voer een geldige datum in." in pagina and 'value="31-02-2024"' in pagina
    assert "Vul ten minste" not in "".join(fout(pagina))  # a typed (invalid) field counts as filled in
    pagina = html(
        zoek(client, datum_start_vanaf="02-03-2024", datum_start_tm="01-03-2024", achternaam="Jansen")
    )
    assert "De datum tot en met ligt voor de datum vanaf." in pagina
    assert 'value="Jansen"' in pagina and 'value="01-03-2024"' in pagina


def test_item3_s16_achternaam(login, raadpleger, plicht):
    jansen = plicht(persoon={"achternaam": "Jansen"}).persoon
    de_vries = plicht(persoon={"achternaam": "Vries", "voorvoegsels": "de"}).persoon
    plicht(persoon={"achternaam": "Jansens"})
    client = login(raadpleger)
    assert gevonden(client, achternaam="jansen") == {jansen.bsn}  # exact, case-insensitive
    assert gevonden(client, achternaam="De Vries") == {de_vries.bsn}
    assert gevonden(client, achternaam="Vries") == {de_vries.bsn}
    assert gevonden(client, achternaam="Pietersen") == set()


def test_item3_s16_doelgroep(login, raadpleger, plicht):
    asiel = {plicht(doelgroep=ASIEL).persoon.bsn for _ in range(2)}
    gezin = {plicht(doelgroep=GEZIN).persoon.bsn for _ in range(2)}
    client = login(raadpleger)
    assert gevonden(client, doelgroep=ASIEL) == asiel
    assert gevonden(client, doelgroep=GEZIN) == gezin


def test_item3_s16_datum_start_inburgeringsplicht_vanaf_tot_en_met_inclusive(login, raadpleger, plicht):
    maart, april, mei = (plicht(datum_start=date(2024, m, 1)).persoon.bsn for m in (3, 4, 5))
    client = login(raadpleger)
    assert gevonden(client, datum_start_vanaf="01-04-2024") == {april, mei}
    assert gevonden(client, datum_start_tm="01-04-2024") == {maart, april}
    assert gevonden(client, datum_start_vanaf="01-04-2024", datum_start_tm="01-04-2024") == {april}


def test_item3_s16_criteria_combine_with_and(login, raadpleger, plicht):
    doel = plicht(doelgroep=GEZIN, datum_start=date(2024, 6, 1), persoon={"achternaam": "Bakker"}).persoon
    plicht(doelgroep=ASIEL, datum_start=date(2024, 6, 1), persoon={"achternaam": "Bakker"})
    plicht(doelgroep=GEZIN, datum_start=date(2024, 1, 1), persoon={"achternaam": "Bakker"})
    assert gevonden(
        login(raadpleger), achternaam="Bakker", doelgroep=GEZIN, datum_start_vanaf="01-05-2024"
    ) == {doel.bsn}


def test_item3_s16_searches_the_current_plicht_only(login, raadpleger, plicht):
    """M-01: a later plicht replaces an earlier one; its doelgroep and start date count."""
    p = plicht(doelgroep=GEZIN, datum_start=date(2022, 5, 1))
    Inburgeringsplicht.objects.create(persoon=p.persoon, doelgroep=ASIEL, datum_start=date(2024, 5, 1))
    client = login(raadpleger)
    assert gevonden(client, doelgroep=GEZIN) == set()
    assert gevonden(client, doelgroep=ASIEL) == {p.persoon.bsn}
    assert gevonden(client, datum_start_tm="01-01-2023") == set()


def test_item3_s16_pip_niet_doorgegeven(login, raadpleger, plicht, pip):
    zonder = {plicht().persoon.bsn for _ in range(2)}
    pip(plicht())
    assert gevonden(login(raadpleger), pip_niet_doorgegeven="on") == zonder


def test_item3_s16_inburgeringsaanbod_niet_doorgegeven_only_asielstatushouders(
    login, raadpleger, plicht, pip
):
    """D-44: only asielstatushouders; until the aanbod exists (Wi2021 2/3) every one of them qualifies."""
    asiel = {plicht(doelgroep=ASIEL).persoon.bsn, pip(plicht(doelgroep=ASIEL)).plicht.persoon.bsn}
    plicht(doelgroep=GEZIN)
    plicht(doelgroep=GEZIN)
    client = login(raadpleger)
    assert gevonden(client, inburgeringsaanbod_niet_doorgegeven="on") == asiel
    assert gevonden(client, inburgeringsaanbod_niet_doorgegeven="on", doelgroep=GEZIN) == set()


def test_item3_s16_map_niet_doorgegeven_excludes_the_onderwijsroute(login, raadpleger, plicht, pip):
    """D-44: MAP is NVT in the Onderwijsroute; without a PIP the leerroute is still open."""
    zonder_pip = plicht().persoon.bsn
    b1 = pip(plicht()).plicht.persoon.bsn
    z = pip(plicht(), leerroute=Leerroute.Z, niveau=Niveau.NVT).plicht.persoon.bsn
    pip(plicht(), leerroute=Leerroute.O, niveau=Niveau.B1)
    assert gevonden(login(raadpleger), map_niet_doorgegeven="on") == {zonder_pip, b1, z}


def test_item3_s16_lbt_and_pvt_niet_doorgegeven_until_their_data_exists(login, raadpleger, plicht, pip):
    """No LBT (Wi2021 3/3) or PVT data exists yet: nobody has them, so every person qualifies."""
    alle = {plicht().persoon.bsn, pip(plicht()).plicht.persoon.bsn, plicht(doelgroep=GEZIN).persoon.bsn}
    client = login(raadpleger)
    assert gevonden(client, lbt_niet_afgenomen="on") == alle
    assert gevonden(client, pvt_niet_doorgegeven="on") == alle


def test_item3_s16_another_gemeentes_persons_never_appear(login, raadpleger, plicht, almere, groningen):
    eigen = {plicht(persoon={"achternaam": "Smit"}).persoon.bsn for _ in range(2)}
    eigen.add(
        plicht(
            persoon={"achternaam": "Smit", "woongemeente": None, "toekomstige_gemeente": groningen}
        ).persoon.bsn
    )
    plicht(persoon={"achternaam": "Smit", "woongemeente": almere})
    plicht(persoon={"achternaam": "Smit", "woongemeente": almere, "toekomstige_gemeente": almere})
    PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, achternaam="Smit")  # another law
    PersoonFactory(woongemeente=groningen, wet=Wet.WI2021, achternaam="Smit")  # never a plicht (FS 655)
    client = login(raadpleger)
    assert gevonden(client, achternaam="Smit") == eigen
    assert gevonden(client, pip_niet_doorgegeven="on") == eigen


# --- S-16 outcomes and S-17 ---------------------------------------------------------------------------------


def test_item3_s16_none_one_many(login, raadpleger, plicht):
    een = plicht(persoon={"achternaam": "Uniek"}).persoon
    for _ in range(2):
        plicht(persoon={"achternaam": "Dubbel"})
    client = login(raadpleger)
    pagina = html(zoek(client, achternaam="Niemand"))
    assert '<p class="utrecht-paragraph">Er zijn geen zoekresultaten gevonden.</p>' in pagina
    assert 'value="Niemand"' in pagina and 'aria-current="page">Zoek met overige velden' in pagina
    response = zoek(client, achternaam="Uniek")
    assert response.status_code == 302 and response["Location"] == overzicht(een)
    pagina = html(zoek(client, achternaam="Dubbel"))
    assert "Er zijn <strong>2</strong> personen gevonden." in pagina


def test_item3_s17_columns_and_criteria_column(login, raadpleger, plicht):
    p = plicht(doelgroep=GEZIN, datum_start=date(2024, 3, 5),
               persoon={"achternaam": "Visser", "voorvoegsels": "de", "geboortedatum": date(1990, 7, 8)})  # fmt: skip
    plicht(doelgroep=GEZIN, persoon={"achternaam": "Visser"})
    pagina = html(zoek(login(raadpleger), achternaam="Visser", doelgroep=GEZIN, pip_niet_doorgegeven="on",
                       map_niet_doorgegeven="on"))  # fmt: skip
    koppen = re.findall(r'<a class="utrecht-link pib-sort" href="[^"]*">([^<]*)<', pagina)
    assert koppen == KOLOMMEN  # every header a sort link, in the manual's order
    assert f'href="{overzicht(p.persoon)}">{p.persoon.bsn}</a>' in pagina
    assert ">de Visser<" in pagina and ">08-07-1990<" in pagina and ">05-03-2024<" in pagina
    assert ">Gezinsmigrant en overige migrant<" in pagina
    criteria = dict(re.findall(r"<dt>([^<]*)</dt><dd>([^<]*)</dd>", pagina))
    assert criteria == {
        "Contactpersoon": "-",
        "Achternaam": "Visser",
        "Doelgroep": "Gezinsmigrant en overige migrant",
        "Datum start inburgeringsplicht vanaf": "-",
        "Datum start inburgeringsplicht tot en met": "-",
        "Zoek personen waarvoor geldt": "PIP niet doorgegeven, MAP niet doorgegeven",
    }
    assert "← Terug naar zoeken" in pagina


def test_item3_s17_terug_naar_zoeken_keeps_the_criteria(login, raadpleger, plicht):
    for _ in range(2):
        plicht(persoon={"achternaam": "Mulder"})
    client = login(raadpleger)
    pagina = html(zoek(client, achternaam="Mulder", lbt_niet_afgenomen="on"))
    terug = re.search(r'href="([^"]*)">← Terug naar zoeken', pagina).group(1).replace("&amp;", "&")
    pagina = html(client.get(terug))
    assert 'aria-current="page">Zoek met overige velden' in pagina
    assert 'value="Mulder"' in pagina and re.search(r'name="lbt_niet_afgenomen"[^>]*checked', pagina)


@pytest.fixture
def vier(plicht):
    """Four persons whose every column sorts differently."""
    gegevens = [("Bos", date(1980, 1, 1), date(2024, 4, 1), GEZIN), ("Aalders", date(1990, 1, 1), date(2024, 2, 1), ASIEL),
                ("Dekker", date(1970, 1, 1), date(2024, 1, 1), ASIEL), ("Claes", date(2000, 1, 1), date(2024, 3, 1), GEZIN)]  # fmt: skip
    return [
        plicht(doelgroep=d, datum_start=s, persoon={"achternaam": n, "geboortedatum": g}).persoon
        for n, g, s, d in gegevens
    ]


def test_item3_s17_every_header_sorts_both_ways_and_back(login, raadpleger, vier):
    client = login(raadpleger)
    url = zoek(client, pip_niet_doorgegeven="on").wsgi_request.get_full_path()
    naam = {p.bsn: p.achternaam for p in vier}

    def volgorde(sort=None) -> list[str]:
        pagina = html(client.get(f"{url}&sort={sort}" if sort else url))
        return [naam[b] for b in bsns(pagina)]

    standaard = ["Aalders", "Bos", "Claes", "Dekker"]
    assert volgorde() == standaard
    verwacht = {
        "bsn": sorted(naam, key=lambda b: b),
        "achternaam": ["Aalders", "Bos", "Claes", "Dekker"],
        "geboortedatum": ["Dekker", "Bos", "Aalders", "Claes"],
        "datum_start": ["Dekker", "Aalders", "Claes", "Bos"],
    }
    verwacht["bsn"] = [naam[b] for b in verwacht["bsn"]]
    for kolom, oplopend in verwacht.items():
        assert volgorde(kolom) == oplopend, kolom
        assert volgorde(f"-{kolom}") == oplopend[::-1], kolom
    assert volgorde("doelgroep")[:2] == ["Aalders", "Dekker"]  # Asielstatushouder before Gezinsmigrant
    assert volgorde("-doelgroep")[:2] == ["Claes", "Bos"]
    # the header links cycle: ascending → descending → the original order
    pagina = html(client.get(f"{url}&sort=-achternaam"))
    link = re.search(r'href="([^"]*)">Achternaam', pagina).group(1)
    assert "sort" not in link and "zoekopdracht=" in link


def test_item3_s17_pages_of_15(login, raadpleger, plicht):
    for i in range(16):
        plicht(persoon={"achternaam": f"Persoon{i:02d}"})
    client = login(raadpleger)
    response = zoek(client, pip_niet_doorgegeven="on")
    pagina = html(response)
    assert "Er zijn <strong>16</strong> personen gevonden." in pagina
    assert len(bsns(pagina)) == 15 and "Pagina 1 van 2" in pagina
    volgende = re.search(r'href="([^"]*)" rel="next"', pagina).group(1).replace("&amp;", "&")
    assert len(bsns(html(client.get(response.wsgi_request.path + volgende)))) == 1


def test_item3_s17_printen(login, raadpleger, plicht):
    for i in range(16):
        plicht(persoon={"achternaam": f"Print{i:02d}"})
    client = login(raadpleger)
    response = zoek(client, pip_niet_doorgegeven="on")
    pagina = html(response)
    printen = re.search(r'href="([^"]*)">Printen</a>', pagina).group(1).replace("&amp;", "&")
    assert "printen=1" in printen and "zoekopdracht=" in printen
    afdruk = html(client.get(response.wsgi_request.path + printen))
    # the shared print page (templates/afdrukken.html)
    assert "pib-afdruk" in afdruk and "Geprint op" in afdruk
    assert "pib-nav" not in afdruk and "pib-paginering" not in afdruk
    assert "Gevonden personen" in afdruk and "Pagina 1 van 2" in afdruk and len(bsns(afdruk)) == 15
    assert "Zoek personen waarvoor geldt" in afdruk  # the criteria are printed too


def _queries(client, aantal, plicht, pip, groningen) -> int:
    for i in range(aantal):
        p = plicht(persoon={"achternaam": f"Query{i:03d}"})
        if i % 2:
            pip(p)
    response = zoek(client, datum_start_vanaf="01-01-2024")
    url = response.wsgi_request.get_full_path()
    with CaptureQueriesContext(connection) as queries:
        assert html(client.get(f"{url}&sort=-doelgroep&page=2"))
    return len(queries)


def test_item3_s17_constant_number_of_queries(login, raadpleger, plicht, pip, groningen):
    client = login(raadpleger)
    weinig = _queries(client, 3, plicht, pip, groningen)
    Inburgeringsplicht.objects.all().delete()
    veel = _queries(client, 40, plicht, pip, groningen)
    assert weinig == veel, (weinig, veel)
    assert veel <= 12


def test_item3_searches_are_audited(login, raadpleger, plicht):
    p = plicht()
    plicht()
    onbekend = geldig_bsn(0)
    client = login(raadpleger)
    zoek_bsn(client, p.persoon.bsn)
    zoek_bsn(client, onbekend)
    zoek(client, pip_niet_doorgegeven="on")
    zoekingen = list(AuditEntry.objects.filter(actie=AuditActie.ZOEKEN).order_by("pk"))
    assert [(e.bsn, e.omschrijving) for e in zoekingen] == [
        (p.persoon.bsn, "Zoeken personen WI2021 (burgerservicenummer): gevonden"),
        (
            onbekend,
            "Zoeken personen WI2021 (burgerservicenummer): FS 642 BSN kan niet in ISI gevonden worden",
        ),
        ("", "Zoeken personen WI2021 (overige velden)"),
    ]
    assert all(e.gebruiker == "raadpleger" and e.gemeente_code == "0014" for e in zoekingen)


def test_item3_bsn_never_in_a_url(login, raadpleger, plicht):
    p = plicht(persoon={"achternaam": "Veenstra"})
    plicht(persoon={"achternaam": "Veenstra"})
    onbekend = geldig_bsn(0)
    client = login(raadpleger)
    for data in ({"tab": "bsn", "bsn": p.persoon.bsn}, {"tab": "bsn", "bsn": onbekend},
                 {"tab": "overig", "achternaam": "Veenstra"}):  # fmt: skip
        response = client.post(URL, data)
        assert response.status_code == 303 and "zoekopdracht=" in response["Location"]
        assert "bsn" not in response["Location"] and "Veenstra" not in response["Location"]
        eind = client.get(response["Location"], follow=True)
        assert eind.status_code == 200
        for adres in [u for u, _ in eind.redirect_chain] + [
            eind.request["PATH_INFO"],
            eind.request["QUERY_STRING"],
        ]:
            assert p.persoon.bsn not in adres and onbekend not in adres
        for href in re.findall(r'href="([^"]*)"', eind.content.decode()):
            assert p.persoon.bsn not in href and onbekend not in href, href


def test_item3_a_get_with_a_bsn_does_not_search(login, raadpleger, plicht):
    p = plicht()
    client = login(raadpleger)
    for url in (
        f"{URL}?tab=bsn&bsn={p.persoon.bsn}",
        f"{reverse('wi2021:gevonden')}?tab=bsn&bsn={p.persoon.bsn}",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200
        assert not any("/personen/" in u for u, _ in response.redirect_chain)
    assert not AuditEntry.objects.filter(actie=AuditActie.ZOEKEN).exists()


# --- Start screen, signals, "Onder welke wet" ----------------------------------------------------------------


def test_item3_start_screen_links_to_zoeken_personen(login, raadpleger, medewerker):
    zoeken = reverse("wi2021:zoeken")
    pagina = html(login(raadpleger).get(reverse("inburgering:start")))
    assert re.search(rf'href="{zoeken}"[^>]*>\s*Raadplegen persoon 2021', pagina), pagina
    pagina = html(login(medewerker).get(reverse("inburgering:start")))
    assert re.search(rf'href="{zoeken}"[^>]*>\s*Raadplegen en muteren persoon 2021', pagina)


def test_item6_signal_list_links_wi2021_bsns_to_the_overview_20_per_page_with_printen(
    login, raadpleger, groningen, plicht
):
    personen = [plicht().persoon for _ in range(21)]
    for persoon in personen:
        SignaalFactory(persoon=persoon, wet=Wet.WI2021, code="SS101", gemeente=groningen)
    pagina = html(login(raadpleger).get(reverse("signalen:selecteren", args=["wi2021"]), {"alle": "1"}))
    links = re.findall(r'href="/wi2021/personen/(\d+)/">(\d{9})</a>', pagina)
    assert len(links) == 20  # D-01
    assert all(int(pk) in {p.pk for p in personen} for pk, _ in links)
    assert "Pagina 1 van 2" in pagina and ">Printen</a>" in pagina


def test_item6_onder_welke_wet_button_opens_the_wi2021_overview(login, raadpleger, plicht):
    p = plicht()
    pagina = html(zoek_via_post(login(raadpleger), reverse("inburgering:wet_zoeken"), {"bsn": p.persoon.bsn}))
    assert "Persoon valt onder de Wet Inburgering 2021." in pagina
    assert re.search(rf'href="{overzicht(p.persoon)}"[^>]*>\s*Ga naar de gegevens van deze persoon', pagina)
