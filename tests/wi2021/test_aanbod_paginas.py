"""Issue 11 "Wi2021 (2/3)" deliverable 1: the Inburgeringsaanbod pages S-32…S-36 and block B-8 on top of
`wi2021.services_aanbod`: labels of the manual, rendered §4.2 texts next to their fields with the input
kept, the D-07 confirmation, optimistic locking, the D-22 texts, access (read role, another gemeente, the
old gemeente's window) and a constant number of queries."""

import html
import re
from datetime import date, datetime

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

import pytest
import time_machine

from inburgering.models import AuditEntry, Persoon, Verhuizing
from inburgering.services import persoon_wijzigen
from inburgering.versie import VEROUDERD
from tests.factories import UserFactory
from wi2021 import regels, selectors_aanbod, services, services_aanbod
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau, SoortInstelling
from wi2021.models import AanbodStatus, Inburgeringsaanbod

from .aanbod_data import AMS, aanbod, instelling

pytestmark = pytest.mark.django_db
NU = datetime(2024, 6, 1, 10, 0, tzinfo=AMS)
vandaag = time_machine.travel(NU, tick=False)


def url(naam, persoon, aanbod_=None):
    kwargs = {"persoon": persoon.pk} | (
        {"aanbod": aanbod_.pk if hasattr(aanbod_, "pk") else aanbod_} if aanbod_ else {}
    )
    return reverse(f"wi2021:{naam}", kwargs=kwargs)


def tekst(response) -> str:
    return html.unescape(response.content.decode())


def veldfout(response, veld: str) -> str:
    gevonden = re.search(rf'id="id_{veld}_error">([^<]*)<', tekst(response))
    return gevonden.group(1) if gevonden else ""


def waarde(response, veld: str) -> str:
    gevonden = re.search(rf'<input[^>]*name="{veld}"[^>]*value="([^"]*)"', tekst(response))
    return gevonden.group(1) if gevonden else ""


def opties(response, veld: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{veld}".*?</select>', tekst(response), re.S).group(0)
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<]*)</option>", select)


def versie(response) -> str:
    return re.search(r'name="versie"(?: value="([^"]*)")?', tekst(response)).group(1) or ""


@pytest.fixture
def mut(login, medewerker):
    return login(medewerker)


@pytest.fixture
def persoon(plicht, pip):
    """An asielstatushouder of Groningen with an initial PIP (dagtekening 01-04-2024, B1-route)."""
    p = plicht()
    pip(p)
    return p


FORMULIER = {"datum_inschrijving": "15-04-2024", "datum_start": "01-05-2024", "datum_einde": "",
             "alfabetisering": Alfabetisering.NVT}  # fmt: skip


# --- S-32 ------------------------------------------------------------------------------------------------


@vandaag
def test_s32_lists_the_aanbiedingen_with_the_manuals_columns_and_actions(mut, persoon, groningen):
    a = aanbod(
        persoon,
        groningen,
        instelling("Cursusinstelling12345678912345678912345A"),
        datum_start=date(2024, 7, 22),
    )
    r = mut.get(url("aanbod", persoon.persoon))
    pagina = tekst(r)
    assert r.status_code == 200 and '<h1 class="utrecht-heading-1">Inburgeringsaanbod</h1>' in pagina
    assert persoon.persoon.bsn in pagina and "Geboortedatum" in pagina
    koppen = re.findall(r'<th class="utrecht-table__header-cell" scope="col"\s*>\s*([^<]*?)\s*</th>', pagina)
    assert koppen[:6] == [
        "Instelling",
        "Datum inschrijving",
        "Datum start",
        "Datum einde",
        "Alfabetisering",
        "Gemeente",
    ]
    assert "Cursusinstelling12345678912345678912345A, Groningen" in pagina
    assert "15-04-2024" in pagina and "22-07-2024" in pagina and "Niet van toepassing" in pagina
    assert ">Voeg inburgeringsaanbod toe</a>" in pagina
    assert f'href="{url("aanbod_wijzigen", persoon.persoon, a)}">Wijzig</a>' in pagina
    assert f'href="{url("aanbod_intrekken", persoon.persoon, a)}">Verwijder</a>' in pagina
    assert ">Historie</a>" not in pagina  # R-AB-13: no history yet
    assert AuditEntry.objects.filter(omschrijving="WI2021 Inburgeringsaanbod (overzicht)").exists()


