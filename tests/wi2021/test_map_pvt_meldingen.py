"""Issue 11 "Wi2021 (2/3)" deliverable 2: every §4.2 f (MAP) and g (PVT) message as the pages render it
(D-19), the date rules at their boundaries (D-09, frozen clock), D-04, D-05, D-16, R-MP-1 and M-27."""

from datetime import date, datetime

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.models import Persoon
from tests.wi2021.mapuren import AMS, NU, fouten, tekst, url, veldfout, versie, weigering
from wi2021 import regels
from wi2021.constants import RedenEinde
from wi2021.models import EindgesprekZRoute, Traject, Trajectresultaat

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
vandaag = time_machine.travel(NU, tick=False)
TRAJECTEN = pytest.mark.parametrize("traject", ["map", "pvt"])
LABEL = {"map": "Datum eindgesprek", "pvt": "Datum ondertekening"}


def resultaat(persoon, traject: str, gemeente, datum=date(2024, 5, 15)) -> Trajectresultaat:
    return Trajectresultaat.objects.create(
        plicht=persoon.wi2021_plichten.get(), traject=traject.upper(), datum=datum, gemeente=gemeente,
        geregistreerd_op=datetime(2024, 5, 15, 12, tzinfo=AMS),
    )  # fmt: skip


def doorgeven(client, persoon, traject, datum):
    return client.post(url(f"{traject}_doorgeven", persoon), {"datum": datum})


@vandaag
@TRAJECTEN
def test_f1_g1_fs602_deceased_person(mut, persoon_met_pip, traject):
    p = persoon_met_pip(persoon={"datum_overlijden": date(2024, 5, 1)})
    r = mut.get(url(f"{traject}_doorgeven", p))
    assert weigering(r) == "FS 602 Persoon is volgens BRP overleden" and 'name="datum"' not in tekst(r)
    r = doorgeven(mut, p, traject, "15-05-2024")
    assert fouten(r) == ["FS 602 Persoon is volgens BRP overleden"]
    assert not Trajectresultaat.objects.exists()


@vandaag
@TRAJECTEN
def test_f3_g3_fs617_person_of_another_gemeente(mut, persoon_met_pip, traject, almere):
    p = persoon_met_pip(persoon={"woongemeente": almere})
    for actie in ("doorgeven", "wijzigen", "verwijderen"):
        r = mut.get(url(f"{traject}_{actie}", p))
        assert r.status_code == 404
        assert weigering(r) == "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"
        assert p.bsn not in tekst(r)


@vandaag
@TRAJECTEN
def test_f4_g6_fs636_person_not_under_wi2021(mut, persoon_met_pip, traject):
    p = persoon_met_pip()
    Persoon.objects.filter(pk=p.pk).update(wet=Wet.WI2013)
    r = mut.get(url(f"{traject}_doorgeven", p))
    assert r.status_code == 404 and weigering(r) == "FS 636 Persoon valt niet onder WI2021"


@vandaag
@TRAJECTEN
def test_f5_g7_fs640_wijzigen_with_the_same_date(mut, persoon_met_pip, traject, groningen):
    p = persoon_met_pip()
    resultaat(p, traject, groningen)
    r = mut.get(url(f"{traject}_wijzigen", p))
    assert 'value="15-05-2024"' in tekst(r)  # prefilled (S-38, S-41)
    r = mut.post(url(f"{traject}_wijzigen", p), {"datum": "15-05-2024", "versie": versie(r)})
    assert fouten(r) == ["FS 640 Alle velden hebben dezelfde waarde als de actuele waarden"]
    r = mut.post(url(f"{traject}_wijzigen", p), {"datum": "16-05-2024", "versie": versie(r)})
    assert r.status_code == 302 and Trajectresultaat.objects.get().datum == date(2024, 5, 16)


@vandaag
@TRAJECTEN
def test_f7_g9_fs657_no_pip_of_the_registering_gemeente(mut, plicht, traject):
    p = plicht().persoon
    r = mut.get(url(f"{traject}_doorgeven", p))
    assert weigering(r) == "FS 657 Er is geen actuele PIP"
    assert fouten(doorgeven(mut, p, traject, "15-05-2024")) == ["FS 657 Er is geen actuele PIP"]


