"""Issue 11 "Wi2021 (2/3)" deliverable 3: every §4.2 h message as S-43 "Doorgeven <soort uren>" and S-44
"Doorgeven uren taalles en KNM bij instelling" render it (D-19), the date rules at their boundaries (D-09,
frozen clock), FS 666 per kind and instelling (M-29), the D-17 form and the only doelgroep refusal (M-30)."""

from datetime import date, datetime

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.models import Persoon
from tests.wi2021.mapuren import AMS, NU, fouten, tekst, url, veldfout, versie, weigering
from wi2021.constants import Doelgroep, RedenEinde
from wi2021.models import Urenregistratie, Urenstand

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
vandaag = time_machine.travel(NU, tick=False)
PARTICIPATIE = {"soort": "participatie"}


def geef_door(client, persoon, aantal="18", datum="01-05-2024", soort="participatie", **extra):
    adres = url("uren_doorgeven", persoon, soort=soort)
    return client.post(
        adres, {"aantal": aantal, "datum_tot": datum, "versie": versie(client.get(adres)), **extra}
    )


def bij_instelling(client, persoon, instelling, datum="01-05-2024", **totalen):
    """S-44 as the browser sends it after the instelling's totals were shown."""
    pagina = client.get(url("uren_instelling", persoon), {"instelling": instelling.pk if instelling else ""})
    gekozen = instelling.pk if instelling else ""
    return client.post(url("uren_instelling", persoon), {
        "instelling": gekozen, "getoond": gekozen, "datum_tot": datum, "versie": versie(pagina), **totalen,
    })  # fmt: skip


@pytest.fixture
def met_aanbod(persoon_met_pip, instelling, aanbod, groningen):
    def maak(**kwargs):
        p = persoon_met_pip(**kwargs)
        i = instelling()
        aanbod(p, i, groningen)
        return p, i

    return maak


@vandaag
def test_h1_fs602_deceased_person(mut, persoon_met_pip):
    p = persoon_met_pip(persoon={"datum_overlijden": date(2024, 5, 1)})
    assert (
        weigering(mut.get(url("uren_doorgeven", p, **PARTICIPATIE)))
        == "FS 602 Persoon is volgens BRP overleden"
    )
    assert fouten(geef_door(mut, p)) == ["FS 602 Persoon is volgens BRP overleden"]


@vandaag
def test_h3_fs617_person_of_another_gemeente(mut, persoon_met_pip, almere):
    p = persoon_met_pip(persoon={"woongemeente": almere})
    for adres in (url("uren_doorgeven", p, **PARTICIPATIE), url("uren_instelling", p)):
        r = mut.get(adres)
        assert r.status_code == 404
        assert weigering(r) == "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"


@vandaag
def test_h4_fs636_person_not_under_wi2021(mut, persoon_met_pip):
    p = persoon_met_pip()
    Persoon.objects.filter(pk=p.pk).update(wet=Wet.WI2007)
    r = mut.get(url("uren_doorgeven", p, **PARTICIPATIE))
    assert r.status_code == 404 and weigering(r) == "FS 636 Persoon valt niet onder WI2021"


@vandaag
def test_h6_fs646_empty_unknown_or_wrong_soort_instelling(mut, met_aanbod, instelling, aanbod, groningen):
    p, _ = met_aanbod()
    verwacht = "FS 646 Geen geldige instelling opgegeven"
    assert veldfout(bij_instelling(mut, p, None, **{"6": "10"}), "instelling") == verwacht
    r = mut.post(url("uren_instelling", p), {"instelling": "987654", "getoond": "987654", "6": "10",
                                              "datum_tot": "01-05-2024", "versie": "geen/geen/geen"})  # fmt: skip
    assert veldfout(r, "instelling") == verwacht
    # R-UR-7: the B1-route offers Blik op Werk instellingen only.
    taalschakel = instelling("Schakelschool", soort="taalschakel")
    aanbod(p, taalschakel, groningen)
    assert veldfout(bij_instelling(mut, p, taalschakel, **{"6": "10"}), "instelling") == verwacht
    assert not Urenstand.objects.exists()


@vandaag
def test_h7_fs657_gemeente_kinds_need_a_pip_of_the_registering_gemeente(mut, plicht):
    p = plicht().persoon
    assert weigering(mut.get(url("uren_doorgeven", p, **PARTICIPATIE))) == "FS 657 Er is geen actuele PIP"
    r = mut.post(url("uren_doorgeven", p, **PARTICIPATIE), {"aantal": "5", "datum_tot": "01-05-2024",
                                                             "versie": "geen"})  # fmt: skip
    assert fouten(r) == ["FS 657 Er is geen actuele PIP"]