@vandaag
def test_s32_read_role_sees_the_aanbiedingen_without_buttons(login, raadpleger, persoon, groningen):
    aanbod(persoon, groningen)
    pagina = tekst(login(raadpleger).get(url("aanbod", persoon.persoon)))
    assert "Taalcentrum Noord, Groningen" in pagina
    for knop in ("Voeg inburgeringsaanbod toe", ">Wijzig<", ">Verwijder<"):
        assert knop not in pagina


@vandaag
def test_s32_d22_texts_without_aanbod_and_for_a_gezinsmigrant(mut, plicht, pip, persoon):
    pagina = tekst(mut.get(url("aanbod", persoon.persoon)))
    assert "LET OP" in pagina and "Er is voor deze persoon nog geen inburgeringsaanbod doorgegeven." in pagina
    gezin = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    pip(gezin)
    pagina = tekst(mut.get(url("aanbod", gezin.persoon)))
    assert (
        "Voor personen in de doelgroep 'Gezinsmigrant en overige migrant' kunt u geen inburgeringsaanbod doorgeven."
        in pagina
    )
    assert "Voeg inburgeringsaanbod toe" not in pagina


@vandaag
def test_s32_shows_as602_for_a_deceased_person_without_buttons(mut, plicht, pip, groningen):
    p = plicht(persoon={"datum_overlijden": date(2024, 5, 1)})
    pip(p)
    aanbod(p, groningen)
    pagina = tekst(mut.get(url("aanbod", p.persoon)))
    assert "AS 602 Persoon is volgens BRP overleden" in pagina
    assert "Voeg inburgeringsaanbod toe" not in pagina and ">Wijzig<" not in pagina


# --- S-33 ------------------------------------------------------------------------------------------------


@vandaag
def test_s33_form_has_the_manuals_fields_and_lists_active_bow_instellingen(mut, persoon):
    instelling("Taalcentrum Noord")
    instelling("Oud Instituut", actief=False)
    instelling("Schakelschool", soort=SoortInstelling.TAALSCHAKEL, plaats="Assen")
    r = mut.get(url("aanbod_toevoegen", persoon.persoon))
    pagina = tekst(r)
    assert r.status_code == 200 and "Inburgeringsaanbod toevoegen" in pagina
    assert "← Terug naar inburgeringsaanbod overzicht" in pagina
    for label in ("Datum dagtekening initiële PIP", "Datum dagtekening PIP", "Inburgeringstermijn", "Datum begin",
                  "Datum einde", "Instelling", "Datum inschrijving instelling", "Datum start opleiding",
                  "Datum einde opleiding", "Alfabetisering onderdeel van de opleiding", "Onderwijs voor analfabeet",
                  "Bewaar", "of annuleer"):  # fmt: skip
        assert label in pagina, label
    assert opties(r, "instelling") == ["Taalcentrum Noord, Groningen"]  # R-AB-4: only active BoW instellingen
    assert 'name="soort_instelling"' not in pagina  # only for the Onderwijsroute
    assert re.search(
        r'<input type="radio" name="alfabetisering" value="NVT"[^>]*checked', pagina
    )  # from the PIP


@vandaag
def test_s33_onderwijsroute_asks_soort_instelling_and_offers_both_lists(mut, plicht, pip):
    p = plicht()
    pip(p, leerroute=Leerroute.O)
    instelling("Taalcentrum Noord")
    instelling("Schakelschool", soort=SoortInstelling.TAALSCHAKEL, plaats="Assen")
    r = mut.get(url("aanbod_toevoegen", p.persoon))
    pagina = tekst(r)
    assert "Blik-op-Werk instelling" in pagina and "Taalschakeltrajectinstelling" in pagina
    assert re.search(r'<input type="radio" name="soort_instelling" value="bow"[^>]*checked', pagina)
    assert opties(r, "instelling") == ["Taalcentrum Noord, Groningen", "Schakelschool, Assen"]
    assert '<optgroup label="Taalschakeltrajectinstelling">' in pagina


