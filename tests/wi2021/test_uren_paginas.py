"""Issue 11 "Wi2021 (2/3)" deliverable 3: the uren pages S-43/S-44 and block B-10 — "Tot nu toe doorgegeven",
running totals per gemeente after a move (D-31), the old gemeente's window (D-03, R-UR-10), the D-17 form,
optimistic locking on the running total, access and audit."""

import re
import threading
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection, transaction
from django.template.loader import render_to_string

import pytest
import time_machine

from inburgering.models import AuditEntry
from tests.factories import UserFactory
from tests.wi2021.mapuren import AMS, NU, fouten, tekst, url, versie, weigering
from tests.wi2021.test_map_pvt_paginas import _verhuisd
from wi2021 import regels, services_uren
from wi2021.models import Urenregistratie, Urenstand
from wi2021.selectors_map_pvt_uren import uren_blok

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
vandaag = time_machine.travel(NU, tick=False)
VEROUDERD = "Deze gegevens zijn intussen door een ander gewijzigd."


def tot_nu_toe(response) -> list[tuple[str, str]]:
    blok = re.search(r'id="tot-nu-toe-gegevens">(.*?)</dl>', tekst(response), re.S).group(1)
    return [
        (dt, " ".join(re.sub(r"<[^>]+>", " ", dd).split()))
        for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", blok)
    ]


@pytest.fixture
def met_aanbod(persoon_met_pip, instelling, aanbod, groningen):
    def maak(**kwargs):
        p = persoon_met_pip(**kwargs)
        i = instelling()
        aanbod(p, i, groningen)
        return p, i

    return maak


@vandaag
def test_s43_page_tot_nu_toe_geen_then_the_total_and_hints(mut, persoon_met_pip):
    p = persoon_met_pip()
    adres = url("uren_doorgeven", p, soort="brede-intake")
    r = mut.get(adres)
    pagina = tekst(r)
    assert "Doorgeven Taallesuren uit brede intake" in pagina
    assert tot_nu_toe(r) == [("Totaal aantal uren", "geen")]
    for tekst_ in ("Nieuw totaal aantal uren", "Datum totaal aantal uren", "Bewaar", "of annuleer",
                   "Tel het aantal uren dat u nu wilt doorgeven op bij het aantal dat tot nu toe is doorgegeven",
                   "Vul de datum in tot wanneer het nieuwe totaal aantal uren geldt"):  # fmt: skip
        assert tekst_ in pagina
    r = mut.post(adres, {"aantal": "18", "datum_tot": "01-05-2024", "versie": versie(r)}, follow=True)
    assert "De uren zijn doorgegeven." in tekst(r)
    r = mut.get(adres)
    assert tot_nu_toe(r) == [("Totaal aantal uren", "18"), ("Datum totaal aantal uren", "01-05-2024")]
    # R-UR-2: the new total replaces it; "0" corrects to nothing at all.
    mut.post(adres, {"aantal": "0", "datum_tot": "15-05-2024", "versie": versie(r)})
    assert Urenstand.objects.get().aantal == 0 and Urenregistratie.objects.count() == 2
    assert "Doorgeven Participatie uren (taallesuren)" in tekst(mut.get(url("uren_doorgeven", p,
                                                                            soort="participatie-taallesuren")))  # fmt: skip
    audit = AuditEntry.objects.filter(bsn=p.bsn, object_type="wi2021.Urenstand").order_by("pk")
    assert [(a.actie, a.wijzigingen["aantal"]) for a in audit] == [
        ("aanmaken", [None, 18]),
        ("wijzigen", [18, 0]),
    ]


