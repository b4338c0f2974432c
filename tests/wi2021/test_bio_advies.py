"""Issue 12 "Wi2021 (3/3)" item 4: the advice on an aanvraag ontheffing BIO (seed 001 §3.6.14; S-46, S-47,
S-48, B-14; R-BIO-1…R-BIO-5; D-20, D-22, D-24): only after SS140, the contact question and its "Nee" pop-up,
the required fields and the 1167-character answers, once only, audited; access per role and gemeente."""

import re
from datetime import date

import pytest
import time_machine

from inburgering.models import AuditEntry
from signalen.models import Signaal
from tests.factories import UserFactory
from tests.wi2021.mapuren import NU, fouten, tekst, url, weigering
from wi2021 import duo
from wi2021.models import BioAdviesVerzoek, Contactpersoon, Verzoek

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
vandaag = time_machine.travel(NU, tick=False)
NAMEN = ("bio_advies", "bio_geen_contact", "bio_toelichting")
DOORGEVEN = "Geef door aan DUO"


@pytest.fixture
def gevraagd(persoon_met_pip):
    """A Groningen resident DUO asked the advice about (`bio_advies_gevraagd` → SS140)."""

    def maak(**kwargs):
        p = persoon_met_pip(**kwargs)
        duo.bio_advies_vragen(actor="duo", persoon=p, aanvraag_id=f"BIO-{p.bsn}", datum=date(2024, 5, 20))
        return p

    return maak


@pytest.fixture
def contactpersoon(groningen):
    return Contactpersoon.objects.create(
        gemeente=groningen, naam="Fatima de Vries", email="fatima@groningen.nl"
    )


def advies(cp, **kwargs) -> dict:
    data = {"contact": "ja", "advies": "positief", "contactpersoon": str(cp.pk),
            "aanvullende_informatie": "Uit de brede intake blijkt een zware mantelzorgtaak.",
            "omstandigheden": "Ja, de mantelzorg maakt lessen volgen uiterst moeilijk.",
            "schrijnend": "Ja, zie de toelichting hierboven."}  # fmt: skip
    return {**data, **kwargs}