@vandaag
def test_h8_fs659_no_aanbod_of_the_own_gemeente_for_the_instelling(
    mut, met_aanbod, instelling, aanbod, almere
):
    p, eigen = met_aanbod()
    elders = instelling("Taalschool Almere")
    aanbod(p, elders, almere)  # another gemeente's aanbod does not count
    r = bij_instelling(mut, p, elders, **{"6": "10"})
    assert (
        veldfout(r, "instelling")
        == "FS 659 Er is geen actueel of niet actueel aanbod voor de cursusinstelling"
    )
    assert bij_instelling(mut, p, eigen, **{"6": "10"}).status_code == 302


@vandaag
def test_h9_fs660_instelling_posted_with_a_gemeente_kind(mut, persoon_met_pip):
    p = persoon_met_pip()
    assert fouten(geef_door(mut, p, instelling="1")) == ["FS 660 Cursusinstelling mag niet gevuld zijn"]
    assert not Urenstand.objects.exists()


@vandaag
def test_h10_fs666_per_kind_and_per_instelling_equal_allowed(mut, met_aanbod, instelling, aanbod, groningen):
    p, i = met_aanbod()
    assert geef_door(mut, p, "18", "01-05-2024").status_code == 302
    r = geef_door(mut, p, "20", "30-04-2024")
    assert veldfout(r, "datum_tot") == "FS 666 Datum tot mag niet voor datum tot van vorige deelname liggen."
    assert geef_door(mut, p, "20", "01-05-2024").status_code == 302  # equal is allowed
    assert geef_door(mut, p, "4", "30-04-2024", soort="brede-intake").status_code == 302  # another kind
    assert bij_instelling(mut, p, i, "01-05-2024", **{"6": "10"}).status_code == 302
    r = bij_instelling(mut, p, i, "30-04-2024", **{"6": "12"})
    assert veldfout(r, "datum_tot") == "FS 666 Datum tot mag niet voor datum tot van vorige deelname liggen."
    # Geoorloofd verzuim has no earlier registration at this instelling, nor has another instelling.
    assert bij_instelling(mut, p, i, "30-04-2024", **{"8": "2"}).status_code == 302
    tweede = instelling("Tweede School")
    aanbod(p, tweede, groningen)
    assert bij_instelling(mut, p, tweede, "30-04-2024", **{"6": "3"}).status_code == 302


@pytest.mark.parametrize(("dag", "mag"), [(1, True), (2, False)])
def test_h11_fs674_intrekking_more_than_a_month_ago_boundary(mut, persoon_met_pip, dag, mag):
    p = persoon_met_pip(reden_einde=RedenEinde.INGETROKKEN, datum_einde=date(2024, 5, 1))
    with time_machine.travel(datetime(2024, 6, dag, 10, tzinfo=AMS), tick=False):
        r = geef_door(mut, p, datum="30-04-2024")
        if mag:
            assert r.status_code == 302
        else:
            assert fouten(r) == [
                "FS 674 Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk"
            ]


@vandaag
def test_h12_fs675_plicht_voldaan(mut, persoon_met_pip):
    p = persoon_met_pip(reden_einde=RedenEinde.DIPLOMA, datum_einde=date(2024, 5, 20))
    assert (
        weigering(mut.get(url("uren_instelling", p)))
        == "FS 675 Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk"
    )


@vandaag
def test_h13_fs999_formaatfout_hours_and_unknown_kind(mut, met_aanbod):
    p, i = met_aanbod()
    for fout in ("achttien", "-1", "1,5", "100000"):
        r = geef_door(mut, p, fout)
        assert veldfout(r, "aantal") == "FS 999 Nieuw totaal aantal uren: Formaatfout", fout
        assert f'value="{fout}"' in tekst(r)  # kept as typed
    r = bij_instelling(mut, p, i, **{"9": "drie"})
    assert veldfout(r, "9") == "FS 999 Ongeoorloofd verzuim: Formaatfout"
    r = mut.get(url("uren_doorgeven", p, soort="taalles-knm"))
    assert r.status_code == 400 and weigering(r) == "FS 999 Type uren: Formaatfout"