@vandaag
def test_s44_d17_page_three_optional_totals_one_date_empty_kinds_keep_their_total(mut, met_aanbod):
    p, i = met_aanbod()
    r = mut.get(url("uren_instelling", p))
    pagina = tekst(r)
    assert "Doorgeven uren taalles en KNM bij instelling" in pagina
    assert "Soort instelling" not in pagina  # B1-route: only Blik op Werk (R-UR-7)
    assert (
        f'<option value="{i.pk}" selected>Taalschool Noord, Groningen</option>' in pagina
    )  # the only aanbod
    assert tot_nu_toe(r) == [("Uren taalles en KNM", "geen"), ("Geoorloofd verzuim", "geen"),
                             ("Ongeoorloofd verzuim", "geen")]  # fmt: skip
    assert pagina.count("optioneel") == 3
    gegevens = {"instelling": i.pk, "getoond": i.pk, "datum_tot": "01-05-2024"}
    assert (
        mut.post(
            url("uren_instelling", p), {**gegevens, "6": "40", "9": "3", "versie": versie(r)}
        ).status_code
        == 302
    )
    r = mut.get(url("uren_instelling", p))
    assert tot_nu_toe(r) == [("Uren taalles en KNM", "40 (tot 01-05-2024)"), ("Geoorloofd verzuim", "geen"),
                             ("Ongeoorloofd verzuim", "3 (tot 01-05-2024)")]  # fmt: skip
    gegevens["datum_tot"] = "15-05-2024"
    assert mut.post(url("uren_instelling", p), {**gegevens, "8": "2", "versie": versie(r)}).status_code == 302
    standen = {st.soort: (st.aantal, st.datum_tot) for st in Urenstand.objects.all()}
    assert standen == {"6": (40, date(2024, 5, 1)), "8": (2, date(2024, 5, 15)), "9": (3, date(2024, 5, 1))}


@vandaag
def test_s44_toon_and_bewaar_for_an_instelling_not_shown_yet(mut, met_aanbod, instelling, aanbod, groningen):
    p, eerste = met_aanbod()
    tweede = instelling("Tweede School")
    aanbod(p, tweede, groningen)
    Urenstand.objects.create(plicht=p.wi2021_plichten.get(), gemeente=groningen, soort="6", instelling=tweede,
                             aantal=18, datum_tot=date(2024, 4, 1), geregistreerd_op=NU)  # fmt: skip
    r = mut.get(url("uren_instelling", p))
    assert '<option value="" selected>Kies een instelling</option>' in tekst(
        r
    )  # two aanbiedingen: no choice yet
    # "Toon" saves nothing and shows the chosen instelling's totals, keeping what was typed.
    r = mut.post(url("uren_instelling", p), {"instelling": tweede.pk, "getoond": "", "6": "53",
                                              "datum_tot": "01-05-2024", "versie": versie(r), "toon": "1"})  # fmt: skip
    assert tot_nu_toe(r)[0] == ("Uren taalles en KNM", "18 (tot 01-04-2024)") and 'value="53"' in tekst(r)
    # Bewaar for another instelling than shown: first show its totals, save nothing.
    r = mut.post(url("uren_instelling", p), {"instelling": eerste.pk, "getoond": tweede.pk, "6": "53",
                                              "datum_tot": "01-05-2024", "versie": versie(r)})  # fmt: skip
    assert (
        "Controleer hieronder wat tot nu toe is doorgegeven voor deze instelling en bewaar opnieuw."
        in tekst(r)
    )
    assert tot_nu_toe(r)[0] == ("Uren taalles en KNM", "geen")
    assert Urenstand.objects.count() == 1
    r = mut.post(url("uren_instelling", p), {"instelling": eerste.pk, "getoond": eerste.pk, "6": "53",
                                              "datum_tot": "01-05-2024", "versie": versie(r)})  # fmt: skip
    assert r.status_code == 302 and Urenstand.objects.get(instelling=eerste).aantal == 53