@vandaag
def test_f8_fs667_map_registered_by_another_gemeente(mut, persoon_met_pip, almere):
    p = persoon_met_pip()
    resultaat(p, "map", almere)
    assert (
        weigering(mut.get(url("map_wijzigen", p))) == "FS 667 Uw gemeente mag de MAP gegevens niet wijzigen."
    )
    assert (
        weigering(mut.get(url("map_verwijderen", p)))
        == "FS 667 Uw gemeente mag de MAP gegevens niet wijzigen."
    )
    r = mut.post(url("map_verwijderen", p), {"versie": "1-1"})
    assert "FS 667 Uw gemeente mag de MAP gegevens niet wijzigen." in tekst(r)
    assert Trajectresultaat.objects.exists()


@vandaag
def test_g4_fs627_pvt_registered_by_another_gemeente(mut, persoon_met_pip, almere):
    p = persoon_met_pip()
    resultaat(p, "pvt", almere)
    assert (
        weigering(mut.get(url("pvt_wijzigen", p))) == "FS 627 Uw gemeente mag de PVT gegevens niet wijzigen."
    )
    r = mut.post(url("pvt_wijzigen", p), {"datum": "16-05-2024", "versie": "1-1"})
    assert fouten(r) == ["FS 627 Uw gemeente mag de PVT gegevens niet wijzigen."]
    assert Trajectresultaat.objects.get().datum == date(2024, 5, 15)


def eindgesprek(persoon, gemeente) -> EindgesprekZRoute:
    """A registered eindgesprek Z-route (Wi2021 3/3) for the person's plicht, still inside its window."""
    moment = datetime(2024, 5, 30, 12, tzinfo=AMS)
    return EindgesprekZRoute.objects.create(plicht=persoon.wi2021_plichten.get(), datum=date(2024, 5, 29),
                                            gemeente=gemeente, geregistreerd_op=moment, gewijzigd_op=moment)  # fmt: skip


@vandaag
def test_g5_fs629_pvt_change_or_delete_after_an_eindgesprek_z_route(mut, persoon_met_pip, groningen):
    p = persoon_met_pip(leerroute="Z")
    resultaat(p, "pvt", groningen)
    assert regels.eindgesprek_z_route_doorgegeven(regels.situatie(p, groningen)) is False
    eindgesprek(p, groningen)
    assert regels.eindgesprek_z_route_doorgegeven(regels.situatie(p, groningen)) is True
    tekst_629 = "FS 629 De gegevens zijn niet meer te wijzigen. Persoon heeft al voldaan aan de PVT-plicht"
    assert weigering(mut.get(url("pvt_wijzigen", p))) == tekst_629
    assert weigering(mut.get(url("pvt_verwijderen", p))) == tekst_629
    r = mut.post(url("pvt_wijzigen", p), {"datum": "16-05-2024", "versie": "1-1"})
    assert fouten(r) == [tekst_629]


@vandaag
def test_d16_map_change_after_an_eindgesprek_z_route_has_the_decided_text(mut, persoon_met_pip, groningen):
    p = persoon_met_pip(leerroute="Z")
    resultaat(p, "map", groningen)
    eindgesprek(p, groningen)
    verwacht = "De MAP gegevens zijn niet meer te wijzigen: er is een eindgesprek Z-route doorgegeven."
    assert weigering(mut.get(url("map_wijzigen", p))) == verwacht
    assert weigering(mut.get(url("map_verwijderen", p))) == verwacht


@TRAJECTEN
def test_f9_g10_fs674_intrekking_more_than_a_month_ago(mut, medewerker, persoon_met_pip, traject):
    p = persoon_met_pip(reden_einde=RedenEinde.INGETROKKEN, datum_einde=date(2024, 5, 1))
    with time_machine.travel(datetime(2024, 6, 1, 10, tzinfo=AMS), tick=False):  # intrekking + 1 maand: still
        assert doorgeven(mut, p, traject, "30-04-2024").status_code == 302
    Trajectresultaat.objects.all().delete()
    with time_machine.travel(datetime(2024, 6, 2, 10, tzinfo=AMS), tick=False):
        mut.force_login(medewerker)  # a day later: past the session's idle timeout
        verwacht = (
            "FS 674 Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk"
        )
        assert weigering(mut.get(url(f"{traject}_doorgeven", p))) == verwacht
        assert fouten(doorgeven(mut, p, traject, "30-04-2024")) == [verwacht]


@vandaag
@TRAJECTEN
def test_f10_g11_fs675_plicht_voldaan(mut, persoon_met_pip, traject, groningen):
    p = persoon_met_pip(reden_einde=RedenEinde.DIPLOMA, datum_einde=date(2024, 5, 20))
    resultaat(p, traject, groningen)
    verwacht = "FS 675 Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk"
    for actie in ("wijzigen", "verwijderen"):  # R-MP-6: not after the diploma
        assert weigering(mut.get(url(f"{traject}_{actie}", p))) == verwacht


