"""Issue 11 "Wi2021 (2/3)" deliverable 2: the MAP and PVT pages (S-37…S-42) and block B-9 — access, the
old gemeente's window after a move (D-03, D-04), optimistic locking, history and audit, the search hooks."""

import re
from datetime import date, datetime

from django.template.loader import render_to_string

import pytest
import time_machine

from inburgering.models import AuditEntry, Verhuizing
from tests.factories import UserFactory
from tests.wi2021.mapuren import AMS, NU, fouten, tekst, url, versie, weigering
from wi2021 import regels
from wi2021.models import PipHistorie, Trajectresultaat, TrajectresultaatHistorie
from wi2021.selectors import zoek_personen
from wi2021.selectors_map_pvt_uren import map_pvt_blok

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
vandaag = time_machine.travel(NU, tick=False)
VEROUDERD = "Deze gegevens zijn intussen door een ander gewijzigd."
NAMEN = [f"{t}_{a}" for t in ("map", "pvt") for a in ("doorgeven", "wijzigen", "verwijderen")]


def registreer(persoon, traject, gemeente, datum=date(2024, 5, 15)):
    return Trajectresultaat.objects.create(
        plicht=persoon.wi2021_plichten.get(), traject=traject, datum=datum, gemeente=gemeente,
        geregistreerd_op=datetime(2024, 5, 15, 12, tzinfo=AMS),
    )  # fmt: skip


@vandaag
def test_s37_s38_s39_map_journey_with_history_and_audit(mut, persoon_met_pip):
    p = persoon_met_pip()
    r = mut.get(url("map_doorgeven", p))
    pagina = tekst(r)
    for label in ("MAP doorgeven", "Datum eindgesprek", p.bsn, "Geboortedatum", "Bewaar", "of annuleer"):
        assert label in pagina
    r = mut.post(url("map_doorgeven", p), {"datum": "15-05-2024"}, follow=True)
    assert "Het MAP resultaat is doorgegeven." in tekst(r)
    r = mut.get(url("map_wijzigen", p))
    assert "MAP wijzigen" in tekst(r) and 'value="15-05-2024"' in tekst(r)
    assert mut.post(url("map_wijzigen", p), {"datum": "20-05-2024", "versie": versie(r)}).status_code == 302
    r = mut.get(url("map_verwijderen", p))
    pagina = tekst(r)
    assert "Weet u zeker dat u het MAP resultaat wilt verwijderen?" in pagina
    assert (
        "Als u voor MAP al uren hebt doorgegeven, moet u het totaal aantal uren zelf bijwerken in 'Deelgenomen uren'."
        in pagina
    )
    assert "✕ SLUIT" in pagina and ">annuleer</a>" in pagina and "20-05-2024" in pagina
    assert mut.post(url("map_verwijderen", p), {"versie": versie(r)}).status_code == 302
    assert not Trajectresultaat.objects.exists()
    historie = list(TrajectresultaatHistorie.objects.order_by("pk").values_list("gebeurtenis", "datum"))
    assert historie == [
        ("doorgegeven", date(2024, 5, 15)),
        ("gewijzigd", date(2024, 5, 20)),
        ("verwijderd", None),
    ]
    acties = list(AuditEntry.objects.filter(bsn=p.bsn, object_type="wi2021.Trajectresultaat").order_by("pk").values_list(
        "actie", "omschrijving"))  # fmt: skip
    assert acties == [
        ("aanmaken", "MAP doorgegeven"),
        ("wijzigen", "MAP gewijzigd"),
        ("verwijderen", "MAP verwijderd"),
    ]
    assert AuditEntry.objects.filter(
        bsn=p.bsn, actie="bekijken", omschrijving__startswith="WI2021 MAP"
    ).exists()


@vandaag
def test_s40_s41_s42_pvt_titles_and_delete_text(mut, persoon_met_pip, groningen):
    p = persoon_met_pip()
    assert "Datum ondertekening" in tekst(mut.get(url("pvt_doorgeven", p)))
    registreer(p, "PVT", groningen)
    assert "PVT Wijzigen" in tekst(mut.get(url("pvt_wijzigen", p)))  # sic (S-41)
    pagina = tekst(mut.get(url("pvt_verwijderen", p)))
    assert "Weet u zeker dat u het PVT resultaat wilt verwijderen?" in pagina
    assert (
        "Als u voor PVT al uren hebt doorgegeven, moet u het totaal aantal uren zelf bijwerken in 'Deelgenomen uren'."
        in pagina
    )
    assert "SLUIT" not in pagina  # S-42 has no close cross


