"""Issue 10 "Wi2021 (1/3)" item 5: the PIP wizard (S-24…S-29) and the delete confirmation (S-30) on top of
`wi2021.services`: state kept between steps, per-step checks with the rendered §4.2 texts next to the
fields, D-07 confirmations recorded in the audit trail, optimistic locking, and access."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms as forms_module
from django.urls import reverse

import pytest
import time_machine

from inburgering.models import AuditEntry, Verhuizing
from inburgering.versie import VEROUDERD
from tests.factories import UserFactory
from wi2021 import services
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau
from wi2021.models import Pip

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2024, 6, 1, 10, 0, tzinfo=AMS)
vandaag = time_machine.travel(NU, tick=False)

STAP1 = {"dagtekening": "20-05-2024", "leerroute": Leerroute.B1, "alfabetisering": Alfabetisering.NVT}
STAP2 = {"niveau": Niveau.B1, "geschatte_uren": "600", "toestemming_nvo": "on"}


def url(naam, persoon, stap=None):
    kwargs = {"persoon": persoon.pk} | ({"stap": stap} if stap else {})
    return reverse(f"wi2021:{naam}", kwargs=kwargs)


def tekst(response) -> str:
    return html.unescape(response.content.decode())


def veldfout(response, veld: str) -> str:
    """The error message rendered next to a field (the element the input's aria-describedby names)."""
    gevonden = re.search(rf'id="id_{veld}_error">([^<]*)<', tekst(response))
    return gevonden.group(1) if gevonden else ""


def opties(response, veld: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{veld}".*?</select>', tekst(response), re.S).group(0)
    return re.findall(r'<option value="(\w*)"', select)


def waarde(response, veld: str) -> str:
    gevonden = re.search(rf'<input[^>]*name="{veld}"[^>]*value="([^"]*)"', tekst(response))
    return gevonden.group(1) if gevonden else ""


@pytest.fixture
def mut(login, medewerker):
    return login(medewerker)


def bewaar(client, persoon, naam="pip_wijzigen", **kwargs):
    """Press "Bewaar" as the browser does: with the version the page carries."""
    pagina = tekst(client.get(url(naam, persoon, 3)))
    versie = re.search(r'name="versie"(?: value="([^"]*)")?', pagina).group(1) or ""
    return client.post(url(naam, persoon, 3), {"versie": versie}, **kwargs)


def doorlopen(client, persoon, stap1=None, stap2=None, naam="pip_doorgeven"):
    """Steps 1 and 2 accepted; returns the step-2 response (a redirect to step 3)."""
    r1 = client.post(url(naam, persoon, 1), stap1 or STAP1)
    assert r1.status_code == 302 and r1.url == url(naam, persoon, 2), veldfout(r1, "dagtekening") or tekst(r1)
    r2 = client.post(url(naam, persoon, 2), stap2 or STAP2)
    assert r2.status_code == 302 and r2.url == url(naam, persoon, 3), tekst(r2)
    return r2


@vandaag
def test_item5_doorgeven_full_journey_through_three_steps(mut, plicht):
    p = plicht().persoon
    r = mut.get(url("pip_doorgeven", p, 1))
    assert r.status_code == 200 and "Stap 1 van 3" in tekst(r)
    for label in ("Datum dagtekening PIP", "Leerroute", "Zelfredzaamheidsroute (Z-route)", "Onderwijsroute (O-route)",
                  "Onderwijs voor anders-analfabeet", "onderwijs bevat geen alfabetisering", "Verder", "of terug"):  # fmt: skip
        assert label in tekst(r)
    mut.post(url("pip_doorgeven", p, 1), STAP1)
    r = mut.get(url("pip_doorgeven", p, 2))
    pagina = tekst(r)
    assert "Stap 2 van 3" in pagina and "Geschatte uren intensiteit in de opleiding" in pagina
    assert opties(r, "niveau") == ["B1"]  # D-10: the B1-route offers B1 only
    assert "Aangepaste uren belastbaarheid" not in pagina
    assert "Toestemming niet-vrijstellende opleiding" in pagina and "Entreeopleiding MBO niveau 1" in pagina
    assert (
        "Ik geef de inburgeringsplichtige toestemming voor het starten met of voortzetten van een niet-vrijstellende opleiding."
        in pagina
    )
    mut.post(url("pip_doorgeven", p, 2), STAP2)
    r = mut.get(url("pip_doorgeven", p, 3))
    pagina = tekst(r)
    assert "Stap 3 van 3" in pagina and "Bewaar" in pagina
    for getoond in ("20-05-2024", "B1-route", "Niet van toepassing", "600", "Ja"):
        assert getoond in pagina
    r = mut.post(url("pip_doorgeven", p, 3), {}, follow=True)
    assert r.redirect_chain[-1][0] == url("overzicht", p)
    assert "TER INFORMATIE" in tekst(r) and "PIP gemeld bij DUO." in tekst(r)
    assert "DUO hanteert hiervoor een termijn van 2 weken" in tekst(r)
    pip = Pip.objects.get(plicht__persoon=p)
    assert (pip.dagtekening, pip.leerroute, pip.niveau, pip.geschatte_uren, pip.toestemming_nvo) == (
        date(2024, 5, 20), Leerroute.B1, Niveau.B1, 600, True)  # fmt: skip
    # The wizard's state is gone: a second run would start empty (and is refused: the PIP exists).
    assert not [k for k, _ in mut.session.items() if k.startswith("wi2021:pip:")]


@vandaag
def test_item5_back_keeps_the_input_of_both_steps(mut, plicht):
    p = plicht().persoon
    mut.post(url("pip_doorgeven", p, 1), STAP1)
    r = mut.post(url("pip_doorgeven", p, 2), {**STAP2, "geschatte_uren": "123", "vorige": "1"})
    assert r.status_code == 302 and r.url == url("pip_doorgeven", p, 1)
    r = mut.get(url("pip_doorgeven", p, 1))
    assert waarde(r, "dagtekening") == "20-05-2024"
    assert '<option value="B1" selected>' in tekst(r)
    assert re.search(r'<input type="radio" name="alfabetisering" value="NVT"[^>]*checked', tekst(r))
    r = mut.get(url("pip_doorgeven", p, 2))
    assert waarde(r, "geschatte_uren") == "123"
    # Step 3 cannot be skipped to: step 2 was left without its checks.
    assert mut.get(url("pip_doorgeven", p, 3)).url == url("pip_doorgeven", p, 2)


@vandaag
def test_item5_step1_validation_shows_the_fs_text_next_to_the_field_and_keeps_input(mut, plicht):
    p = plicht().persoon
    r = mut.post(
        url("pip_doorgeven", p, 1), {"dagtekening": "31-02-2024", "leerroute": "", "alfabetisering": ""}
    )
    assert r.status_code == 200
    assert veldfout(r, "dagtekening") == "FS 999 Datum dagtekening PIP: Datum is ongeldig"
    assert waarde(r, "dagtekening") == "31-02-2024"
    assert 'aria-invalid="true"' in tekst(r) and 'aria-describedby="id_dagtekening_error"' in tekst(r)
    r = mut.post(url("pip_doorgeven", p, 1), {"dagtekening": "", "leerroute": "", "alfabetisering": ""})
    assert veldfout(r, "dagtekening") == "FS 999 Datum dagtekening PIP: Veld is verplicht"
    assert veldfout(r, "leerroute") == "FS 999 Leerroute: Veld is verplicht"
    assert veldfout(r, "alfabetisering") == "FS 999 Alfabetisering: Veld is verplicht"
    # The summary at the top links to the fields.
    assert (
        '<a class="utrecht-link" href="#id_dagtekening">FS 999 Datum dagtekening PIP: Veld is verplicht</a>'
        in tekst(r)
    )
    assert 'href="#id_alfabetisering">' in tekst(r)
    r = mut.post(url("pip_doorgeven", p, 1), {**STAP1, "dagtekening": "02-06-2024"})
    assert veldfout(r, "dagtekening") == "FS 999 Datum dagtekening PIP: Datum mag niet in toekomst liggen"
    r = mut.post(url("pip_doorgeven", p, 1), {**STAP1, "dagtekening": "29-02-2024"})
    assert veldfout(r, "dagtekening") == (
        "FS 677 Datum dagtekening PIP moet op of na startdatum inburgeringsplicht liggen."
    )
    assert '<option value="B1" selected>' in tekst(r)  # the rest of the input stays


@vandaag
def test_item5_step2_validation_shows_the_fs_text_next_to_the_field_and_keeps_input(mut, plicht):
    p = plicht().persoon
    mut.post(url("pip_doorgeven", p, 1), STAP1)
    r = mut.post(url("pip_doorgeven", p, 2), {"niveau": Niveau.B1, "geschatte_uren": ""})
    assert (
        veldfout(r, "geschatte_uren")
        == "FS 999 Geschatte uren intensiteit in de opleiding: Veld is verplicht"
    )
    r = mut.post(url("pip_doorgeven", p, 2), {"niveau": Niveau.B1, "geschatte_uren": "zeshonderd"})
    assert veldfout(r, "geschatte_uren") == "FS 999 Geschatte uren intensiteit in de opleiding: Formaatfout"
    assert waarde(r, "geschatte_uren") == "zeshonderd"
    # Z-route: niveau A2 / niet van toepassing; the participatie hours (D-15) with FS 656 above 800.
    mut.post(url("pip_doorgeven", p, 1), {**STAP1, "leerroute": Leerroute.Z})
    r = mut.get(url("pip_doorgeven", p, 2))
    assert opties(r, "niveau") == ["A2", "NVT"]
    assert "Geschatte uren intensiteit" not in tekst(r)
    r = mut.post(url("pip_doorgeven", p, 2), {"niveau": Niveau.NVT, "aangepaste_uren_participatie": "900"})
    assert veldfout(r, "aangepaste_uren_participatie") == (
        "FS 656 Aantal uren mag niet hoger zijn dan totale geschatte uren intensiteit."
    )
    r = mut.post(url("pip_doorgeven", p, 2), {"niveau": Niveau.B1})  # not offered; the matrix says FS 641
    assert veldfout(r, "niveau") == "FS 641 Niveau is niet toegestaan"


@vandaag
def test_item5_as605_attention_then_confirmation_saves_and_audits_it(mut, plicht):
    p = plicht().persoon
    mut.post(url("pip_doorgeven", p, 1), {**STAP1, "leerroute": Leerroute.Z})
    r = mut.post(url("pip_doorgeven", p, 2), {"niveau": Niveau.A2})
    pagina = tekst(r)
    assert (
        r.status_code == 200
        and "LET OP" in pagina
        and "AS 605 Niveau wijkt af van het default niveau" in pagina
    )
    assert "Ik heb de melding gelezen en wil toch doorgaan" in pagina
    assert '<input type="hidden" name="bevestigd" value="AS 605">' in pagina
    # Submitted again without the tick: still refused, with a message on the checkbox.
    r = mut.post(url("pip_doorgeven", p, 2), {"niveau": Niveau.A2, "bevestigd": "AS 605"})
    assert r.status_code == 200 and veldfout(r, "bevestiging").startswith("Vink aan")
    r = mut.post(
        url("pip_doorgeven", p, 2), {"niveau": Niveau.A2, "bevestigd": "AS 605", "bevestiging": "on"}
    )
    assert r.status_code == 302 and r.url == url("pip_doorgeven", p, 3)
    r = mut.post(url("pip_doorgeven", p, 3), {})
    assert r.status_code == 302
    assert Pip.objects.get(plicht__persoon=p).niveau == Niveau.A2
    assert "bevestigd: AS 605" in AuditEntry.objects.get(object_type="wi2021.Pip").omschrijving


@vandaag
def test_item5_thirty_day_attention_on_step1(mut, plicht):
    p = plicht().persoon
    r = mut.post(url("pip_doorgeven", p, 1), {**STAP1, "dagtekening": "01-04-2024"})
    assert "De datum dagtekening ligt meer dan 1 maand (30 dagen) in het verleden." in tekst(r)
    assert waarde(r, "dagtekening") == "01-04-2024"
    r = mut.post(url("pip_doorgeven", p, 1), {**STAP1, "dagtekening": "01-04-2024", "bevestigd": "30-dagen",
                                              "bevestiging": "on"})  # fmt: skip
    assert r.status_code == 302
    # Back to step 1 and on again without changes: the confirmation still holds.
    assert mut.post(url("pip_doorgeven", p, 1), {**STAP1, "dagtekening": "01-04-2024"}).status_code == 302
    mut.post(url("pip_doorgeven", p, 2), STAP2)
    assert mut.post(url("pip_doorgeven", p, 3), {}).status_code == 302
    assert "bevestigd: 30-dagen" in AuditEntry.objects.get(object_type="wi2021.Pip").omschrijving


@vandaag
def test_item5_as606_for_an_onderwijsroute_asielstatushouder(mut, plicht):
    p = plicht().persoon
    r = mut.post(url("pip_doorgeven", p, 1), {**STAP1, "leerroute": Leerroute.O})
    assert "AS 606 Startdatum opleiding is verplicht" in tekst(r)


@vandaag
def test_item5_wijzigen_inside_the_window_edits_the_initial_dagtekening(mut, plicht, pip):
    p = plicht()
    pip(p, dagtekening=date(2024, 5, 24), geregistreerd=datetime(2024, 5, 25, 9, 0, tzinfo=AMS))
    r = mut.get(url("pip_wijzigen", p.persoon, 1))
    assert "Datum dagtekening gewijzigde PIP" in tekst(r)
    assert waarde(r, "dagtekening_initieel") == "24-05-2024" and waarde(r, "dagtekening") == "24-05-2024"
    stap1 = {"dagtekening_initieel": "22-05-2024", "dagtekening": "22-05-2024", "leerroute": Leerroute.B1,
             "alfabetisering": Alfabetisering.NVT}  # fmt: skip
    doorlopen(mut, p.persoon, stap1, {"niveau": Niveau.B1, "geschatte_uren": "600"}, naam="pip_wijzigen")
    r = bewaar(mut, p.persoon, follow=True)
    assert "PIP gemeld bij DUO." in tekst(r)
    nu = Pip.objects.get()
    assert nu.dagtekening_initieel == date(2024, 5, 22) and nu.dagtekening == date(2024, 5, 22)


@vandaag
def test_item5_wijzigen_after_the_window_shows_the_initial_dagtekening_read_only(mut, plicht, pip):
    p = plicht()
    pip(p, definitief=True)
    r = mut.get(url("pip_wijzigen", p.persoon, 1))
    assert 'name="dagtekening_initieel"' not in tekst(r)
    assert re.search(r"<dt>Datum dagtekening initiële PIP</dt><dd>01-04-2024</dd>", tekst(r))
    # A posted initial date is ignored after the window (the field does not exist).
    stap1 = {"dagtekening_initieel": "02-04-2024", "dagtekening": "25-05-2024", "leerroute": Leerroute.B1,
             "alfabetisering": Alfabetisering.NVT}  # fmt: skip
    doorlopen(mut, p.persoon, stap1, {"niveau": Niveau.B1, "geschatte_uren": "600"}, naam="pip_wijzigen")
    assert bewaar(mut, p.persoon).status_code == 302
    nu = Pip.objects.get()
    assert nu.dagtekening_initieel == date(2024, 4, 1) and nu.dagtekening == date(2024, 5, 25)


@vandaag
def test_item5_wijzigen_without_a_change_is_fs640(mut, plicht, pip):
    p = plicht()
    pip(p, definitief=True)
    stap1 = {"dagtekening": "01-04-2024", "leerroute": Leerroute.B1, "alfabetisering": Alfabetisering.NVT}
    doorlopen(mut, p.persoon, stap1, {"niveau": Niveau.B1, "geschatte_uren": "600"}, naam="pip_wijzigen")
    r = bewaar(mut, p.persoon)
    assert r.status_code == 200
    assert "FS 640 Alle velden hebben dezelfde waarde als de actuele waarden" in tekst(r)


@vandaag
def test_item5_wijzigen_leerroute_after_18_months_asks_confirmation(mut, plicht, pip):
    p = plicht(datum_start=date(2022, 3, 1), termijn_start=date(2022, 4, 2))
    pip(p, definitief=True, dagtekening=date(2022, 4, 1))
    r = mut.post(url("pip_wijzigen", p.persoon, 1), {"dagtekening": "01-04-2022", "leerroute": Leerroute.Z,
                                                     "alfabetisering": Alfabetisering.NVT})  # fmt: skip
    assert "De inburgeringstermijn is meer dan 18 maanden geleden gestart." in tekst(r)
    assert '<input type="hidden" name="bevestigd" value="18-maanden">' in tekst(r)


@vandaag
def test_item5_wijzigen_with_a_stale_version_keeps_the_input_and_then_saves(
    mut, plicht, pip, medewerker, groningen
):
    p = plicht()
    bestaand = pip(p, definitief=True)
    stap1 = {"dagtekening": "25-05-2024", "leerroute": Leerroute.B1, "alfabetisering": Alfabetisering.NVT}
    doorlopen(mut, p.persoon, stap1, {"niveau": Niveau.B1, "geschatte_uren": "650"}, naam="pip_wijzigen")
    # Someone else changes the PIP in the meantime.
    services.pip_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon, versie=bestaand.versiekenmerk,
                          data={"dagtekening": date(2024, 5, 26), "leerroute": Leerroute.B1, "niveau": Niveau.B1,
                                "alfabetisering": Alfabetisering.NVT, "geschatte_uren": 700})  # fmt: skip
    r = mut.post(url("pip_wijzigen", p.persoon, 3), {"versie": bestaand.versiekenmerk})
    pagina = tekst(r)
    assert r.status_code == 200 and VEROUDERD in pagina
    assert "Actuele gegevens" in pagina and "650" in pagina and "700" in pagina  # input kept, current shown
    assert Pip.objects.get().geschatte_uren == 700
    versie = re.search(r'name="versie" value="([^"]+)"', pagina).group(1)
    assert versie == Pip.objects.get().versiekenmerk
    assert mut.post(url("pip_wijzigen", p.persoon, 3), {"versie": versie}).status_code == 302
    assert Pip.objects.get().geschatte_uren == 650


@vandaag
def test_item5_verwijderen_inside_the_window(mut, plicht, pip):
    p = plicht()
    bestaand = pip(p, geregistreerd=datetime(2024, 5, 25, 9, 0, tzinfo=AMS))
    r = mut.get(url("pip_verwijderen", p.persoon))
    assert "Weet u zeker dat u dit PIP wilt verwijderen?" in tekst(r)
    assert "Verwijder" in tekst(r) and "of annuleer" in tekst(r)
    r = mut.post(url("pip_verwijderen", p.persoon), {"versie": bestaand.versiekenmerk}, follow=True)
    assert r.redirect_chain[-1][0] == url("overzicht", p.persoon) and "Het PIP is verwijderd." in tekst(r)
    assert not Pip.objects.exists()


@vandaag
def test_item5_verwijderen_after_the_window_is_fs645(mut, plicht, pip):
    p = plicht()
    bestaand = pip(p, definitief=True)
    r = mut.get(url("pip_verwijderen", p.persoon))
    assert "FS 645 Intrekken niet mogelijk. Inburgeringstermijn al vastgesteld." in tekst(r)
    assert ">Verwijder</button>" not in tekst(r)
    r = mut.post(url("pip_verwijderen", p.persoon), {"versie": bestaand.versiekenmerk})
    assert "FS 645 Intrekken niet mogelijk." in tekst(r) and Pip.objects.exists()


@vandaag
def test_item5_verwijderen_without_a_pip_is_fs643(mut, plicht):
    p = plicht()
    r = mut.post(url("pip_verwijderen", p.persoon), {"versie": ""})
    assert "FS 643 Geen PIP voor zakenpartner" in tekst(r)


def _alle_urls(persoon):
    return (
        [url("pip_doorgeven", persoon, n) for n in (1, 2, 3)]
        + [url("pip_wijzigen", persoon, n) for n in (1, 2, 3)]
        + [url("pip_verwijderen", persoon)]
    )


@vandaag
def test_item5_read_role_is_refused_on_every_get_and_post(login, raadpleger, plicht, pip):
    p = plicht()
    pip(p)
    client = login(raadpleger)
    for adres in _alle_urls(p.persoon):
        assert client.get(adres).status_code == 403, adres
        assert client.post(adres, {**STAP1, **STAP2}).status_code == 403, adres
    assert Pip.objects.count() == 1


@vandaag
def test_item5_another_gemeentes_person_is_404_on_every_url(mut, plicht, almere):
    p = plicht(persoon={"woongemeente": almere})
    for adres in _alle_urls(p.persoon):
        assert mut.get(adres).status_code == 404, adres
        assert mut.post(adres, {**STAP1, **STAP2}).status_code == 404, adres
    assert not Pip.objects.exists()


@vandaag
def test_item5_deceased_person_is_fs602(mut, plicht):
    p = plicht(persoon={"datum_overlijden": date(2024, 5, 1)})
    r = mut.get(url("pip_doorgeven", p.persoon, 1))
    assert "FS 602 Persoon is volgens BRP overleden" in tekst(r) and 'name="dagtekening"' not in tekst(r)
    r = mut.post(url("pip_doorgeven", p.persoon, 1), STAP1)
    assert "FS 602" in tekst(r) and not Pip.objects.exists()


@vandaag
def test_item5_old_gemeente_after_a_move_is_fs617(login, plicht, pip, almere, groningen):
    p = plicht(persoon={"woongemeente": almere})
    pip(p, gemeente=groningen)
    Verhuizing.objects.create(
        persoon=p.persoon, van_gemeente=groningen, naar_gemeente=almere, datum=date(2024, 5, 1)
    )
    client = login(UserFactory(username="oud", rollen={groningen: ["WI2021MUT"]}))
    for adres in _alle_urls(p.persoon):
        r = client.get(adres)
        assert (
            r.status_code == 403
            and "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente" in tekst(r)
        )


@vandaag
def test_item5_wizard_pages_use_a_constant_number_of_queries(mut, plicht, pip, django_assert_max_num_queries):
    p = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    pip(p)
    with django_assert_max_num_queries(16):
        assert mut.get(url("pip_wijzigen", p.persoon, 1)).status_code == 200


def test_toestemming_nvo_checkbox_refuses_a_value_no_browser_sends():
    """Hostile-input sweep: "x"*10000 in the checkbox must be a Formaatfout, not a silent "Ja"."""
    from django import forms

    from wi2021.forms_pip import Vinkje

    veld = Vinkje(required=False, error_messages={"invalid": "Formaatfout"})
    assert (veld.clean("on"), veld.clean(""), veld.clean(None)) == (True, False, False)
    for waarde in ("x" * 10_000, "²³", "9" * 25):
        with pytest.raises(forms.ValidationError, match="Formaatfout"):
            veld.clean(waarde)


def test_toestemming_nvo_checkbox_refuses_a_posted_value_no_browser_sends():
    from wi2021.forms_pip import Vinkje

    class Form(forms_module.Form):
        v = Vinkje(required=False, error_messages={"invalid": "Formaatfout"})

    assert Form({"v": "on"}).is_valid() and Form({}).is_valid()
    fout = Form({"v": "x" * 10_000})
    assert not fout.is_valid() and fout.errors["v"] == ["Formaatfout"]
