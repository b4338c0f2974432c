"""13-1 "Zoeken personen" and "Gevonden personen" (seed 000 §4.2, §4.3): every criterion, 0/1/many,
scoping, the columns, the count sentence, sorting, paging and constant queries."""

import re
from datetime import date

from django.urls import reverse

import pytest

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, SignaalFactory, UserFactory
from tests.zoeken import resultaat_url
from tests.zoeken import zoek as zoek_via_post
from wi2013 import regels
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
KOLOMMEN = ["BSN", "Voornaam", "Voorvoegsels", "Achternaam", "Geboortedatum", "Geslacht", "PVT-plichtig",
            "Voldaan aan PVT-plicht", "Recht op maatschappelijke begeleiding", "Factuur aanwezig",
            "Signaal aanwezig"]  # fmt: skip


URL = reverse("wi2013:zoeken")


def zoek(client, **criteria):
    return zoek_via_post(client, URL, {"verblijf": "woonachtig", **criteria, "zoek": "1"})


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def bsns(pagina: str) -> list[str]:
    return re.findall(r'/wi2013/personen/\d+/">(\d{9})</a>', pagina)


def gevonden(client, **criteria) -> set[str]:
    """The BSNs a search finds, whether it opened the one person or listed several."""
    response = zoek(client, **criteria)
    if response.status_code == 302:
        pk = int(re.search(r"/wi2013/personen/(\d+)/", response["Location"]).group(1))
        return {Wi2013Persoon.objects.get(pk=pk).persoon.bsn}
    pagina = html(response)
    return set() if "Er zijn geen zoekresultaten gevonden" in pagina else set(bsns(pagina))


def factuur(g, **kwargs):
    return Factuur.objects.create(gegevens=g, gemeente=g.persoon.woongemeente, factuurnummer="FACT11",
                                  factuurdatum=date(2017, 7, 30), debiteurnummer="BX771080", **kwargs)  # fmt: skip


def test_131_search_screen_has_the_manuals_criteria(login, raadpleger):
    pagina = html(login(raadpleger).get(reverse("wi2013:zoeken")))
    for label in ("Zoeken personen", "Burgerservicenummer", "PVT-plichtig", "Datum PVT-plicht", "Datum deelname PV-traject",
                  "Voldaan aan PVT-plicht", "Recht op maatschappelijke begeleiding", "Verblijf", "Woonachtig in gemeente",
                  "Gewezen ingezetenen", "Factuur aanwezig", "Formulier wissen", ">Zoeken</button>"):  # fmt: skip
        assert label in pagina
    # J/N as radio buttons, nothing chosen by default
    assert pagina.count('type="radio"') == 8 and "checked" not in pagina
    assert "Als het BSN is ingevoerd worden de overige zoekcriteria genegeerd." in pagina


def test_131_bsn_overrides_other_criteria(login, raadpleger, wi2013_persoon):
    g = wi2013_persoon(gegevens={"pvt_plichtig": False})
    client = login(raadpleger)
    # every other criterion contradicts the person, one is even invalid: all ignored
    assert gevonden(client, bsn=g.persoon.bsn, pvt_plichtig="J", voldaan="J", factuur="J", verblijf="gewezen",
                    datum_pvt_plicht_vanaf="niet-een-datum") == {g.persoon.bsn}  # fmt: skip


def test_131_bsn_not_found_and_invalid(login, raadpleger, wi2013_persoon, almere):
    elders = wi2013_persoon(woongemeente=almere)
    client = login(raadpleger)
    pagina = html(zoek(client, bsn=elders.persoon.bsn))
    assert "Er zijn geen zoekresultaten gevonden op basis van de opgegeven criteria." in pagina
    pagina = html(zoek(client, bsn="123456789", pvt_plichtig="J"))
    assert "BSN is ongeldig" in pagina and 'value="123456789"' in pagina