@vandaag
def test_s44_soort_instelling_only_for_the_onderwijsroute(mut, met_aanbod, instelling, aanbod, groningen):
    p, bow = met_aanbod(leerroute="O")
    schakel = instelling("Schakelschool", soort="taalschakel")
    aanbod(p, schakel, groningen)
    r = mut.get(url("uren_instelling", p))
    assert "Soort instelling" in tekst(r)
    assert "Blik-op-Werk instelling" in tekst(r) and "Taalschakeltrajectinstelling" in tekst(r)
    post = {"instelling": schakel.pk, "getoond": schakel.pk, "6": "5", "datum_tot": "01-05-2024",
            "versie": versie(r)}  # fmt: skip
    r = mut.post(
        url("uren_instelling", p), {**post, "soort_instelling": "bow"}
    )  # a soort that does not match
    assert fouten(r) == ["FS 646 Geen geldige instelling opgegeven"]
    assert mut.post(url("uren_instelling", p), {**post, "soort_instelling": "taalschakel"}).status_code == 302


@vandaag
def test_read_role_is_refused_on_every_uren_post(login, raadpleger, met_aanbod):
    p, i = met_aanbod()
    client = login(raadpleger)
    for adres in (url("uren_doorgeven", p, soort="participatie"), url("uren_instelling", p)):
        post = {"aantal": "5", "6": "5", "instelling": i.pk, "getoond": i.pk, "datum_tot": "01-05-2024",
                "versie": "geen/geen/geen"}  # fmt: skip
        assert client.post(adres, post).status_code == 403, adres
        assert client.get(adres).status_code == 403, adres
    assert not Urenstand.objects.exists()


@vandaag
def test_another_gemeentes_person_is_404_on_every_uren_url(mut, persoon_met_pip, almere):
    p = persoon_met_pip(persoon={"woongemeente": almere})
    for adres in (url("uren_doorgeven", p, soort="participatie"), url("uren_doorgeven", p, soort="onbekend"),
                  url("uren_instelling", p)):  # fmt: skip
        assert mut.get(adres).status_code == 404, adres
        assert mut.post(adres, {"aantal": "5", "datum_tot": "01-05-2024"}).status_code == 404, adres
    assert not Urenstand.objects.exists()


@vandaag
def test_two_simultaneous_saves_of_one_running_total_the_second_gets_the_dutch_message(mut, persoon_met_pip):
    p = persoon_met_pip()
    adres = url("uren_doorgeven", p, soort="participatie")
    eerste, tweede = mut.get(adres), mut.get(adres)  # both show "geen"
    assert (
        mut.post(adres, {"aantal": "18", "datum_tot": "01-05-2024", "versie": versie(eerste)}).status_code
        == 302
    )
    r = mut.post(adres, {"aantal": "35", "datum_tot": "02-05-2024", "versie": versie(tweede)})
    assert fouten(r)[0].startswith(VEROUDERD) and 'value="35"' in tekst(r)
    assert tot_nu_toe(r)[0] == ("Totaal aantal uren", "18")  # what the other one saved
    assert Urenstand.objects.get().aantal == 18
    r = mut.post(adres, {"aantal": "53", "datum_tot": "02-05-2024", "versie": versie(r)})
    assert r.status_code == 302 and Urenstand.objects.get().aantal == 53


@vandaag
def test_two_simultaneous_saves_at_one_instelling_the_second_gets_the_dutch_message(mut, met_aanbod):
    p, i = met_aanbod()
    eerste, tweede = mut.get(url("uren_instelling", p)), mut.get(url("uren_instelling", p))
    post = {"instelling": i.pk, "getoond": i.pk, "datum_tot": "01-05-2024"}
    assert (
        mut.post(url("uren_instelling", p), {**post, "8": "2", "versie": versie(eerste)}).status_code == 302
    )
    r = mut.post(url("uren_instelling", p), {**post, "6": "10", "versie": versie(tweede)})
    assert fouten(r)[0].startswith(VEROUDERD)
    assert tot_nu_toe(r)[1] == ("Geoorloofd verzuim", "2 (tot 01-05-2024)")
    assert list(Urenstand.objects.values_list("soort", flat=True)) == ["8"]