@vandaag
@TRAJECTEN
def test_f11_g12_fs999_datum_is_ongeldig(mut, persoon_met_pip, traject):
    p = persoon_met_pip()
    r = doorgeven(mut, p, traject, "31-02-2024")
    assert veldfout(r, "datum") == f"FS 999 {LABEL[traject]}: Datum is ongeldig"
    assert 'value="31-02-2024"' in tekst(r)  # what was typed stays


@vandaag
@TRAJECTEN
def test_f12_g13_fs999_datum_ligt_in_toekomst_boundary(mut, persoon_met_pip, traject):
    p = persoon_met_pip()
    r = doorgeven(mut, p, traject, "02-06-2024")
    assert veldfout(r, "datum") == f"FS 999 {LABEL[traject]} Datum ligt in toekomst"
    assert doorgeven(mut, p, traject, "01-06-2024").status_code == 302  # today is allowed


@vandaag
@TRAJECTEN
def test_f13_g14_fs999_datum_voor_start_boundary(mut, persoon_met_pip, traject):
    p = persoon_met_pip()  # plicht from 01-03-2024 (D-09: the start of the inburgeringsplicht)
    r = doorgeven(mut, p, traject, "29-02-2024")
    assert veldfout(r, "datum") == f"FS 999 {LABEL[traject]} Datum mag niet voor start datum termijn liggen"
    assert doorgeven(mut, p, traject, "01-03-2024").status_code == 302


@vandaag
@TRAJECTEN
def test_empty_date_is_veld_is_verplicht(mut, persoon_met_pip, traject):
    r = doorgeven(mut, persoon_met_pip(), traject, "")
    assert veldfout(r, "datum") == f"FS 999 {LABEL[traject]}: Veld is verplicht"


@TRAJECTEN
def test_d05_tijdelijke_vrijstelling_allows_map_pvt_for_one_month(mut, medewerker, persoon_met_pip, traject):
    p = persoon_met_pip(reden_einde=RedenEinde.TIJDELIJK, datum_einde=date(2024, 5, 1))
    with time_machine.travel(datetime(2024, 6, 1, 10, tzinfo=AMS), tick=False):
        assert doorgeven(mut, p, traject, "30-04-2024").status_code == 302
    Trajectresultaat.objects.all().delete()
    with time_machine.travel(datetime(2024, 6, 2, 10, tzinfo=AMS), tick=False):
        mut.force_login(medewerker)  # a day later: past the session's idle timeout
        assert (
            weigering(mut.get(url(f"{traject}_doorgeven", p)))
            == "FS 655 Persoon is niet inburgeringsplichtig"
        )


@vandaag
def test_r_mp_1_map_is_nvt_for_the_onderwijsroute(mut, persoon_met_pip):
    p = persoon_met_pip(leerroute="O")
    assert (
        weigering(mut.get(url("map_doorgeven", p)))
        == "De MAP is geen onderdeel van de Onderwijsroute (O-route)."
    )
    assert fouten(doorgeven(mut, p, "map", "15-05-2024")) == [
        "De MAP is geen onderdeel van de Onderwijsroute (O-route)."
    ]
    assert doorgeven(mut, p, "pvt", "15-05-2024").status_code == 302  # PVT belongs to every plicht


@vandaag
def test_m27_map_and_pvt_need_no_minimum_of_hours(mut, persoon_met_pip):
    """fn 31 (40 hours MAP, 12 hours PVT) is information only: nothing checks the registered uren."""
    p = persoon_met_pip()
    assert doorgeven(mut, p, "map", "15-05-2024").status_code == 302
    assert doorgeven(mut, p, "pvt", "15-05-2024").status_code == 302
    assert Trajectresultaat.objects.count() == 2 and not p.wi2021_plichten.get().urenstanden.exists()


@vandaag
@TRAJECTEN
def test_doorgeven_twice_is_refused_with_the_own_text(mut, persoon_met_pip, traject, groningen):
    p = persoon_met_pip()
    resultaat(p, traject, groningen)
    r = mut.get(url(f"{traject}_doorgeven", p))
    assert (
        weigering(r) == f"Het {traject.upper()} resultaat is al doorgegeven. Wijzig het bestaande resultaat."
    )
    assert Trajectresultaat.objects.get().traject == Traject(traject.upper())