@vandaag
def test_s33_bewaar_registers_the_aanbod_and_returns_to_s32(mut, persoon):
    bij = instelling()
    r = mut.post(url("aanbod_toevoegen", persoon.persoon), {**FORMULIER, "instelling": bij.pk}, follow=True)
    assert r.redirect_chain[-1][0] == url("aanbod", persoon.persoon)
    assert "Het inburgeringsaanbod is doorgegeven." in tekst(r)
    a = Inburgeringsaanbod.objects.get()
    assert (a.instelling, a.datum_inschrijving, a.datum_start, a.gemeente.code) == (
        bij, date(2024, 4, 15), date(2024, 5, 1), "0014")  # fmt: skip


@vandaag
def test_s33_errors_next_to_their_fields_with_the_input_kept(mut, persoon):
    r = mut.post(url("aanbod_toevoegen", persoon.persoon),
                 {**FORMULIER, "instelling": "", "datum_inschrijving": "31-03-2024", "datum_start": "31-02-2024",
                  "datum_einde": "01-09-2024"})  # fmt: skip
    assert r.status_code == 200
    assert (
        veldfout(r, "datum_start") == "FS 999 Datum start opleiding: Datum is ongeldig"
    )  # d15: the form first
    assert waarde(r, "datum_start") == "31-02-2024" and waarde(r, "datum_einde") == "01-09-2024"
    r = mut.post(url("aanbod_toevoegen", persoon.persoon),
                 {**FORMULIER, "instelling": "", "datum_inschrijving": "31-03-2024", "datum_start": "",
                  "datum_einde": "01-09-2024"})  # fmt: skip
    assert veldfout(r, "instelling") == "FS 646 Instelling: Geen geldige instelling opgegeven."
    assert veldfout(r, "datum_inschrijving") == (
        "FS 648 Datum inschrijving instelling: Datum inschrijving instelling ligt voor datum dagtekening initiële PIP"
    )
    assert (
        veldfout(r, "datum_einde")
        == "FS 671 Als einddatum opleiding gevuld is, moet startdatum opleiding ook gevuld zijn"
    )
    assert 'href="#id_instelling">FS 646' in tekst(r)  # the summary on top links to the field
    assert waarde(r, "datum_inschrijving") == "31-03-2024"
    r = mut.post(
        url("aanbod_toevoegen", persoon.persoon), {**FORMULIER, "instelling": "999999", "alfabetisering": ""}
    )
    assert veldfout(r, "instelling") == "FS 646 Instelling: Geen geldige instelling opgegeven."
    assert (
        veldfout(r, "alfabetisering") == "FS 999 Alfabetisering onderdeel van de opleiding: Veld is verplicht"
    )
    assert not Inburgeringsaanbod.objects.exists()


@vandaag
def test_s33_attention_then_confirmation_saves_and_audits(mut, plicht, pip):
    p = plicht()
    pip(p, leerroute=Leerroute.O)
    data = {
        **FORMULIER,
        "instelling": instelling().pk,
        "soort_instelling": "bow",
        "datum_start": "16-10-2024",
    }
    r = mut.post(url("aanbod_toevoegen", p.persoon), data)
    pagina = tekst(r)
    assert r.status_code == 200 and "LET OP" in pagina
    assert "De datum start opleiding ligt meer dan 6 maanden na de datum inschrijving instelling." in pagina
    assert '<input type="hidden" name="bevestigd" value="6-maanden">' in pagina
    assert waarde(r, "datum_start") == "16-10-2024"
    r = mut.post(url("aanbod_toevoegen", p.persoon), {**data, "bevestigd": "6-maanden"})
    assert r.status_code == 200 and veldfout(r, "bevestiging").startswith("Vink aan")
    r = mut.post(url("aanbod_toevoegen", p.persoon), {**data, "bevestigd": "6-maanden", "bevestiging": "on"})
    assert r.status_code == 302
    assert (
        "bevestigd: 6-maanden" in AuditEntry.objects.get(object_type="wi2021.Inburgeringsaanbod").omschrijving
    )