def test_131_one_result_opens_the_person_and_is_audited(login, raadpleger, wi2013_persoon):
    g = wi2013_persoon()
    response = zoek(login(raadpleger), bsn=g.persoon.bsn)
    assert response.status_code == 302
    assert response["Location"] == reverse("wi2013:persoon", kwargs={"persoon": g.persoon_id})
    entry = AuditEntry.objects.get(actie=AuditActie.ZOEKEN)
    assert entry.bsn == g.persoon.bsn and entry.gemeente_code == "0014" and "WI2013" in entry.omschrijving


def test_131_ja_nee_criteria(login, raadpleger, wi2013_persoon):
    plichtig = wi2013_persoon(gegevens={"pvt_plichtig": True, "recht_op_mb": True})
    niet = wi2013_persoon(
        gegevens={"pvt_plichtig": False, "recht_op_mb": False, "datum_voldaan": date(2018, 6, 17)}
    )
    onbepaald = wi2013_persoon(gegevens={})
    client = login(raadpleger)
    assert gevonden(client, pvt_plichtig="J") == {plichtig.persoon.bsn}
    assert gevonden(client, pvt_plichtig="N") == {niet.persoon.bsn}  # onbepaald is neither Ja nor Nee
    assert gevonden(client, recht_op_mb="J") == {plichtig.persoon.bsn}
    assert gevonden(client, voldaan="J") == {niet.persoon.bsn}
    assert gevonden(client, voldaan="N") == {plichtig.persoon.bsn, onbepaald.persoon.bsn}
    assert gevonden(client) == {plichtig.persoon.bsn, niet.persoon.bsn, onbepaald.persoon.bsn}


def test_131_date_ranges(login, raadpleger, wi2013_persoon):
    vroeg = wi2013_persoon(
        gegevens={"datum_start_pvt_plicht": date(2017, 10, 1), "datum_start_deelname": date(2017, 11, 15)}
    )
    laat = wi2013_persoon(
        gegevens={"datum_start_pvt_plicht": date(2019, 3, 1), "datum_start_deelname": date(2019, 5, 1)}
    )
    client = login(raadpleger)
    assert gevonden(client, datum_pvt_plicht_vanaf="01-01-2018") == {laat.persoon.bsn}
    assert gevonden(client, datum_pvt_plicht_tm="01-10-2017") == {vroeg.persoon.bsn}  # t/m is inclusive
    assert gevonden(client, datum_deelname_vanaf="15-11-2017", datum_deelname_tm="31-12-2017") == {
        vroeg.persoon.bsn
    }
    pagina = html(zoek(client, datum_deelname_vanaf="01-01-2019", datum_deelname_tm="01-01-2018"))
    assert "De datum t/m ligt voor de datum vanaf." in pagina and 'value="01-01-2019"' in pagina


def test_131_factuur_ja(login, raadpleger, wi2013_persoon):
    met = wi2013_persoon(gegevens={"lening_duo": True, "datum_voldaan": date(2018, 6, 17)})
    factuur(met)
    wi2013_persoon(gegevens={"lening_duo": True, "datum_voldaan": date(2018, 6, 17)})
    assert gevonden(login(raadpleger), factuur="J") == {met.persoon.bsn}


def test_131_factuur_nee_finds_possible_ones(login, raadpleger, wi2013_persoon):
    mogelijk = wi2013_persoon(gegevens={"lening_duo": True, "datum_voldaan": date(2018, 6, 17)})
    al_gefactureerd = wi2013_persoon(gegevens={"lening_duo": True, "datum_voldaan": date(2018, 6, 17)})
    factuur(al_gefactureerd)
    zonder_lening = wi2013_persoon(gegevens={"lening_duo": False, "datum_voldaan": date(2018, 6, 17)})
    niet_voldaan = wi2013_persoon(gegevens={"lening_duo": True})
    assert gevonden(login(raadpleger), factuur="N") == {mogelijk.persoon.bsn}
    # the query is regels.factuur_mogelijk_q, and only for persons without a factuur
    for g in (mogelijk, zonder_lening, niet_voldaan):
        assert regels.factuur_mogelijk(g) is (g is mogelijk)