@pytest.mark.parametrize(("dag", "mag"), [(7, True), (8, False)])
def test_d03_r_ur_10_old_gemeente_reports_uren_for_28_days_after_the_new_pip(mut, plicht, pip, groningen, almere,
                                                                             dag, mag):  # fmt: skip
    p = plicht()
    _verhuisd(p.persoon, pip(p), groningen, almere, herbevestigd=datetime(2024, 5, 10, 9, tzinfo=AMS))
    with time_machine.travel(datetime(2024, 6, dag, 10, tzinfo=AMS), tick=False):
        adres = url("uren_doorgeven", p.persoon, soort="participatie")
        r = mut.post(adres, {"aantal": "40", "datum_tot": "30-04-2024", "versie": "geen"})
        if mag:
            assert r.status_code == 302 and Urenstand.objects.get().gemeente == groningen
        else:
            assert r.status_code == 404
            assert weigering(r) == "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"


@vandaag
def test_d31_running_totals_per_gemeente_after_a_move(login, mut, plicht, pip, groningen, almere):
    """Groningen reported 18 participatie-uren until 01-05; after the move Almere re-established the PIP: its
    "Tot nu toe doorgegeven" is its own (geen), FS 666 compares only with its own registrations, and B-10 shows
    a row per gemeente."""
    p = plicht()
    pip_ = pip(p)
    assert mut.post(url("uren_doorgeven", p.persoon, soort="participatie"),
                    {"aantal": "18", "datum_tot": "01-05-2024", "versie": "geen"}).status_code == 302  # fmt: skip
    _verhuisd(p.persoon, pip_, groningen, almere, herbevestigd=datetime(2024, 5, 10, 9, tzinfo=AMS))
    client = login(UserFactory(username="almere", rollen={almere: ["WI2021", "WI2021MUT"]}))
    adres = url("uren_doorgeven", p.persoon, soort="participatie")
    r = client.get(adres)
    assert tot_nu_toe(r) == [("Totaal aantal uren", "geen")]
    assert (
        client.post(adres, {"aantal": "5", "datum_tot": "20-04-2024", "versie": versie(r)}).status_code == 302
    )
    standen = sorted((st.gemeente.naam, st.aantal, st.datum_tot) for st in Urenstand.objects.all())
    assert standen == [("Almere", 5, date(2024, 4, 20)), ("Groningen", 18, date(2024, 5, 1))]
    v = regels.voortgang(regels.situatie(p.persoon, almere))
    html = render_to_string(
        "wi2021/_blok_b10_uren.html", {"b10": uren_blok(v, mag_muteren=True), "persoon": p.persoon}
    )
    rijen = re.findall(r'<th class="utrecht-table__cell" scope="row">Participatie uren</th>\s*'
                       r'<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>(.*?)</td>',
                       html)  # fmt: skip
    assert [r_[:3] for r_ in rijen] == [("20-04-2024", "5", "Almere"), ("01-05-2024", "18", "Groningen")]
    assert "Geef door" in rijen[0][3] and "Geef door" not in rijen[1][3]  # one link per kind