@vandaag
def test_s33_refused_without_a_pip_with_fs643(mut, plicht):
    p = plicht()
    r = mut.get(url("aanbod_toevoegen", p.persoon))
    assert "FS 643 Geen PIP voor zakenpartner" in tekst(r) and 'name="datum_inschrijving"' not in tekst(r)
    r = mut.post(url("aanbod_toevoegen", p.persoon), {**FORMULIER, "instelling": instelling().pk})
    assert "FS 643" in tekst(r) and not Inburgeringsaanbod.objects.exists()


# --- S-34 ------------------------------------------------------------------------------------------------


@vandaag
def test_s34_instelling_read_only_and_the_dates_prefilled(mut, persoon, groningen):
    a = aanbod(persoon, groningen, instelling("NCB Opleidingen BV"), datum_start=date(2024, 5, 1))
    r = mut.get(url("aanbod_wijzigen", persoon.persoon, a))
    pagina = tekst(r)
    assert (
        "Inburgeringsaanbod wijzigen" in pagina
        and "<dt>Instelling</dt><dd>NCB Opleidingen BV, Groningen</dd>" in pagina
    )
    assert 'name="instelling"' not in pagina
    assert waarde(r, "datum_inschrijving") == "15-04-2024" and waarde(r, "datum_start") == "01-05-2024"
    r = mut.post(url("aanbod_wijzigen", persoon.persoon, a),
                 {**FORMULIER, "datum_start": "06-05-2024", "versie": versie(r), "instelling": "1"}, follow=True)  # fmt: skip
    assert "Het inburgeringsaanbod is gewijzigd." in tekst(r)
    a.refresh_from_db()
    assert a.datum_start == date(2024, 5, 6) and a.instelling.naam == "NCB Opleidingen BV"
    assert f'href="{url("aanbod_historie", persoon.persoon)}">Historie</a>' in tekst(r)


@vandaag
def test_s34_two_simultaneous_saves_the_second_keeps_its_input_and_sees_the_current(mut, persoon, groningen):
    a = aanbod(persoon, groningen, datum_start=date(2024, 5, 1))
    beide = versie(mut.get(url("aanbod_wijzigen", persoon.persoon, a)))
    assert mut.post(url("aanbod_wijzigen", persoon.persoon, a),
                    {**FORMULIER, "datum_start": "02-05-2024", "versie": beide}).status_code == 302  # fmt: skip
    r = mut.post(
        url("aanbod_wijzigen", persoon.persoon, a),
        {**FORMULIER, "datum_start": "03-05-2024", "versie": beide},
    )
    pagina = tekst(r)
    assert r.status_code == 200 and VEROUDERD in pagina
    assert (
        "Actuele gegevens" in pagina and "02-05-2024" in pagina and waarde(r, "datum_start") == "03-05-2024"
    )
    a.refresh_from_db()
    assert a.datum_start == date(2024, 5, 2) and versie(r) == a.versiekenmerk
    assert mut.post(url("aanbod_wijzigen", persoon.persoon, a),
                    {**FORMULIER, "datum_start": "03-05-2024", "versie": versie(r)}).status_code == 302  # fmt: skip


# --- S-35 ------------------------------------------------------------------------------------------------


@vandaag
def test_s35_variant_a_then_verwijder_marks_it_ingetrokken(mut, persoon, groningen):
    a = aanbod(persoon, groningen)
    r = mut.get(url("aanbod_intrekken", persoon.persoon, a))
    pagina = tekst(r)
    assert "Weet u zeker dat u dit inburgeringsaanbod wilt verwijderen?" in pagina
    assert ">Verwijder</button>" in pagina and "of annuleer" in pagina
    getoond = versie(r)
    r = mut.post(url("aanbod_intrekken", persoon.persoon, a), {"versie": getoond}, follow=True)
    assert r.redirect_chain[-1][0] == url("aanbod", persoon.persoon)
    assert "Het inburgeringsaanbod is verwijderd." in tekst(r)
    assert Inburgeringsaanbod.objects.get().status == AanbodStatus.INGETROKKEN
    # The same confirmation submitted twice (another tab): e10, nothing happens.
    r = mut.post(url("aanbod_intrekken", persoon.persoon, a), {"versie": getoond})
    assert f"FS 999 Geen aanbod voor zakenpartner {persoon.persoon.bsn}" in tekst(r)


