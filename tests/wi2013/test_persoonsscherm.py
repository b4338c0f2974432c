"""13-2 the person screen (seed 000 §4.4): blocks, both tabs, the registration state, the history, who
sees which buttons (A-4, A-5, A-6), audit and constant queries."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

import pytest
import time_machine

from inburgering import services as inburgering_services
from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from signalen.models import Signaal
from signalen.workflow import Status
from tests.factories import SignaalFactory, UserFactory
from tests.zoeken import zoek
from wi2013 import services
from wi2013.constants import FactuurStatus
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import Factuur, PvtHistorie

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def url(g, tab=None, naam="persoon"):
    pad = reverse(f"wi2013:{naam}", kwargs={"persoon": g.persoon_id})
    return f"{pad}?tab={tab}" if tab else pad


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def rij(pagina: str, label: str) -> str:
    """The value next to `label`, in a block (dl) or in the two-column tables."""
    gevonden = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", pagina) or re.search(
        rf'<th scope="row" class="utrecht-table__header-cell">{re.escape(label)}</th>'
        rf'<td class="utrecht-table__cell"(?: colspan="3")?>(.*?)</td>',
        pagina,
        re.S,
    )
    assert gevonden, f"veld {label!r} ontbreekt"
    return gevonden.group(1)


def factuur(g, **kwargs):
    return Factuur.objects.create(gegevens=g, gemeente=g.persoon.woongemeente, factuurnummer="FACT11",
                                  factuurdatum=date(2017, 7, 30), debiteurnummer="BX771080", **kwargs)  # fmt: skip


PERSOONSGEGEVENS = [
    "Gemeente Eerste Vestiging", "Gemeente Einde PVT", "PVT-plichtig", "Datum start PVT-plicht",
    "Datum einde PVT-plicht", "Datum start deelname PV-traject", "Datum einde deelname PV-traject",
    "Datum voldaan aan PVT-plicht", "Reden niet voldaan aan PVT-plicht", "Recht op maatschappelijke begeleiding",
    "Maatschappelijke begeleiding gemeld bij BZK",
]  # fmt: skip


def test_132_fields_and_blocks(login, raadpleger, voldaan, groningen):
    SignaalFactory(persoon=voldaan.persoon, wet=Wet.WI2013, code="SS601", gemeente=groningen)
    SignaalFactory(persoon=voldaan.persoon, wet=Wet.WI2013, code="SS608", gemeente=groningen,
                   status=Status.IN_BEHANDELING)  # fmt: skip
    SignaalFactory(persoon=voldaan.persoon, wet=Wet.WI2021, code="SS101", gemeente=groningen)  # other law
    pagina = html(login(raadpleger).get(url(voldaan)))
    p = voldaan.persoon
    assert rij(pagina, "Naam") == f"Test {p.achternaam}" and rij(pagina, "BSN") == p.bsn
    assert rij(pagina, "Geslacht") == "Man" and rij(pagina, "Gemeente") == "Groningen"
    assert rij(pagina, "Indicatie inburgeringsplicht") == "Ja"
    assert [rij(pagina, t) for t in ("Totaal", "Nieuw", "In behandeling", "Afgehandeld")] == [
        "2",
        "1",
        "1",
        "0",
    ]
    assert f"/signalen/wi2013/?persoon={p.pk}" in pagina and ">Raadplegen</a>" in pagina
    assert ">Persoonsgegevens</a>" in pagina and "?tab=factuur" in pagina and ">Factuur</a>" in pagina
    paneel = pagina.split('aria-label="Persoonsgegevens"')[1]
    labels = re.findall(r'<th scope="row" class="utrecht-table__header-cell">(.*?)</th>', paneel)
    assert [label for label in labels if label != "Status registratie"] == PERSOONSGEGEVENS
    waarden = {label: rij(paneel, label) for label in PERSOONSGEGEVENS}
    assert waarden == {
        "Gemeente Eerste Vestiging": "Groningen", "Gemeente Einde PVT": "Groningen", "PVT-plichtig": "Ja",
        "Datum start PVT-plicht": "01-11-2017", "Datum einde PVT-plicht": "01-11-2018",
        "Datum start deelname PV-traject": "15-11-2017", "Datum einde deelname PV-traject": "15-12-2017",
        "Datum voldaan aan PVT-plicht": "17-06-2018", "Reden niet voldaan aan PVT-plicht": "",
        "Recht op maatschappelijke begeleiding": "", "Maatschappelijke begeleiding gemeld bij BZK": "",
    }  # fmt: skip
    assert "← Terug naar zoeken" in pagina


def test_132_pvt_plichtig_onbepaald_is_empty_and_nee_is_nee(login, raadpleger, wi2013_persoon):
    client = login(raadpleger)
    assert rij(html(client.get(url(wi2013_persoon()))), "PVT-plichtig") == ""
    assert (
        rij(html(client.get(url(wi2013_persoon(gegevens={"pvt_plichtig": False})))), "PVT-plichtig") == "Nee"
    )
    mb = wi2013_persoon(gegevens={"recht_op_mb": True, "mb_gemeld_bzk": False})
    pagina = html(client.get(url(mb)))
    assert rij(pagina, "Recht op maatschappelijke begeleiding") == "Ja"
    assert rij(pagina, "Maatschappelijke begeleiding gemeld bij BZK") == "Nee"


def test_132_reden_shows_its_label_and_the_registration_state(login, raadpleger, wi2013_persoon, groningen):
    geregistreerd = datetime(2026, 6, 15, 10, tzinfo=AMS)
    g = wi2013_persoon(gegevens={"reden_niet_voldaan": R.GEEN_AANBOD, "geregistreerd_op": geregistreerd,
                                 "geregistreerd_door": groningen})  # fmt: skip
    with time_machine.travel(datetime(2026, 6, 20, 10, tzinfo=AMS)):
        pagina = html(login(raadpleger).get(url(g)))
    assert rij(pagina, "Reden niet voldaan aan PVT-plicht") == R.GEEN_AANBOD.label
    assert rij(pagina, "Status registratie") == (
        "Voorlopig geregistreerd op 15-06-2026; kan tot 29-06-2026 worden gecorrigeerd"
    )
    assert services.definitief_op(g).date() == date(2026, 6, 29)


def test_132_definitief_vastgelegd(login, medewerker, voldaan):
    voldaan.definitief = True
    voldaan.geregistreerd_op = timezone.now() - timedelta(days=30)
    voldaan.save()
    pagina = html(login(medewerker).get(url(voldaan)))
    assert rij(pagina, "Status registratie") == "Definitief vastgelegd"
    assert url(voldaan, naam="wijzigen") not in pagina  # nothing left to change


def test_132_no_registration_state_without_voldaan_or_reden(login, raadpleger, pvt_persoon):
    assert "Status registratie" not in html(login(raadpleger).get(url(pvt_persoon)))


def test_132_history_newest_first(login, medewerker, pvt_persoon, groningen):
    with time_machine.travel(datetime(2019, 1, 10, 10, tzinfo=AMS)):
        services.pvt_wijzigen(actor=medewerker, gemeente=groningen, persoon=pvt_persoon.persoon,
                              data={"reden_niet_voldaan": R.REAGEERT_NIET}, versie=pvt_persoon.versiekenmerk)  # fmt: skip
    with time_machine.travel(datetime(2019, 1, 12, 10, tzinfo=AMS)):
        pvt_persoon.refresh_from_db()
        services.pvt_wijzigen(actor=medewerker, gemeente=groningen, persoon=pvt_persoon.persoon,
                              data={"reden_niet_voldaan": R.WEIGERT_DEELNAME}, versie=pvt_persoon.versiekenmerk)  # fmt: skip
    pagina = html(login(medewerker).get(url(pvt_persoon)))
    historie = pagina.split("Historie PVT-registraties")[1]
    koppen = [
        k.strip()
        for k in re.findall(
            r'<th class="utrecht-table__header-cell" scope="col"\s*>\s*([^<]+?)\s*</th>', historie
        )
    ]
    assert koppen == ["Datum", "Gebeurtenis", "Gemeente", "Start deelname", "Einde deelname", "Datum voldaan",
                      "Reden niet voldaan", "Einde PVT-plicht"]  # fmt: skip
    assert historie.index("12-01-2019") < historie.index("10-01-2019")
    assert historie.index("Gecorrigeerd") < historie.index("Geregistreerd")
    assert R.WEIGERT_DEELNAME.label in historie and R.REAGEERT_NIET.label in historie
    assert PvtHistorie.objects.count() == 2


def test_132_empty_history(login, raadpleger, pvt_persoon):
    assert "Er zijn nog geen PVT-gegevens geregistreerd." in html(login(raadpleger).get(url(pvt_persoon)))


def test_132_wijzigen_button_only_for_mut_in_the_woongemeente(login, medewerker, raadpleger, pvt_persoon):
    wijzigen = url(pvt_persoon, naam="wijzigen")
    assert wijzigen in html(login(medewerker).get(url(pvt_persoon)))
    assert wijzigen not in html(login(raadpleger).get(url(pvt_persoon)))


def test_132_deceased_can_be_viewed_not_changed(login, medewerker, wi2013_persoon):
    g = wi2013_persoon(
        datum_overlijden=date(2025, 1, 1), gegevens={"lening_duo": True, "datum_voldaan": date(2018, 6, 17)}
    )
    client = login(medewerker)
    pagina = html(client.get(url(g)))
    assert rij(pagina, "Datum overlijden") == "01-01-2025"
    assert url(g, naam="wijzigen") not in pagina
    assert url(g, naam="factuur_toevoegen") not in html(client.get(url(g, "factuur")))
    response = client.get(url(g, naam="wijzigen"))
    assert response.status_code == 302
    assert "Persoon is volgens BRP overleden" in html(client.get(response["Location"]))


def test_a6_old_gemeente_can_view_not_change_after_a_move(
    login, medewerker, voldaan, groningen, almere, iban
):
    nieuw = UserFactory(username="almere", rollen={almere: [Rol.WI2013MUT]})
    inburgering_services.persoon_wijzigen(actor="BRP", persoon=voldaan.persoon, data={"woongemeente": almere})
    assert Signaal.objects.filter(persoon=voldaan.persoon, code="SS614", gemeente=groningen).exists()
    oud = login(medewerker)
    pagina = html(oud.get(url(voldaan)))
    assert rij(pagina, "Gemeente") == "Almere"
    assert "U kunt de gegevens raadplegen, maar niet wijzigen." in pagina
    assert url(voldaan, naam="wijzigen") not in pagina
    assert "Toevoegen" not in html(oud.get(url(voldaan, "factuur")))
    assert oud.get(url(voldaan, naam="wijzigen")).status_code == 403
    assert oud.post(url(voldaan, naam="wijzigen"), {"datum_voldaan": "17-06-2018"}).status_code == 403
    data = {"factuurnummer": "F1", "factuurdatum": "01-07-2018", "debiteurnummer": "D1"}
    assert oud.post(url(voldaan, naam="factuur_toevoegen"), data).status_code == 403
    assert not Factuur.objects.exists()
    # by BSN the old gemeente still finds the person
    r = zoek(oud, reverse("wi2013:zoeken"), {"bsn": voldaan.persoon.bsn, "zoek": "1"})
    assert r.status_code == 302 and r["Location"] == url(voldaan)
    # the new gemeente may view and change
    nieuwe = login(nieuw)
    assert url(voldaan, naam="wijzigen") in html(nieuwe.get(url(voldaan)))


def test_a3_other_gemeente_without_ss614_sees_nothing(login, medewerker, wi2013_persoon, almere):
    elders = wi2013_persoon(woongemeente=almere)
    SignaalFactory(
        persoon=elders.persoon,
        wet=Wet.WI2013,
        code="SS613",
        gemeente=medewerker.autorisaties.first().gemeente,
    )
    client = login(medewerker)
    assert client.get(url(elders)).status_code == 404
    assert client.get(url(elders, "factuur")).status_code == 404


def test_132_needs_a_wi2013_role(login, groningen, pvt_persoon):
    client = login(UserFactory(rollen={groningen: [Rol.WI2007, Rol.WI2021MUT]}))
    assert client.get(url(pvt_persoon)).status_code == 403


def test_132_factuur_tab(login, raadpleger, voldaan):
    factuur(voldaan, status=FactuurStatus.OPGENOMEN, geaccepteerd=None)
    pagina = html(login(raadpleger).get(url(voldaan, "factuur")))
    paneel = pagina.split('aria-label="Factuur"')[1]
    assert rij(paneel, "Factuurnummer") == "FACT11" and rij(paneel, "Factuurdatum") == "30-07-2017"
    assert rij(paneel, "Debiteurnummer") == "BX771080" and rij(paneel, "Bedrag") == "€ 150,-"
    assert (
        rij(paneel, "Indicatie status factuur") == "Factuur opgenomen" and rij(paneel, "Geaccepteerd") == ""
    )
    assert 'aria-current="page">Factuur</a>' in pagina
    # read role: no buttons
    assert "factuur/wijzigen" not in paneel and "factuur/verwijderen" not in paneel


def test_item4_refused_factuur_shows_factuur_geweigerd(login, raadpleger, voldaan):
    """Issue 9 item 4: the tab shows what column V of the PVT extract says: "Factuur geweigerd" (code 6)."""
    factuur(voldaan, status=FactuurStatus.OPGENOMEN, geaccepteerd=False)
    paneel = html(login(raadpleger).get(url(voldaan, "factuur"))).split('aria-label="Factuur"')[1]
    assert rij(paneel, "Indicatie status factuur") == "Factuur geweigerd"
    assert rij(paneel, "Geaccepteerd") == "Nee"


def test_132_factuur_tab_buttons_for_mut(login, medewerker, voldaan, wi2013_persoon):
    client = login(medewerker)
    leeg = html(client.get(url(voldaan, "factuur")))
    assert "Geen factuur gevonden." in leeg and url(voldaan, naam="factuur_toevoegen") in leeg
    onmogelijk = wi2013_persoon(gegevens={"lening_duo": True})  # no datum voldaan
    pagina = html(client.get(url(onmogelijk, "factuur")))
    assert "Geen factuur gevonden." in pagina and "factuur/toevoegen" not in pagina
    f = factuur(voldaan)
    met = html(client.get(url(voldaan, "factuur")))
    assert url(voldaan, naam="factuur_wijzigen") in met and url(voldaan, naam="factuur_verwijderen") in met
    assert "factuur/toevoegen" not in met
    f.geaccepteerd = True
    f.save()
    geaccepteerd = html(client.get(url(voldaan, "factuur")))
    assert rij(geaccepteerd, "Geaccepteerd") == "Ja"
    assert "factuur/wijzigen" not in geaccepteerd and "factuur/verwijderen" not in geaccepteerd


def test_132_viewing_is_audited(login, raadpleger, pvt_persoon):
    login(raadpleger).get(url(pvt_persoon, "factuur"))
    entry = AuditEntry.objects.get(actie=AuditActie.BEKIJKEN)
    assert entry.bsn == pvt_persoon.persoon.bsn and entry.gebruiker == "raadpleger"
    assert "WI2013" in entry.omschrijving and "factuur" in entry.omschrijving


@pytest.mark.parametrize("tab", ["persoonsgegevens", "factuur"])
def test_132_constant_queries(login, medewerker, voldaan, groningen, tab, django_assert_max_num_queries):
    client = login(medewerker)
    with django_assert_max_num_queries(20) as weinig:
        html(client.get(url(voldaan, tab)))
    factuur(voldaan)
    for i in range(5):
        PvtHistorie.objects.create(gegevens=voldaan, gebruiker="x", gemeente=groningen, gebeurtenis="geregistreerd",
                                   datum_voldaan=date(2018, 6, 1 + i))  # fmt: skip
        SignaalFactory(persoon=voldaan.persoon, wet=Wet.WI2013, code="SS601", gemeente=groningen)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        html(client.get(url(voldaan, tab)))


def test_item3_old_gemeente_keeps_view_after_retention_deleted_ss614(
    login, medewerker, voldaan, groningen, almere
):
    """Issue 9 item 3: A-6 rests on the recorded move, not on the SS614 signal that retention deletes."""
    from inburgering.models import Verhuizing

    inburgering_services.persoon_wijzigen(actor="BRP", persoon=voldaan.persoon, data={"woongemeente": almere})
    verhuizing = Verhuizing.objects.get(persoon=voldaan.persoon)
    assert (verhuizing.van_gemeente, verhuizing.naar_gemeente) == (groningen, almere)
    Signaal.objects.filter(persoon=voldaan.persoon, code="SS614").delete()  # what retention does
    oud = login(medewerker)
    pagina = html(oud.get(url(voldaan)))
    assert "U kunt de gegevens raadplegen, maar niet wijzigen." in pagina
    assert oud.post(url(voldaan, naam="wijzigen"), {"datum_voldaan": "17-06-2018"}).status_code == 403
    # A gemeente the person never lived in still sees nothing.
    Verhuizing.objects.all().delete()
    assert oud.get(url(voldaan)).status_code == 404


def test_item3_the_same_move_reported_twice_is_one_record(voldaan, almere):
    from inburgering.models import Verhuizing

    for _ in range(2):
        inburgering_services.persoon_wijzigen(
            actor="BRP",
            persoon=voldaan.persoon,
            data={"woongemeente": almere, "datum_vestiging": date(2026, 3, 1)},
        )
    assert Verhuizing.objects.filter(persoon=voldaan.persoon).count() == 1
