"""The Leerbaarheidstoets pages (seed 001 §3.6.5; WI2021.md B-6, S-21, S-22, S-23, R-LBT, R-ACC-10, D-22, D-23):
what B-6 shows and to whom, Onthef and Opnieuw inplannen with their refusals and field errors, the history,
the read role, another gemeente, and a constant number of queries."""

import re
from datetime import date, datetime, timedelta

import pytest
import time_machine

from inburgering.models import AuditEntry
from inburgering.services import persoon_wijzigen
from tests.wi2021.mapuren import AMS, fouten, tekst, url, veldfout, versie, weigering
from wi2021 import duo
from wi2021.constants import LbtStatus, RedenEinde
from wi2021.models import LbtOntheffing, Leerbaarheidstoets

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
NU = datetime(2026, 6, 15, 10, 0, tzinfo=AMS)
vandaag = time_machine.travel(NU, tick=False)
ONTHEVEN = "Deze persoon is ontheven van de leerbaarheidstoets."
VERSTUURD = (
    "Uw verzoek tot het opnieuw inplannen van de Leerbaarheidstoets is verstuurd. De Leerbaarheidstoets is binnen "
    "2 werkdagen weer beschikbaar."
)
NEE = "Nee, is niet in staat het B1 of A2 niveau te halen binnen 3 jaar"
POSTS = ("lbt_onthef", "lbt_opnieuw")
ALLE = (*POSTS, "lbt_historie")