@pytest.fixture
def uren():
    verwijderd: list[int] = []
    koppeling = selectors_aanbod.UrenKoppeling(
        gekoppeld=lambda aanbiedingen: {a.pk for a in aanbiedingen},
        verwijderen=lambda *, actor, aanbod: verwijderd.append(aanbod.pk),
    )
    selectors_aanbod.registreer_uren(koppeling)
    yield verwijderd
    selectors_aanbod._UREN.remove(koppeling)


@vandaag
def test_s35_variant_b_with_uren_taalles_en_knm_deletes_both(mut, persoon, groningen, uren):
    a = aanbod(persoon, groningen)
    r = mut.get(url("aanbod_intrekken", persoon.persoon, a))
    assert (
        "Weet u zeker dat u dit inburgeringsaanbod (en daarmee ook de gekoppelde uren taalles en KNM) wilt verwijderen?"
        in tekst(r)
    )
    mut.post(url("aanbod_intrekken", persoon.persoon, a), {"versie": versie(r)})
    assert uren == [a.pk]


@vandaag
def test_s35_e11_after_30_months_no_verwijder(mut, plicht, pip, groningen):
    p = plicht(
        datum_start=date(2022, 1, 1), termijn_start=date(2021, 11, 30), termijn_einde=date(2024, 11, 29)
    )
    pip(p, definitief=True, dagtekening=date(2022, 1, 1))
    a = aanbod(p, groningen, datum_inschrijving=date(2022, 1, 10))
    assert ">Verwijder</a>" not in tekst(mut.get(url("aanbod", p.persoon)))
    r = mut.get(url("aanbod_intrekken", p.persoon, a))
    assert "FS 999 Intrekken aanbod mag niet later dan 2,5 jaar na de start termijn" in tekst(r)
    r = mut.post(url("aanbod_intrekken", p.persoon, a), {"versie": a.versiekenmerk})
    assert "FS 999 Intrekken aanbod mag niet later dan 2,5 jaar" in tekst(r)
    assert Inburgeringsaanbod.objects.get().status == AanbodStatus.ACTUEEL


@vandaag
def test_s30_pip_delete_asks_variant_b_and_withdraws_the_aanbiedingen(mut, plicht, pip, groningen):
    p = plicht()
    bestaand = pip(p, geregistreerd=datetime(2024, 5, 25, 9, tzinfo=AMS))
    aanbod(p, groningen)
    r = mut.get(url("pip_verwijderen", p.persoon))
    assert "Weet u zeker dat u dit PIP (en daarmee ook de inburgeringsaanbiedingen en eventueel daaraan gekoppelde " \
           "deelgenomen uren) wilt verwijderen?" in tekst(r)  # fmt: skip
    mut.post(url("pip_verwijderen", p.persoon), {"versie": bestaand.versiekenmerk})
    assert Inburgeringsaanbod.objects.get().status == AanbodStatus.INGETROKKEN


# --- S-36 ------------------------------------------------------------------------------------------------


@vandaag
def test_s36_history_on_datum_inschrijving_most_recent_first(mut, persoon, groningen, medewerker):
    oud = aanbod(persoon, groningen, instelling("Eerste"), datum_inschrijving=date(2024, 4, 10))
    nieuw = aanbod(persoon, groningen, instelling("Tweede"), datum_inschrijving=date(2024, 5, 1))
    for a, start in ((oud, date(2024, 4, 20)), (nieuw, date(2024, 5, 20))):
        services_aanbod.aanbod_wijzigen(actor=medewerker, gemeente=groningen, persoon=persoon.persoon, aanbod=a.pk,
                                        versie=a.versiekenmerk,
                                        data={"datum_inschrijving": a.datum_inschrijving, "datum_start": start,
                                              "alfabetisering": Alfabetisering.NVT})  # fmt: skip
    r = mut.get(url("aanbod_historie", persoon.persoon))
    pagina = tekst(r)
    assert r.status_code == 200 and "Inburgeringsaanbod historie" in pagina
    assert pagina.index("Tweede, Groningen") < pagina.index("Eerste, Groningen")
    assert pagina.count("Gewijzigd op 01-06-2024") == 2
    assert ">Wijzig<" not in pagina and ">Verwijder<" not in pagina