@vandaag
def test_h14_fs999_datum_is_ongeldig(mut, persoon_met_pip):
    r = geef_door(mut, persoon_met_pip(), datum="31-02-2024")
    assert veldfout(r, "datum_tot") == "FS 999 Datum totaal aantal uren: Datum is ongeldig"


@vandaag
def test_h15_fs999_veld_is_verplicht_including_the_d17_instelling_form(mut, met_aanbod):
    p, i = met_aanbod()
    r = geef_door(mut, p, "", "")
    assert veldfout(r, "aantal") == "FS 999 Nieuw totaal aantal uren: Veld is verplicht"
    assert veldfout(r, "datum_tot") == "FS 999 Datum totaal aantal uren: Veld is verplicht"
    r = bij_instelling(mut, p, i)  # none of the three totals
    assert veldfout(r, "6") == "FS 999 Uren taalles en KNM: Veld is verplicht"
    assert not Urenstand.objects.exists()


@vandaag
def test_h16_fs999_datum_tot_before_the_start_boundary(mut, persoon_met_pip):
    p = persoon_met_pip()  # plicht from 01-03-2024
    r = geef_door(mut, p, datum="29-02-2024")
    assert veldfout(r, "datum_tot") == "FS 999 Datum Tot: Datum mag niet voor start datum termijn liggen."
    assert geef_door(mut, p, datum="01-03-2024").status_code == 302


@vandaag
def test_h17_fs999_datum_tot_after_the_end_boundary(mut, persoon_met_pip):
    """D-09: the end of the plicht, here an intrekking on 20-05-2024 inside its grace month (D-05)."""
    p = persoon_met_pip(reden_einde=RedenEinde.INGETROKKEN, datum_einde=date(2024, 5, 20))
    r = geef_door(mut, p, datum="21-05-2024")
    assert veldfout(r, "datum_tot") == "FS 999 Datum Tot: Datum mag niet na eind datum termijn liggen."
    assert geef_door(mut, p, datum="20-05-2024").status_code == 302


@vandaag
def test_h18_fs999_datum_tot_in_the_future_boundary(mut, persoon_met_pip):
    p = persoon_met_pip()
    r = geef_door(mut, p, datum="02-06-2024")
    assert veldfout(r, "datum_tot") == "FS 999 Datum Tot: Datum mag niet in toekomst liggen."
    assert geef_door(mut, p, datum="01-06-2024").status_code == 302


@pytest.mark.parametrize(("dag", "mag"), [(1, True), (2, False)])
def test_d05_tijdelijke_vrijstelling_allows_uren_for_one_month(mut, persoon_met_pip, dag, mag):
    p = persoon_met_pip(reden_einde=RedenEinde.TIJDELIJK, datum_einde=date(2024, 5, 1))
    with time_machine.travel(datetime(2024, 6, dag, 10, tzinfo=AMS), tick=False):
        r = geef_door(mut, p, datum="30-04-2024")
        assert (
            (r.status_code == 302) if mag else (fouten(r) == ["FS 655 Persoon is niet inburgeringsplichtig"])
        )


@vandaag
def test_m30_gezinsmigrant_may_report_gemeente_kinds_but_not_instelling_hours(mut, persoon_met_pip):
    p = persoon_met_pip(doelgroep=Doelgroep.GEZINSMIGRANT)
    for slug in ("participatie", "participatie-taallesuren", "brede-intake"):
        assert geef_door(mut, p, soort=slug).status_code == 302, slug
    assert weigering(mut.get(url("uren_instelling", p))) == (
        "Voor personen in de doelgroep 'Gezinsmigrant en overige migrant' kunt u geen uren taalles en KNM doorgeven."
    )


@vandaag
def test_m27_no_minimum_or_maximum_of_hours_is_enforced(mut, persoon_met_pip):
    p = persoon_met_pip()
    assert geef_door(mut, p, "0").status_code == 302
    assert geef_door(mut, p, "99999").status_code == 302
    assert list(Urenregistratie.objects.order_by("pk").values_list("aantal", flat=True)) == [0, 99999]


@vandaag
def test_h13_h18_a_format_error_and_a_date_rule_show_together(mut, persoon_met_pip):
    r = geef_door(mut, persoon_met_pip(), "achttien", "02-06-2024")
    assert veldfout(r, "aantal") == "FS 999 Nieuw totaal aantal uren: Formaatfout"
    assert veldfout(r, "datum_tot") == "FS 999 Datum Tot: Datum mag niet in toekomst liggen."