@vandaag
def test_b10_partial_totals_exclude_ongeoorloofd_verzuim_and_texts(
    persoon_met_pip, instelling, groningen, almere
):
    p = persoon_met_pip()
    plicht = p.wi2021_plichten.get()
    v = regels.voortgang(regels.situatie(p, groningen))
    html = render_to_string(
        "wi2021/_blok_b10_uren.html", {"b10": uren_blok(v, mag_muteren=True), "persoon": p}
    )
    assert "LET OP" in html and "Er zijn nog geen uren taalles en KNM doorgegeven." in html
    assert "+ Uren taalles en KNM bij instelling doorgeven" in html
    assert html.count(">Geef door<") == 3
    i, j = instelling(), instelling("Tweede School")
    for inst, gemeente, soort, aantal in ((i, groningen, "6", 40), (i, groningen, "8", 2), (i, groningen, "9", 5),
                                          (j, almere, "6", 10)):  # fmt: skip
        Urenstand.objects.create(plicht=plicht, gemeente=gemeente, soort=soort, instelling=inst, aantal=aantal,
                                 datum_tot=date(2024, 5, 1), geregistreerd_op=NU)  # fmt: skip
    html = render_to_string(
        "wi2021/_blok_b10_uren.html", {"b10": uren_blok(v, mag_muteren=False), "persoon": p}
    )
    assert re.search(r'>Taalschool Noord, Groningen</th>\s*<td[^>]*>01-05-2024</td>\s*<td[^>]*>40</td>\s*'
                     r'<td[^>]*>2</td>\s*<td[^>]*>5</td>\s*<td[^>]*>42</td>\s*<td[^>]*>Groningen</td>', html)  # fmt: skip
    assert re.search(r'id="uren-totaal">52<', html)  # 40 + 2 + 10; fn 32: without ongeoorloofd verzuim
    assert "Geef door" not in html and "+ Uren taalles" not in html  # read role
    gezin = persoon_met_pip(doelgroep="gezin")
    v = regels.voortgang(regels.situatie(gezin, groningen))
    html = render_to_string(
        "wi2021/_blok_b10_uren.html", {"b10": uren_blok(v, mag_muteren=True), "persoon": gezin}
    )
    assert "kunt u geen uren taalles en KNM doorgeven." in html and "+ Uren taalles" not in html


@vandaag
@pytest.mark.parametrize("aantal", [1, 25])
def test_b10_and_the_forms_cost_a_fixed_number_of_queries(mut, met_aanbod, groningen, aantal,
                                                          django_assert_max_num_queries):  # fmt: skip
    p, i = met_aanbod()
    plicht = p.wi2021_plichten.get()
    for n in range(aantal):
        stand = Urenstand.objects.create(plicht=plicht, gemeente=groningen, soort="6", instelling=i, aantal=n,
                                         datum_tot=date(2024, 5, 1), geregistreerd_op=NU)  # fmt: skip
        Urenregistratie.objects.create(stand=stand, aantal=n, datum_tot=date(2024, 5, 1), geregistreerd_op=NU,
                                       gebruiker="t")  # fmt: skip
        stand.delete() if n < aantal - 1 else None
    v = regels.voortgang(regels.situatie(p, groningen))
    with django_assert_max_num_queries(1):
        render_to_string("wi2021/_blok_b10_uren.html", {"b10": uren_blok(v, mag_muteren=True), "persoon": p})
    with django_assert_max_num_queries(20):
        assert mut.get(url("uren_instelling", p)).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_first_registration_of_a_running_total_is_checked_under_the_row_lock(plicht, pip, groningen):
    """PostgreSQL: two caseworkers both saw "geen"; the second save waits for the first one's plicht lock and
    then gets the outdated-form message instead of a second running total (or a unique-constraint error)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    p = plicht()
    pip(p)
    medewerker = UserFactory(username="anna", rollen={groningen: ["WI2021MUT"]})
    uitkomst = {}

    def bewaar(aantal):
        return services_uren.uren_doorgeven(actor=medewerker, gemeente=groningen, persoon=p.persoon, soort="2",
                                            aantal=aantal, datum_tot=date(2024, 5, 1), versie="geen")  # fmt: skip

    def bram():
        try:
            bewaar(35)
        except ValidationError as fout:
            uitkomst["fout"] = fout.code
        finally:
            close_old_connections()
            connection.close()

    with time_machine.travel(NU, tick=False), transaction.atomic():
        bewaar(18)
        draad = threading.Thread(target=bram)
        draad.start()
        with connection.cursor() as cursor:  # wait until Bram is blocked on Anna's lock
            for _ in range(1000):
                cursor.execute("SELECT pg_stat_clear_snapshot()")
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                if cursor.fetchone()[0]:
                    break
                draad.join(0.01)
            else:
                pytest.fail("the second save never waited for the row lock")
    draad.join(10)
    assert uitkomst == {"fout": "verouderd"}
    assert list(Urenstand.objects.values_list("aantal", flat=True)) == [18]