# --- B-8 -------------------------------------------------------------------------------------------------


def _blok(persoon, gemeente, user, mag_muteren):
    s = regels.situatie(Persoon.objects.get(pk=persoon.pk), gemeente)
    request = RequestFactory().get("/")
    request.user = user
    return html.unescape(
        render_to_string(
            "wi2021/_blok_b8_aanbod.html",
            {"b8": selectors_aanbod.aanbod_blok(s, mag_muteren=mag_muteren)},
            request,
        )  # fmt: skip
    )


@vandaag
def test_b8_block_links_from_the_rules_and_d22_texts(plicht, pip, persoon, groningen, medewerker, raadpleger):
    blok = _blok(persoon.persoon, groningen, medewerker, True)
    assert "Er is voor deze persoon nog geen inburgeringsaanbod doorgegeven." in blok
    assert f'href="{url("aanbod", persoon.persoon)}">Geef door</a>' in blok and ">Wijzig<" not in blok
    a = aanbod(
        persoon,
        groningen,
        instelling("Cursusinstelling12345678912345678912345A"),
        datum_start=date(2024, 7, 22),
    )
    blok = _blok(persoon.persoon, groningen, medewerker, True)
    assert "Cursusinstelling12345678912345678912345A, Groningen" in blok and "22-07-2024" in blok
    assert f'href="{url("aanbod", persoon.persoon)}">Wijzig</a>' in blok and "Geef door" not in blok
    assert ">Historie<" not in blok and ">Verwijder<" not in blok  # the row actions are on S-32
    leesblok = _blok(persoon.persoon, groningen, raadpleger, False)
    assert ">Wijzig<" not in leesblok and "Cursusinstelling" in leesblok
    Inburgeringsaanbod.objects.filter(pk=a.pk).update(
        status=AanbodStatus.INGETROKKEN, ingetrokken_op=date(2024, 6, 1)
    )
    assert ">Historie</a>" in _blok(persoon.persoon, groningen, raadpleger, False)
    gezin = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    pip(gezin)
    blok = _blok(gezin.persoon, groningen, medewerker, True)
    assert "kunt u geen inburgeringsaanbod doorgeven." in blok and "Geef door" not in blok


# --- access --------------------------------------------------------------------------------------------------


def _alle_urls(persoon, a):
    return [url("aanbod", persoon), url("aanbod_toevoegen", persoon), url("aanbod_wijzigen", persoon, a),
            url("aanbod_intrekken", persoon, a), url("aanbod_historie", persoon)]  # fmt: skip


@vandaag
def test_read_role_refused_on_every_post_and_on_the_forms(login, raadpleger, persoon, groningen):
    a = aanbod(persoon, groningen)
    client = login(raadpleger)
    for adres in _alle_urls(persoon.persoon, a):
        assert (
            client.post(
                adres, {**FORMULIER, "instelling": a.instelling_id, "versie": a.versiekenmerk}
            ).status_code
            == 403
        ), adres
    for adres in _alle_urls(persoon.persoon, a)[1:4]:
        assert client.get(adres).status_code == 403, adres
    for adres in (url("aanbod", persoon.persoon), url("aanbod_historie", persoon.persoon)):
        assert client.get(adres).status_code == 200, adres
    a.refresh_from_db()
    assert a.status == AanbodStatus.ACTUEEL and a.versie == 1 and Inburgeringsaanbod.objects.count() == 1


@vandaag
def test_another_gemeentes_person_is_404_on_every_url(mut, plicht, pip, almere):
    p = plicht(persoon={"woongemeente": almere})
    pip(p, gemeente=almere)
    a = aanbod(p, almere)
    for adres in _alle_urls(p.persoon, a):
        r = mut.get(adres)
        assert r.status_code == 404 and "FS 617" in tekst(r), adres
        assert (
            mut.post(
                adres, {**FORMULIER, "instelling": a.instelling_id, "versie": a.versiekenmerk}
            ).status_code
            == 404
        )
    a.refresh_from_db()
    assert a.status == AanbodStatus.ACTUEEL and Inburgeringsaanbod.objects.count() == 1