@vandaag
def test_read_role_is_refused_on_every_map_pvt_post(login, raadpleger, persoon_met_pip, groningen):
    p = persoon_met_pip()
    registreer(p, "MAP", groningen)
    registreer(p, "PVT", groningen)
    client = login(raadpleger)
    for naam in NAMEN:
        assert client.post(url(naam, p), {"datum": "16-05-2024", "versie": "1-1"}).status_code == 403, naam
        assert client.get(url(naam, p)).status_code == 403, naam
    assert Trajectresultaat.objects.count() == 2 and not TrajectresultaatHistorie.objects.exists()


@vandaag
def test_another_gemeentes_person_is_404_on_every_map_pvt_url(mut, persoon_met_pip, almere):
    p = persoon_met_pip(persoon={"woongemeente": almere})
    registreer(p, "MAP", almere)
    for naam in NAMEN:
        assert mut.get(url(naam, p)).status_code == 404, naam
        assert mut.post(url(naam, p), {"datum": "16-05-2024", "versie": "1-1"}).status_code == 404, naam
    assert Trajectresultaat.objects.get().datum == date(2024, 5, 15)


@vandaag
def test_two_simultaneous_wijzigen_the_second_gets_the_dutch_message(mut, persoon_met_pip, groningen):
    p = persoon_met_pip()
    registreer(p, "MAP", groningen)
    eerste, tweede = mut.get(url("map_wijzigen", p)), mut.get(url("map_wijzigen", p))
    assert (
        mut.post(url("map_wijzigen", p), {"datum": "20-05-2024", "versie": versie(eerste)}).status_code == 302
    )
    r = mut.post(url("map_wijzigen", p), {"datum": "21-05-2024", "versie": versie(tweede)})
    assert fouten(r)[0].startswith(VEROUDERD)
    assert 'value="21-05-2024"' in tekst(r) and "Nu geregistreerd" in tekst(r) and "20-05-2024" in tekst(r)
    assert Trajectresultaat.objects.get().datum == date(2024, 5, 20)
    # The page now carries the current version: saving again overwrites knowingly.
    assert mut.post(url("map_wijzigen", p), {"datum": "21-05-2024", "versie": versie(r)}).status_code == 302


@vandaag
def test_two_simultaneous_doorgeven_the_second_gets_the_dutch_message(mut, persoon_met_pip):
    p = persoon_met_pip()
    mut.get(url("pvt_doorgeven", p))
    mut.get(url("pvt_doorgeven", p))
    assert mut.post(url("pvt_doorgeven", p), {"datum": "15-05-2024"}).status_code == 302
    r = mut.post(url("pvt_doorgeven", p), {"datum": "16-05-2024"})
    assert fouten(r)[0].startswith(VEROUDERD) and "15-05-2024" in tekst(r)
    assert Trajectresultaat.objects.get().datum == date(2024, 5, 15)


@vandaag
def test_two_simultaneous_verwijderen_the_second_gets_the_dutch_message(mut, persoon_met_pip, groningen):
    p = persoon_met_pip()
    registreer(p, "PVT", groningen)
    eerste, tweede = mut.get(url("pvt_verwijderen", p)), mut.get(url("pvt_verwijderen", p))
    assert mut.post(url("pvt_verwijderen", p), {"versie": versie(eerste)}).status_code == 302
    r = mut.post(url("pvt_verwijderen", p), {"versie": versie(tweede)})
    assert r.status_code == 200 and VEROUDERD in tekst(r) and 'name="versie"' not in tekst(r)


def _verhuisd(p, pip_, groningen, almere, *, herbevestigd: datetime | None):
    """A Groningen PIP (registered 02-04-2024); the person moved to Almere on 01-05-2024; Almere re-established
    the PIP at `herbevestigd` (R-ACC-7)."""
    p.woongemeente = almere
    p.save()
    Verhuizing.objects.create(persoon=p, van_gemeente=groningen, naar_gemeente=almere, datum=date(2024, 5, 1))
    if herbevestigd:
        pip_.gemeente = almere
        pip_.save()
        PipHistorie.objects.create(
            pip=pip_, laatste_wijziging=herbevestigd, gebruiker="almere", gemeente=almere, gebeurtenis="gewijzigd",
            dagtekening=pip_.dagtekening, leerroute=pip_.leerroute, niveau=pip_.niveau,
            alfabetisering=pip_.alfabetisering,
        )  # fmt: skip


@pytest.mark.parametrize(("dag", "mag"), [(7, True), (8, False)])
def test_d03_old_gemeente_keeps_map_pvt_rights_for_28_days_after_the_new_pip(
    mut, plicht, pip, groningen, almere, dag, mag
):
    """Almere re-established the PIP on 10-05-2024: Groningen may register through 07-06-2024 (D-03, D-04)."""
    p = plicht()
    _verhuisd(p.persoon, pip(p), groningen, almere, herbevestigd=datetime(2024, 5, 10, 9, tzinfo=AMS))
    with time_machine.travel(datetime(2024, 6, dag, 10, tzinfo=AMS), tick=False):
        r = mut.post(url("map_doorgeven", p.persoon), {"datum": "30-04-2024"})
        if mag:
            assert r.status_code == 302 and Trajectresultaat.objects.get().gemeente == groningen
        else:
            assert r.status_code == 404
            assert weigering(r) == "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"
            assert not Trajectresultaat.objects.exists()