def b14(response) -> str:
    blok = re.search(r'<section class="wi21-blok" id="bio".*?</section>', tekst(response), re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", blok.group(0))).strip()


@vandaag
def test_r_bio_1_d24_b14_offers_the_button_only_after_ss140(mut, persoon_met_pip, gevraagd):
    zonder = persoon_met_pip()
    assert "DUO heeft voor deze persoon geen advies gevraagd." in b14(mut.get(url("overzicht", zonder)))
    assert DOORGEVEN not in b14(mut.get(url("overzicht", zonder)))
    assert weigering(mut.get(url("bio_advies", zonder))) == (
        "DUO heeft voor deze persoon geen advies gevraagd. U kunt (nog) geen advies BIO doorgeven."
    )
    p = gevraagd()
    assert Signaal.objects.filter(persoon=p, code="SS140").count() == 1
    blok = b14(mut.get(url("overzicht", p)))
    assert "DUO heeft op 20-05-2024 uw advies gevraagd over een aanvraag ontheffing BIO." in blok
    assert DOORGEVEN in blok


@vandaag
def test_b14_read_role_sees_the_request_without_the_button(login, raadpleger, gevraagd):
    p = gevraagd()
    blok = b14(login(raadpleger).get(url("overzicht", p)))
    assert "uw advies gevraagd" in blok and DOORGEVEN not in blok


@vandaag
def test_r_bio_2_s46_ja_leads_to_s48_nee_to_the_s47_popup(mut, gevraagd):
    p = gevraagd()
    pagina = tekst(mut.get(url("bio_advies", p)))
    for t in ("Advies ontheffing bijzondere individuele omstandigheden (BIO)",
              "Hebt u contact gehad met de inburgeraar voordat het aanvraagformulier werd opgestuurd?",
              "Verder", "of annuleer", p.bsn):  # fmt: skip
        assert t in pagina
    r = mut.post(url("bio_advies", p), {"contact": "ja"})
    assert r.status_code == 302 and r["Location"].endswith("/bio/toelichting/?contact=ja")
    r = mut.post(url("bio_advies", p), {"contact": "nee"})
    assert r["Location"] == url("bio_geen_contact", p)
    pagina = tekst(mut.get(url("bio_geen_contact", p)))
    assert ("U hebt aangegeven dat u geen contact hebt gehad met de inburgeraar. Wilt u toch doorgaan met het "
            "doorgeven van het advies?") in pagina  # fmt: skip
    assert f'href="{url("bio_toelichting", p)}?contact=nee">Ga door</a>' in pagina
    assert ">annuleer</a>" in pagina


@vandaag
def test_r_bio_2_s46_without_an_answer_is_fs999_veld_is_verplicht(mut, gevraagd):
    p = gevraagd()
    r = mut.post(url("bio_advies", p), {})
    assert r.status_code == 200
    assert fouten(r) == ["FS 999 Contact met de inburgeraar: Veld is verplicht"]


@vandaag
def test_s48_shows_the_manual_texts_and_only_the_gemeentes_contactpersonen(
    mut, gevraagd, contactpersoon, almere
):
    Contactpersoon.objects.create(gemeente=almere, naam="Almeerder", email="a@almere.nl")
    p = gevraagd()
    pagina = tekst(mut.get(url("bio_toelichting", p) + "?contact=ja"))
    for t in ("Toelichting advies ontheffing bijzondere individuele omstandigheden (BIO)",
              "Gekozen gemeente: <strong>Groningen</strong>",
              "In verband met privacywetgeving mogen hier GEEN medische gegevens worden ingevuld",
              "Selecteer een contactpersoon. Komt de persoon nog niet voor in de lijst, voeg deze dan toe bij "
              "Beheren contactpersoon.",
              "Positief", "Negatief", "Fatima de Vries", "Verstuur", "of annuleer",
              "U kunt de vragen beantwoorden met een maximum van 1167 tekens per vraag.",
              "Leidt het vasthouden aan de inburgeringsplicht in het gegeven geval tot een zeer schrijnende "
              "situatie? Licht toe.", 'maxlength="1167"'):  # fmt: skip
        assert t in pagina, t
    assert "Almeerder" not in pagina
    # Without the contact answer S-48 starts at the question (S-46).
    assert mut.get(url("bio_toelichting", p))["Location"] == url("bio_advies", p)


@vandaag
def test_r_bio_3_required_fields_are_fs999_veld_is_verplicht(mut, gevraagd):
    p = gevraagd()
    r = mut.post(url("bio_toelichting", p), {"contact": "nee", "aanvullende_informatie": "  "})
    assert fouten(r) == [
        "FS 999 Advies: Veld is verplicht",
        "FS 999 Contactpersoon: Veld is verplicht",
        "FS 999 Vraag 1: Veld is verplicht",
        "FS 999 Vraag 2: Veld is verplicht",
        "FS 999 Vraag 3: Veld is verplicht",
    ]
    assert not BioAdviesVerzoek.objects.filter(advies_gegeven_op__isnull=False).exists()


@vandaag
def test_r_bio_3_1167_characters_allowed_1168_is_fs999_lengte_is_ongeldig(mut, gevraagd, contactpersoon):
    p = gevraagd()
    r = mut.post(url("bio_toelichting", p), advies(contactpersoon, omstandigheden="x" * 1168))
    assert fouten(r) == ["FS 999 Vraag 2: Lengte is ongeldig"]
    assert "x" * 1168 in tekst(r)  # the form keeps what was typed
    # A line break counts once (the browser sends CR LF): 1165 letters and one break are 1166 characters.
    precies = advies(contactpersoon, omstandigheden="x" * 1167, schrijnend="a" * 600 + "\r\n" + "b" * 565)
    r = mut.post(url("bio_toelichting", p), precies)
    assert r.status_code == 200 and not fouten(r)
    assert "Let op: U kunt het advies maar één keer doorgeven aan DUO." in tekst(r)  # D-24 confirmation
    r = mut.post(url("bio_toelichting", p), {**precies, "bevestigd": "ja"})
    assert r.status_code == 302
    verzoek = BioAdviesVerzoek.objects.get()
    assert len(verzoek.omstandigheden) == 1167 and verzoek.schrijnend == "a" * 600 + "\n" + "b" * 565


@vandaag
def test_d20_fs650_contact_onbekend_for_another_gemeentes_or_unknown_contactpersoon(mut, gevraagd, almere):
    p = gevraagd()
    ander = Contactpersoon.objects.create(gemeente=almere, naam="Almeerder", email="a@almere.nl")
    for waarde in (str(ander.pk), "999999", "²", "abc"):
        r = mut.post(url("bio_toelichting", p), advies(ander, contactpersoon=waarde, bevestigd="ja"))
        assert r.status_code == 200, waarde
        assert fouten(r) == ["FS 650 Contact onbekend"], waarde
    assert BioAdviesVerzoek.objects.get().advies_gegeven_op is None


@vandaag
def test_r_bio_4_r_bio_5_advice_given_once_audited_b14_shows_the_date(mut, gevraagd, contactpersoon):
    p = gevraagd()
    data = advies(contactpersoon, contact="nee", advies="negatief")
    assert mut.get(url("bio_toelichting", p) + "?contact=nee").status_code == 200
    bevestiging = tekst(mut.post(url("bio_toelichting", p), data))
    for t in ("Let op: U kunt het advies maar één keer doorgeven aan DUO. Controleer of u alles correct hebt "
              "ingevuld. Weet u zeker dat u het advies wilt doorgeven?", "Geef door aan DUO", "Negatief",
              "Fatima de Vries", "annuleer"):  # fmt: skip
        assert t in bevestiging, t
    assert BioAdviesVerzoek.objects.get().advies_gegeven_op is None  # "Verstuur" alone saves nothing
    r = mut.post(url("bio_toelichting", p), {**data, "bevestigd": "ja"}, follow=True)
    assert "Het advies BIO is doorgegeven aan DUO." in tekst(r)
    assert "Advies doorgegeven aan DUO op 01-06-2024" in b14(r) and DOORGEVEN not in b14(r)
    verzoek = BioAdviesVerzoek.objects.get()
    assert (verzoek.advies, verzoek.contact_gehad, verzoek.contactpersoon_naam, verzoek.gegeven_door) == (
        "negatief",
        False,
        "Fatima de Vries",
        "medewerker",
    )
    entry = AuditEntry.objects.get(bsn=p.bsn, object_type="wi2021.BioAdviesVerzoek", actie="wijzigen")
    assert entry.omschrijving == f"Advies BIO doorgegeven aan DUO (aanvraag BIO-{p.bsn})"
    assert "mantelzorg" not in str(entry.wijzigingen)  # the answers stay out of the trail
    assert AuditEntry.objects.filter(
        bsn=p.bsn, actie="bekijken", omschrijving__contains="Toelichting advies"
    ).exists()
    # Once only: every step is refused now, a second POST changes nothing.
    for naam in NAMEN:
        assert weigering(mut.get(url(naam, p))) == "U kunt het advies maar één keer doorgeven aan DUO.", naam
    r = mut.post(url("bio_toelichting", p), {**data, "advies": "positief", "bevestigd": "ja"})
    assert "U kunt het advies maar één keer doorgeven aan DUO." in tekst(r)
    assert BioAdviesVerzoek.objects.get().advies == "negatief"
    # What happens to SS140: nothing automatic (§5); the gemeente handles the signal itself.
    assert Signaal.objects.get(persoon=p, code="SS140").status == "nieuw"


@vandaag
def test_r_bio_6_a_decision_by_duo_closes_the_request(mut, gevraagd):
    p = gevraagd()
    Verzoek.objects.create(plicht=p.wi2021_plichten.get(), extern_id="ON-1", soort="ontheffing", status="afgewezen",
                           datum_ontvangst=date(2024, 5, 1), datum_besluit=date(2024, 5, 25))  # fmt: skip
    blok = b14(mut.get(url("overzicht", p)))
    assert "DUO heeft al een besluit genomen op de aanvraag ontheffing." in blok and DOORGEVEN not in blok
    assert "U kunt geen advies BIO meer doorgeven." in weigering(mut.get(url("bio_advies", p)))


@vandaag
def test_fs602_deceased_person_no_advice(mut, gevraagd):
    p = gevraagd(persoon={"datum_overlijden": date(2024, 5, 30)})
    assert DOORGEVEN not in b14(mut.get(url("overzicht", p)))
    assert weigering(mut.get(url("bio_advies", p))).startswith("FS 602")


@vandaag
def test_read_role_is_refused_on_every_bio_get_and_post(login, raadpleger, gevraagd, contactpersoon):
    p = gevraagd()
    client = login(raadpleger)
    for naam in NAMEN:
        assert client.get(url(naam, p)).status_code == 403, naam
        assert client.post(url(naam, p), advies(contactpersoon, bevestigd="ja")).status_code == 403, naam
    assert BioAdviesVerzoek.objects.get().advies_gegeven_op is None


@vandaag
def test_another_gemeentes_person_is_404_on_every_bio_url(login, gevraagd, contactpersoon, almere):
    p = gevraagd(persoon={"woongemeente": almere})
    client = login(
        UserFactory(username="groninger", rollen={contactpersoon.gemeente: ["WI2021", "WI2021MUT"]})
    )
    for naam in NAMEN:
        assert client.get(url(naam, p)).status_code == 404, naam
        assert client.post(url(naam, p), advies(contactpersoon, bevestigd="ja")).status_code == 404, naam
    assert BioAdviesVerzoek.objects.get().advies_gegeven_op is None


@vandaag
def test_b14_costs_a_fixed_number_of_queries(gevraagd, groningen, django_assert_max_num_queries):
    from wi2021 import regels
    from wi2021.selectors_bio import bio_blok

    p = gevraagd()
    s = regels.situatie(p, groningen)
    with django_assert_max_num_queries(1):
        assert bio_blok(s, mag_muteren=True).knop


@vandaag
def test_hostile_input_on_s46_and_s48_gives_a_dutch_error_never_a_5xx(mut, gevraagd):
    from tests.security.test_vijandige_invoer import VIJANDIG

    p = gevraagd()
    velden = ("contact", "advies", "contactpersoon", "aanvullende_informatie", "omstandigheden", "schrijnend")
    for naam, waarde in VIJANDIG.items():
        assert mut.post(url("bio_advies", p), {"contact": waarde}).status_code in (200, 302, 400), naam
        r = mut.post(url("bio_toelichting", p), {**dict.fromkeys(velden, waarde), "bevestigd": "ja"})
        assert r.status_code in (200, 400), naam
        if r.status_code == 200:
            assert fouten(r) and all(f.startswith("FS ") for f in fouten(r)), naam
    assert BioAdviesVerzoek.objects.get().advies_gegeven_op is None