def test_131_struck_off_not_listed(login, raadpleger, wi2013_persoon):
    ingeschreven = wi2013_persoon()
    uitgeschreven = wi2013_persoon(uitgeschreven_uit_brp=True)
    client = login(raadpleger)
    assert gevonden(client) == {ingeschreven.persoon.bsn}
    assert gevonden(client, verblijf="gewezen") == set()
    # the person screen itself stays reachable by BSN (seed 000 §4.3 speaks of the overview)
    assert gevonden(client, bsn=uitgeschreven.persoon.bsn) == {uitgeschreven.persoon.bsn}


def test_131_verblijf_woonachtig_or_gewezen_ingezetenen(login, raadpleger, wi2013_persoon, almere):
    thuis = wi2013_persoon()
    vertrokken = wi2013_persoon(datum_vertrek=date(2024, 5, 1))
    wi2013_persoon(woongemeente=almere)
    wi2013_persoon(woongemeente=almere, datum_vertrek=date(2024, 5, 1))
    client = login(raadpleger)
    assert gevonden(client, verblijf="woonachtig") == {thuis.persoon.bsn}
    assert gevonden(client, verblijf="gewezen") == {vertrokken.persoon.bsn}
    assert gevonden(client, verblijf="") == {thuis.persoon.bsn}  # the default


def test_131_only_wi2013_persons_with_wi2013_data(login, raadpleger, groningen, wi2013_persoon):
    g = wi2013_persoon()
    PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)  # no Wi2013 data
    andere_wet = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    Wi2013Persoon.objects.create(persoon=andere_wet)
    client = login(raadpleger)
    assert gevonden(client) == {g.persoon.bsn}
    assert gevonden(client, bsn=andere_wet.bsn) == set()


def test_131_gevonden_personen_columns_and_values(login, raadpleger, wi2013_persoon, groningen):
    a = wi2013_persoon(voornamen="Test", achternaam="Aydin", voorvoegsels="", geboortedatum=date(1966, 4, 4), geslacht="M",
                       gegevens={"pvt_plichtig": False, "datum_voldaan": date(2018, 6, 17), "recht_op_mb": True,
                                 "lening_duo": True})  # fmt: skip
    b = wi2013_persoon(voornamen="Eva", voorvoegsels="de", achternaam="Boer", geboortedatum=date(1968, 2, 29),
                       geslacht="V", gegevens={})  # fmt: skip
    factuur(a)
    SignaalFactory(persoon=a.persoon, wet=Wet.WI2013, code="SS601", gemeente=groningen)
    SignaalFactory(
        persoon=b.persoon, wet=Wet.WI2021, code="SS101", gemeente=groningen
    )  # another law's signal
    pagina = html(zoek(login(raadpleger)))
    koppen = re.findall(r'<th class="utrecht-table__header-cell"[^>]*>\s*<a[^>]*>([^<]+)<', pagina)
    assert [k.replace("\u00ad", "") for k in koppen] == KOLOMMEN
    rijen = {
        r[0]: r[1:]
        for r in (
            re.findall(r"<td[^>]*>(.*?)</td>", rij, re.S)
            for rij in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", pagina, re.S)[1:]
        )
    }
    tekst = {
        re.sub(r"<[^>]+>", "", k): [re.sub(r"<[^>]+>", "", c).strip() for c in v] for k, v in rijen.items()
    }
    assert tekst[a.persoon.bsn] == ["Test", "", "Aydin", "04-04-1966", "Man", "Nee", "Ja", "Ja", "Ja", "Ja"]
    assert tekst[b.persoon.bsn] == ["Eva", "de", "Boer", "29-02-1968", "Vrouw", "", "Nee", "", "Nee", "Nee"]
    assert (
        "Er zijn <strong>2</strong> personen gevonden. Resultaten 1 tot en met 2 worden nu getoond." in pagina
    )
    assert "← Terug naar zoeken" in pagina and "Printen" in pagina and "js/printen.js" in pagina