@vandaag
def test_d04_new_gemeente_needs_to_re_establish_the_pip_and_may_not_change_the_old_ones_map(
    login, plicht, pip, groningen, almere
):
    p = plicht()
    _verhuisd(p.persoon, pip(p), groningen, almere, herbevestigd=None)
    registreer(p.persoon, "MAP", groningen)
    client = login(UserFactory(username="almere", rollen={almere: ["WI2021", "WI2021MUT"]}))
    assert weigering(client.get(url("pvt_doorgeven", p.persoon))) == "FS 657 Er is geen actuele PIP"
    assert (
        weigering(client.get(url("map_wijzigen", p.persoon)))
        == "FS 667 Uw gemeente mag de MAP gegevens niet wijzigen."
    )
    # The old gemeente (no new PIP yet: its window is open) still has its own PIP (D-04).
    v = regels.voortgang(regels.situatie(p.persoon, groningen, date(2024, 6, 1)))
    assert v.s.rol == regels.OUD and v.eigen_pip and regels.map_wijzigen(v).toegestaan


@vandaag
def test_b9_partial_rows_links_and_nvt(persoon_met_pip, groningen, almere):
    p = persoon_met_pip()
    registreer(p, "PVT", almere)  # another gemeente's PVT: date, no links (R-ACC-9)
    v = regels.voortgang(regels.situatie(p, groningen))
    html = render_to_string(
        "wi2021/_blok_b9_map_pvt.html", {"b9": map_pvt_blok(v, mag_muteren=True), "persoon": p}
    )
    rijen = re.findall(r"<tr class=\"utrecht-table__row\">\s*<th[^>]*>(\w+)</th>\s*<td[^>]*>([^<]*)</td>(.*?)</tr>",
                       html, re.S)  # fmt: skip
    assert [(t, d) for t, d, _ in rijen] == [("MAP", "-"), ("PVT", "15-05-2024")]
    assert ">Geef door<" in rijen[0][2] and "Wijzig" not in rijen[1][2] and "Geef door" not in rijen[1][2]
    assert "Module Arbeidsmarkt & Participatie (MAP) en Participatieverklaringstraject (PVT)" in html
    # Read role: no links at all; Onderwijsroute: MAP NVT without action.
    html = render_to_string(
        "wi2021/_blok_b9_map_pvt.html", {"b9": map_pvt_blok(v, mag_muteren=False), "persoon": p}
    )
    assert "Geef door" not in html
    onderwijs = persoon_met_pip(leerroute="O")
    registreer(onderwijs, "PVT", groningen)
    v = regels.voortgang(regels.situatie(onderwijs, groningen))
    html = render_to_string("wi2021/_blok_b9_map_pvt.html", {"b9": map_pvt_blok(v, mag_muteren=True),
                                                              "persoon": onderwijs})  # fmt: skip
    assert re.search(r">MAP</th>\s*<td[^>]*>NVT</td>\s*<td[^>]*>\s*</td>", html)
    assert "pvt/wijzigen/" in html and "pvt/verwijderen/" in html


@vandaag
def test_b9_costs_a_fixed_number_of_queries(persoon_met_pip, groningen, django_assert_max_num_queries):
    p = persoon_met_pip()
    registreer(p, "MAP", groningen)
    registreer(p, "PVT", groningen)
    s = regels.situatie(p, groningen)
    with django_assert_max_num_queries(2):
        render_to_string("wi2021/_blok_b9_map_pvt.html", {"b9": map_pvt_blok(regels.voortgang(s), mag_muteren=True),
                                                          "persoon": p})  # fmt: skip


@vandaag
def test_m09_d44_search_pvt_and_map_niet_doorgegeven(persoon_met_pip, groningen):
    zonder, met_map, onderwijs = persoon_met_pip(), persoon_met_pip(), persoon_met_pip(leerroute="O")
    registreer(met_map, "MAP", groningen)
    registreer(onderwijs, "PVT", groningen)

    def gevonden(criterium):
        return {pl.persoon_id for pl in zoek_personen(gemeente=groningen, criteria={criterium: True})}

    assert gevonden("map_niet_doorgegeven") == {zonder.pk}  # D-44: never the Onderwijsroute (MAP NVT)
    assert gevonden("pvt_niet_doorgegeven") == {zonder.pk, met_map.pk}