@vandaag
def test_an_aanbod_of_another_person_is_not_found_for_this_one(mut, persoon, plicht, pip, groningen):
    ander = plicht()
    pip(ander)
    vreemd = aanbod(ander, groningen)
    r = mut.get(url("aanbod_wijzigen", persoon.persoon, vreemd))
    assert f"FS 999 Geen aanbod voor zakenpartner {persoon.persoon.bsn}" in tekst(
        r
    ) and ander.persoon.bsn not in tekst(r)
    mut.post(url("aanbod_intrekken", persoon.persoon, vreemd), {"versie": vreemd.versiekenmerk})
    assert Inburgeringsaanbod.objects.get().status == AanbodStatus.ACTUEEL


def _verhuisd(plicht, pip, groningen, almere):
    p = plicht()
    bestaand = pip(p, definitief=True)
    eigen = aanbod(p, groningen)
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 5, 1)}
    )
    with time_machine.travel(datetime(2024, 5, 4, 11, tzinfo=AMS), tick=False):
        services.pip_wijzigen(actor=UserFactory(username="almere", rollen={almere: ["WI2021MUT"]}), gemeente=almere,
                              persoon=p.persoon, versie=bestaand.versiekenmerk,
                              data={"dagtekening": date(2024, 5, 3), "leerroute": Leerroute.B1, "niveau": Niveau.B1,
                                    "alfabetisering": Alfabetisering.NVT, "geschatte_uren": 600})  # fmt: skip
    return p, eigen


@pytest.mark.parametrize(("moment", "binnen"), [
    (datetime(2024, 6, 1, 12, tzinfo=AMS), True),  # the new PIP's registration (04-05) + 28 days
    (datetime(2024, 6, 2, 12, tzinfo=AMS), False),
])  # fmt: skip
def test_old_gemeente_window_on_both_sides_of_the_pages(mut, plicht, pip, groningen, almere, moment, binnen):
    p, eigen = _verhuisd(plicht, pip, groningen, almere)
    assert Verhuizing.objects.filter(persoon=p.persoon, van_gemeente=groningen).exists()
    with time_machine.travel(moment, tick=False):
        overzicht = mut.get(url("aanbod", p.persoon))
        wijzigen = mut.get(url("aanbod_wijzigen", p.persoon, eigen))
        toevoegen = mut.get(url("aanbod_toevoegen", p.persoon))
    if binnen:
        assert overzicht.status_code == 200 and wijzigen.status_code == 200
        assert ">Wijzig</a>" in tekst(overzicht) and ">Verwijder</a>" in tekst(overzicht)
        assert "Voeg inburgeringsaanbod toe" not in tekst(overzicht)  # R-ACC-6
        assert toevoegen.status_code == 403 and "FS 617" in tekst(toevoegen)
    else:
        assert overzicht.status_code == wijzigen.status_code == toevoegen.status_code == 404


@vandaag
def test_s32_and_s36_use_a_constant_number_of_queries(
    mut, persoon, groningen, medewerker, django_assert_max_num_queries
):
    def maak(n):
        for i in range(n):
            a = aanbod(
                persoon, groningen, instelling(f"Instelling {i}"), datum_inschrijving=date(2024, 4, 10 + i)
            )
            services_aanbod.aanbod_wijzigen(actor=medewerker, gemeente=groningen, persoon=persoon.persoon, aanbod=a.pk,
                                            versie=a.versiekenmerk,
                                            data={"datum_inschrijving": a.datum_inschrijving, "datum_start": date(2024, 5, 1),
                                                  "alfabetisering": Alfabetisering.NVT})  # fmt: skip

    maak(1)
    for naam in ("aanbod", "aanbod_historie"):
        with django_assert_max_num_queries(13):
            assert mut.get(url(naam, persoon.persoon)).status_code == 200
    maak(12)
    for naam in ("aanbod", "aanbod_historie"):
        with django_assert_max_num_queries(13):
            assert mut.get(url(naam, persoon.persoon)).status_code == 200