def zichtbare_tekst(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", tekst(response))).strip()


def b6(response) -> str:
    gevonden = re.search(
        r'<section class="wi21-blok" id="leerbaarheidstoets".*?</section>', tekst(response), re.S
    )
    assert gevonden
    return gevonden.group(0)


def b6_tekst(response) -> str:
    """The visible text of B-6, the suffixes for screen readers left out."""
    zonder = re.sub(r'<span class="wi21-verborgen">.*?</span>', "", b6(response))
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", zonder)).strip()


def links(blok: str) -> list[str]:
    zonder = re.sub(r'<span class="wi21-verborgen">.*?</span>', "", blok)
    return [re.sub(r"<[^>]+>", "", a).strip() for a in re.findall(r"<a [^>]*>.*?</a>", zonder, re.S)]


def aangemeld(plicht, nr="100124583541", datum=date(2026, 1, 10)):
    return duo.lbt_aanmelden(actor="DUO", persoon=plicht.persoon, examennummer=nr, datum_aanmelding=datum)


def met_uitslag(plicht, resultaat="N", nr="100124583541", datum=date(2026, 1, 10)):
    aangemeld(plicht, nr, datum)
    return duo.lbt_uitslag(actor="DUO", persoon=plicht.persoon, examennummer=nr,
                           datum_toetsafname=datum + timedelta(days=50), resultaat=resultaat, maximum_score=40,
                           behaalde_score=12, benodigde_score=31)  # fmt: skip


def overzicht(client, plicht):
    return client.get(url("overzicht", plicht.persoon))


# --- B-6 ----------------------------------------------------------------------------------------------------


@vandaag
def test_b6_r_lbt_1_fields_with_result_n_and_links(mut, plicht):
    p = plicht()
    met_uitslag(p)
    blok = b6_tekst(overzicht(mut, p))
    assert (
        "Leerbaarheidstoets Opnieuw aanvragen Historie Examenummer 100124583541 Datum aanmelding 10-01-2026 "
        f"Periode 10-01-2026 tot 10-01-2027 Datum toetsafname 01-03-2026 Maximum score 40 Behaalde score 12 "
        f"Benodigde score 31 Resultaat {NEE}"
    ) in blok


@vandaag
def test_b6_aangemeld_offers_onthef_not_opnieuw(mut, plicht):
    p = plicht()
    aangemeld(p)
    blok = b6(overzicht(mut, p))
    assert links(blok) == ["Onthef", "Historie"]
    assert "Datum toetsafname - Maximum score -" in b6_tekst(overzicht(mut, p))


@vandaag
def test_b6_without_lbt_says_so_and_has_no_links(mut, plicht):
    p = plicht()
    blok = b6(overzicht(mut, p))
    assert "Er zijn nog geen gegevens van een leerbaarheidstoets bekend." in blok and links(blok) == []


@vandaag
@pytest.mark.parametrize("resultaat", ["J", "O"])
def test_r_lbt_4_opnieuw_aanvragen_only_after_n(mut, plicht, resultaat):
    p = plicht()
    met_uitslag(p, resultaat)
    assert links(b6(overzicht(mut, p))) == ["Historie"]  # taken: no Onthef; not N: no Opnieuw aanvragen
    r = mut.get(url("lbt_opnieuw", p.persoon))
    assert weigering(r) == (
        "Opnieuw aanvragen is alleen mogelijk na het resultaat 'Nee, is niet in staat het B1 of A2 niveau te "
        "halen binnen 3 jaar'."
    )


@vandaag
def test_b6_read_role_sees_the_data_without_mutation_links(login, raadpleger, plicht):
    p = plicht()
    met_uitslag(p)
    blok = b6(overzicht(login(raadpleger), p))
    assert links(blok) == ["Historie"] and "100124583541" in blok


@vandaag
def test_r_acc_10_new_gemeente_sees_the_previous_lbt_without_examenummer(login, plicht, groningen, almere):
    from tests.factories import UserFactory

    p = plicht()
    met_uitslag(p)
    persoon_wijzigen(actor="BRP", persoon=p.persoon,
                     data={"woongemeente": almere, "datum_vestiging": date(2026, 5, 1)})  # fmt: skip
    almere_mut = login(UserFactory(username="almere", rollen={almere: ["WI2021", "WI2021_MUT"]}))
    blok = b6_tekst(overzicht(almere_mut, p))
    assert "Examenummer - Datum aanmelding 10-01-2026" in blok and "100124583541" not in blok
    assert "Behaalde score 12" in blok
    assert "100124583541" not in tekst(almere_mut.get(url("lbt_historie", p.persoon)))


@vandaag
def test_r_acc_10_the_old_gemeente_sees_no_lbt_after_the_move(mut, plicht, almere):
    p = plicht()
    met_uitslag(p)
    persoon_wijzigen(actor="BRP", persoon=p.persoon,
                     data={"woongemeente": almere, "datum_vestiging": date(2026, 5, 1)})  # fmt: skip
    eigen = "De informatie over de Leerbaarheidstoets ziet u alleen bij inburgeringsplichtigen uit uw eigen gemeente."
    blok = b6(overzicht(mut, p))  # the old gemeente inside its window (D-03)
    assert eigen in blok and "100124583541" not in blok and links(blok) == []
    r = mut.get(url("lbt_historie", p.persoon))
    assert eigen in tekst(r) and "01-03-2026" not in tekst(r)
    assert mut.get(url("lbt_opnieuw", p.persoon)).status_code == 403  # FS 617: only the current gemeente


# --- S-21 Onthef ----------------------------------------------------------------------------------------------


@vandaag
def test_s21_onthef_confirmation_then_b6_shows_ontheven(mut, plicht):
    p = plicht()
    aangemeld(p)
    r = mut.get(url("lbt_onthef", p.persoon))
    pagina = zichtbare_tekst(r)
    assert (
        "Weet u zeker dat u deze persoon wilt ontheffen van de leerbaarheidstoets? De ontheffing is definitief, u "
        "kunt deze niet meer intrekken." in pagina
    )
    assert "Onthef annuleer" in pagina and p.persoon.bsn in pagina
    r = mut.post(url("lbt_onthef", p.persoon))
    assert r.status_code == 302 and r["Location"].endswith("#leerbaarheidstoets")
    blok = b6(mut.get(r["Location"]))
    assert ONTHEVEN in blok and links(blok) == ["Historie"]  # final: no Onthef any more
    o = LbtOntheffing.objects.get()
    assert (o.gemeente.code, o.gebruiker) == ("0014", "medewerker")
    assert AuditEntry.objects.filter(bsn=p.persoon.bsn, actie="aanmaken",
                                     omschrijving="Ontheven van de leerbaarheidstoets").exists()  # fmt: skip


@vandaag
def test_r_lbt_3_onthef_refused_once_taken_or_already_ontheven(mut, plicht):
    p = plicht()
    met_uitslag(p)
    assert weigering(mut.get(url("lbt_onthef", p.persoon))) == (
        "De Leerbaarheidstoets is al afgenomen. Ontheffen is alleen mogelijk zolang de toets nog niet is afgenomen."
    )
    r = mut.post(url("lbt_onthef", p.persoon))
    assert r.status_code == 200 and "al afgenomen" in tekst(r) and not LbtOntheffing.objects.exists()
    q = plicht()
    aangemeld(q, nr="2")
    mut.post(url("lbt_onthef", q.persoon))
    assert (
        weigering(mut.get(url("lbt_onthef", q.persoon)))
        == "Deze persoon is al ontheven van de leerbaarheidstoets."
    )
    assert "al ontheven" in tekst(mut.post(url("lbt_onthef", q.persoon)))
    assert LbtOntheffing.objects.count() == 1


@vandaag
def test_r_lbt_3_onthef_possible_while_the_lbt_expired_untaken(mut, plicht):
    p = plicht()
    aangemeld(p, datum=date(2025, 6, 1))
    duo.lbt_verlopen(actor="DUO", persoon=p.persoon, examennummer="100124583541", datum=date(2026, 6, 1))
    assert "Resultaat Aanmeldtermijn verlopen" in b6_tekst(overzicht(mut, p))
    assert mut.post(url("lbt_onthef", p.persoon)).status_code == 302


@vandaag
def test_fs_675_no_onthef_after_the_plicht_is_voldaan(mut, plicht):
    p = plicht()
    aangemeld(p)
    p.reden_einde, p.datum_einde = RedenEinde.DIPLOMA, date(2026, 6, 1)
    p.save()
    assert weigering(mut.get(url("lbt_onthef", p.persoon))).startswith("FS 675")
    assert links(b6(overzicht(mut, p))) == ["Historie"]


# --- S-22 Opnieuw inplannen ------------------------------------------------------------------------------------


@vandaag
def test_s22_page_and_the_journey_to_ss137(mut, plicht):
    p = plicht()
    met_uitslag(p)
    r = mut.get(url("lbt_opnieuw", p.persoon))
    pagina = zichtbare_tekst(r)
    for tekstdeel in ("Leerbaarheidstoets", "Opnieuw inplannen", p.persoon.bsn, "Reden opnieuw aanvragen",
                      "Bevestig", "Annuleer", "Overige reden", "U kunt hiervoor maximaal 140 karakters gebruiken."):  # fmt: skip
        assert tekstdeel in pagina
    select = re.search(r'<select name="reden".*?</select>', tekst(r), re.S).group(0)
    opties = re.findall(r"<option value=\"(\w*)\"[^>]*>([^<]*)</option>", select)
    assert opties == [("", "Kies een reden"), ("overlast", "Overlast"), ("ziekte", "Ziekte tijdens de afname"),
                      ("storing", "Technische storing"), ("overig", "Overig")]  # D-23  # fmt: skip
    r = mut.post(url("lbt_opnieuw", p.persoon), {"reden": "overlast", "versie": versie(r)})
    assert r.status_code == 302 and r["Location"].endswith("#leerbaarheidstoets")
    blok = b6(mut.get(r["Location"]))
    assert VERSTUURD in blok and links(blok) == ["Historie"]  # asked once per attempt
    lbt = Leerbaarheidstoets.objects.get()
    assert (lbt.reden_opnieuw, lbt.reden_overig, lbt.opnieuw_aangevraagd_door.code) == (
        "overlast",
        "",
        "0014",
    )
    assert AuditEntry.objects.filter(bsn=p.persoon.bsn, actie="wijzigen",
                                     omschrijving="Leerbaarheidstoets 100124583541 opnieuw aangevraagd").exists()  # fmt: skip
    assert (
        weigering(mut.get(url("lbt_opnieuw", p.persoon)))
        == "De Leerbaarheidstoets is al opnieuw aangevraagd."
    )
    # DUO plans it again within 2 werkdagen: a new LBT, SS137, the melding is gone and Onthef is possible.
    aangemeld(p, nr="100124583999", datum=date(2026, 6, 16))
    blok = b6(overzicht(mut, p))
    assert VERSTUURD not in blok and "100124583999" in blok and links(blok) == ["Onthef", "Historie"]


@vandaag
def test_s22_reason_required_in_dutch_and_the_input_stays(mut, plicht):
    p = plicht()
    met_uitslag(p)
    v = versie(mut.get(url("lbt_opnieuw", p.persoon)))
    r = mut.post(url("lbt_opnieuw", p.persoon), {"reden": "", "reden_overig": "iets", "versie": v})
    assert veldfout(r, "reden") == "FS 999 Reden opnieuw aanvragen: Veld is verplicht"
    assert fouten(r) == ["FS 999 Reden opnieuw aanvragen: Veld is verplicht"]
    assert "iets</textarea>" in tekst(r)
    r = mut.post(url("lbt_opnieuw", p.persoon), {"reden": "<script>", "versie": v})
    assert veldfout(r, "reden") == "FS 999 Reden opnieuw aanvragen: Veld is verplicht"
    assert Leerbaarheidstoets.objects.get().opnieuw_aangevraagd_op is None


@vandaag
@pytest.mark.parametrize(
    ("overig", "fout"),
    [("", "FS 999 Overige reden: Veld is verplicht"), ("x" * 141, "FS 999 Overige reden: Lengte is ongeldig"),
     ("x" * 140, "")],
    ids=["leeg", "141", "140"],
)  # fmt: skip
def test_s22_overig_needs_its_own_text_of_at_most_140_characters(mut, plicht, overig, fout):
    p = plicht()
    met_uitslag(p)
    v = versie(mut.get(url("lbt_opnieuw", p.persoon)))
    r = mut.post(url("lbt_opnieuw", p.persoon), {"reden": "overig", "reden_overig": overig, "versie": v})
    assert veldfout(r, "reden_overig") == fout
    if fout:
        assert r.status_code == 200 and re.search(
            rf">\s*{overig}</textarea>", tekst(r)
        )  # what was typed stays
        assert '<option value="overig" selected>Overig</option>' in tekst(r)
    else:
        assert r.status_code == 302 and Leerbaarheidstoets.objects.get().reden_overig == "x" * 140


@vandaag
def test_s22_outdated_form_gets_the_dutch_message(mut, plicht):
    p = plicht()
    met_uitslag(p)
    v = versie(mut.get(url("lbt_opnieuw", p.persoon)))
    Leerbaarheidstoets.objects.get().save()  # changed meanwhile (e.g. by DUO)
    r = mut.post(url("lbt_opnieuw", p.persoon), {"reden": "ziekte", "versie": v})
    assert fouten(r)[0].startswith("Deze gegevens zijn intussen door een ander gewijzigd.")
    assert (
        mut.post(url("lbt_opnieuw", p.persoon), {"reden": "ziekte", "versie": versie(r)}).status_code == 302
    )


# --- S-23 Historie ------------------------------------------------------------------------------------------------


@vandaag
def test_s23_r_lbt_5_one_row_per_attempt_newest_first(mut, plicht):
    p = plicht()
    met_uitslag(p, nr="1", datum=date(2025, 1, 10))
    aangemeld(p, nr="2", datum=date(2025, 6, 1))
    r = mut.get(url("lbt_historie", p.persoon))
    pagina = zichtbare_tekst(r)
    assert "← Terug naar overzicht" in pagina and "Gekozen gemeente: Groningen" in pagina
    assert "Leerbaarheidstoets historie" in pagina and p.persoon.bsn in pagina and "Geboortedatum" in pagina
    assert (
        "Datum aanmelding Datum toetsafname Benodigde score Behaalde score 01-06-2025 - - - 10-01-2025 01-03-2025 31 12"
        in pagina
    )
    assert AuditEntry.objects.filter(bsn=p.persoon.bsn, actie="bekijken",
                                     omschrijving="Leerbaarheidstoets historie WI2021").exists()  # fmt: skip


# --- Access --------------------------------------------------------------------------------------------------


@vandaag
def test_r_acc_4_read_role_refused_on_every_lbt_post(login, raadpleger, plicht):
    p = plicht()
    met_uitslag(p)
    client = login(raadpleger)
    for naam in POSTS:
        assert client.post(url(naam, p.persoon), {"reden": "overlast", "versie": "1-2"}).status_code == 403, (
            naam
        )
        assert client.get(url(naam, p.persoon)).status_code == 403, naam
    assert client.post(url("lbt_historie", p.persoon)).status_code == 403
    assert (
        not LbtOntheffing.objects.exists() and Leerbaarheidstoets.objects.get().opnieuw_aangevraagd_op is None
    )


@vandaag
def test_r_acc_1_another_gemeentes_person_is_404_on_every_lbt_url(mut, plicht, almere):
    p = plicht(persoon={"woongemeente": almere})
    met_uitslag(p)
    for naam in ALLE:
        assert mut.get(url(naam, p.persoon)).status_code == 404, naam
    for naam in POSTS:
        assert mut.post(url(naam, p.persoon), {"reden": "overlast", "versie": "1-2"}).status_code == 404, naam
    assert (
        not LbtOntheffing.objects.exists() and Leerbaarheidstoets.objects.get().opnieuw_aangevraagd_op is None
    )


@vandaag
def test_unknown_person_id_is_404(mut):
    from django.urls import reverse

    for naam in ALLE:
        assert mut.get(reverse(f"wi2021:{naam}", kwargs={"persoon": 999999})).status_code == 404


# --- Queries ------------------------------------------------------------------------------------------------------


@vandaag
@pytest.mark.parametrize("naam", ["overzicht", "lbt_historie"])
def test_constant_queries_whatever_the_number_of_attempts(mut, plicht, naam, django_assert_max_num_queries):
    p = plicht()
    met_uitslag(p, nr="0", datum=date(2024, 3, 1))
    mut.get(url(naam, p.persoon))
    with django_assert_max_num_queries(30) as weinig:
        mut.get(url(naam, p.persoon))
    for i in range(1, 12):
        Leerbaarheidstoets.objects.create(
            plicht=p, gemeente=p.persoon.woongemeente, examennummer=f"x{i}", status=LbtStatus.VERLOPEN,
            datum_aanmelding=date(2020, 1, 1) + timedelta(days=i), einde_aanmeldtermijn=date(2021, 1, 1) + timedelta(days=i),
        )  # fmt: skip
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        r = mut.get(url(naam, p.persoon))
    assert r.status_code == 200
    if naam == "lbt_historie":
        assert tekst(r).count('<tr class="utrecht-table__row">') == 1 + 12


# --- Beheer ----------------------------------------------------------------------------------------------------


@vandaag
def test_beheer_sees_the_requests_to_duo_read_only(rf, plicht):
    """The requests that must reach DUO (S-22) and the ontheffingen (S-21) in the admin, read-only. Called on
    the ModelAdmin itself: on this branch nothing imports `admin_lbt` before the URLconf is built."""
    from django.contrib import admin
    from django.contrib.auth import get_user_model

    import wi2021.admin_lbt  # noqa: F401  (wi2021.admin imports it on main)

    p = plicht()
    met_uitslag(p)
    Leerbaarheidstoets.objects.filter(plicht=p).update(reden_opnieuw="overig", reden_overig="Tolk ontbrak",
                                                       opnieuw_aangevraagd_op=NU)  # fmt: skip
    LbtOntheffing.objects.create(
        plicht=plicht(), gemeente=p.persoon.woongemeente, ontheven_op=NU, gebruiker="m"
    )
    request = rf.get("/")
    request.user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")
    for model, veld, verwacht in ((Leerbaarheidstoets, "reden_overig", "Tolk ontbrak"),
                                  (LbtOntheffing, "gemeente", p.persoon.woongemeente)):  # fmt: skip
        model_admin = admin.site._registry[model]
        lijst = model_admin.get_changelist_instance(request)  # the list beheer sees (no template: see above)
        assert veld in lijst.list_display and [getattr(rij, veld) for rij in lijst.result_list] == [verwacht]
        assert not model_admin.has_add_permission(request) and not model_admin.has_change_permission(request)
        assert not model_admin.has_delete_permission(request)