def test_131_back_to_search_keeps_the_criteria(login, raadpleger, wi2013_persoon):
    wi2013_persoon(gegevens={"pvt_plichtig": True})
    wi2013_persoon(gegevens={"pvt_plichtig": True})
    client = login(raadpleger)
    pagina = html(zoek(client, pvt_plichtig="J"))
    terug = re.search(r'href="(/wi2013/zoeken/\?zoekopdracht=[^"]+)">← Terug naar zoeken', pagina).group(1)
    assert "pvt_plichtig" not in terug  # the criteria stay in the session
    formulier = html(client.get(terug))
    assert re.search(r'name="pvt_plichtig" value="J"[^>]*checked', formulier)


def test_131_twenty_per_page_sortable(login, raadpleger, wi2013_persoon):
    for i in range(23):
        wi2013_persoon(achternaam=f"Persoon{i:02d}", geboortedatum=date(1950 + i, 1, 1))
    client = login(raadpleger)
    gevonden = resultaat_url(client, URL, {"verblijf": "woonachtig"})
    pagina = html(client.get(gevonden))
    assert len(bsns(pagina)) == 20
    assert (
        "Er zijn <strong>23</strong> personen gevonden. Resultaten 1 tot en met 20 worden nu getoond."
        in pagina
    )
    tweede = html(client.get(f"{gevonden}&page=2"))
    assert len(bsns(tweede)) == 3 and "Resultaten 21 tot en met 23 worden nu getoond." in tweede
    oplopend = html(client.get(f"{gevonden}&sort=geboortedatum"))
    aflopend = html(client.get(f"{gevonden}&sort=-geboortedatum"))
    assert bsns(oplopend) == bsns(pagina)
    assert bsns(aflopend)[:3] == list(reversed(bsns(tweede)))
    # three clicks: ascending → descending → unsorted
    assert re.search(r'href="\?[^"]*sort=-geboortedatum[^"]*">Geboorte\u00addatum', oplopend)
    assert re.search(r'href="\?zoekopdracht=[\w-]+">Geboorte\u00addatum', aflopend)


@pytest.mark.parametrize(
    "kolom", ["pvt_plichtig", "voldaan", "recht_op_mb", "factuur_aanwezig", "signaal_aanwezig"]
)
def test_131_ja_nee_columns_sort(login, raadpleger, wi2013_persoon, groningen, kolom):
    ja = wi2013_persoon(
        gegevens={"pvt_plichtig": True, "datum_voldaan": date(2018, 6, 17), "recht_op_mb": True}
    )
    nee = wi2013_persoon(gegevens={"pvt_plichtig": False, "recht_op_mb": False})
    factuur(ja)
    SignaalFactory(persoon=ja.persoon, wet=Wet.WI2013, code="SS601", gemeente=groningen)
    client = login(raadpleger)
    gevonden = resultaat_url(client, URL, {})
    assert bsns(html(client.get(f"{gevonden}&sort={kolom}"))) == [
        nee.persoon.bsn, ja.persoon.bsn,
    ]  # fmt: skip
    assert bsns(html(client.get(f"{gevonden}&sort=-{kolom}"))) == [
        ja.persoon.bsn, nee.persoon.bsn,
    ]  # fmt: skip


def test_131_constant_queries(login, raadpleger, wi2013_persoon, groningen, django_assert_max_num_queries):
    for _ in range(3):
        wi2013_persoon()
    client = login(raadpleger)
    with django_assert_max_num_queries(20) as weinig:
        html(zoek(client))
    for _ in range(15):
        g = wi2013_persoon(gegevens={"lening_duo": True, "datum_voldaan": date(2018, 6, 17)})
        factuur(g)
        SignaalFactory(persoon=g.persoon, wet=Wet.WI2013, code="SS601", gemeente=groningen)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        html(zoek(client))


def test_131_needs_a_wi2013_role(login, groningen):
    client = login(UserFactory(rollen={groningen: [Rol.WI2007, Rol.WI2021MUT]}))
    assert client.get(reverse("wi2013:zoeken")).status_code == 403
