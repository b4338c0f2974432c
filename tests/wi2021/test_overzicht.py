"""Issue 10 "Wi2021 (1/3)" deliverable 4: the Overzichtsscherm inburgeraar (S-18) with its blocks B-1…B-15
and the history pages S-19, S-20, S-31 — content and labels, which links show for whom (MUT vs read,
deceased, the PIP window, the old gemeente), the refusals of §4.2 a, the audit trail and constant queries."""

import re
from datetime import date, datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

from django.urls import reverse

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry, Persoon
from inburgering.services import persoon_wijzigen
from signalen.workflow import Status
from tests.factories import PersoonFactory, SignaalFactory, UserFactory
from tests.wi2021.aanbod_data import aanbod
from wi2021 import meldingen as m
from wi2021 import regels, selectors_overzicht, services
from wi2021.constants import (
    Alfabetisering,
    Doelgroep,
    Examenniveau,
    Examenonderdeel,
    Examenstatus,
    Leerroute,
    Niveau,
    RedenEinde,
    RedenWijzigingTermijn,
    SoortVerzoek,
    StatusVerzoek,
)
from wi2021.models import (
    AanbodHistorie,
    BioAdviesVerzoek,
    Contactpersoon,
    DoelgroepHistorie,
    DuoMelding,
    EindgesprekZRoute,
    Examenpoging,
    Koppeling,
    Leerbaarheidstoets,
    PipHistorie,
    TermijnHistorie,
    Traject,
    Trajectresultaat,
    Urensoort,
    Urenstand,
    Verzoek,
)
from wi2021.selectors_contactpersonen import blok_contactpersoon

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
# The fixture PIP is registered on 02-04-2024 10:00: its correction window runs through 15-04-2024 (D-06).
IN_VENSTER = datetime(2024, 4, 10, 12, 0, tzinfo=AMS)
NA_VENSTER = datetime(2024, 6, 1, 12, 0, tzinfo=AMS)
PAGINAS = ("overzicht", "doelgroep_historie", "plicht_historie", "pip_historie")
PIP_KNOPPEN = ("Geef door", "Wijzig", "Verwijder")


def url(p, naam="overzicht") -> str:
    return reverse(f"wi2021:{naam}", kwargs={"persoon": p.persoon_id})


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def tekst(pagina: str) -> str:
    """The visible text with tags dropped and white space collapsed."""
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", pagina)).strip())


def veld(pagina: str, label: str) -> str:
    gevonden = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", pagina, re.S)
    assert gevonden, f"veld {label!r} ontbreekt"
    return gevonden.group(1).strip()


def blok(pagina: str, anker: str) -> str:
    gevonden = re.search(rf'<section class="wi21-blok" id="{anker}".*?</section>', pagina, re.S)
    assert gevonden, f"blok {anker!r} ontbreekt"
    return gevonden.group(0)


def links(pagina: str) -> list[str]:
    """Link texts, hidden suffixes for screen readers left out."""
    return [tekst(re.sub(r'<span class="wi21-verborgen">.*?</span>', "", a)) for a in re.findall(r"<a [^>]*>.*?</a>", pagina, re.S)]  # fmt: skip


def mutatielinks(pagina: str) -> set[str]:
    return {
        t
        for t in links(pagina)
        if t in (*PIP_KNOPPEN, "Verwijder PIP", "Koppel", "Onthef", "Opnieuw aanvragen")
    }


@pytest.fixture
def almere_mut(almere):
    return UserFactory(username="almere-mut", rollen={almere: [Rol.WI2021MUT]})


def pip_data(**over):
    data = {"dagtekening": date(2024, 4, 1), "leerroute": Leerroute.B1, "niveau": "",
            "alfabetisering": Alfabetisering.NVT, "geschatte_uren": 600}  # fmt: skip
    data.update(over)
    return data


# --- S-18 layout ----------------------------------------------------------------------------------------

BLOK_VOLGORDE = ["personalia", "contactpersoon", "inburgeringsplicht", "signalen", "leerbaarheidstoets", "pip",
                 "inburgeringsaanbod", "map-pvt", "uren", "examens", "boetes", "aanvragen", "bio", "eindgesprek"]  # fmt: skip


@time_machine.travel(IN_VENSTER, tick=False)
def test_s18_blocks_in_manual_order_with_a_menu_of_anchors(login, raadpleger, plicht):
    p = plicht()
    DuoMelding.objects.create(persoon=p.persoon, titel="Onregelmatigheid", startdatum=date(2024, 4, 1),
                              einddatum=date(2024, 4, 30), sleutel="m1")  # fmt: skip
    pagina = html(login(raadpleger).get(url(p)))
    volgorde = ["meldingen", *BLOK_VOLGORDE]
    menu = re.search(r'<nav class="wi21-menu".*?</nav>', pagina, re.S).group(0)
    assert re.findall(r'href="#([a-z-]+)"', menu) == volgorde
    assert re.findall(r'<section class="wi21-blok" id="([a-z-]+)"', pagina) == volgorde
    assert "<script" not in pagina  # one-click navigation without JavaScript
    assert "Overzichtsscherm inburgeraar" in pagina


# --- B-1 Meldingen --------------------------------------------------------------------------------------


@time_machine.travel(IN_VENSTER, tick=False)
def test_b1_meldingen_only_inside_their_period_with_toelichting_behind_a_click(login, raadpleger, plicht):
    p = plicht()
    for titel, start, einde in (
        ("Vandaag begonnen", date(2024, 4, 10), date(2024, 5, 1)),
        ("Eindigt vandaag", date(2024, 3, 1), date(2024, 4, 10)),
        ("Verlopen", date(2024, 3, 1), date(2024, 4, 9)),
        ("Nog niet begonnen", date(2024, 4, 11), date(2024, 5, 1)),
    ):
        DuoMelding.objects.create(persoon=p.persoon, titel=titel, toelichting=f"Uitleg bij {titel}.",
                                  startdatum=start, einddatum=einde, sleutel=titel)  # fmt: skip
    b1 = blok(html(login(raadpleger).get(url(p))), "meldingen")
    titels = re.findall(r'<summary class="wi21-melding__titel">(.*?)</summary>', b1)
    assert sorted(titels) == ["Eindigt vandaag", "Vandaag begonnen"]
    assert b1.count("<details") == 2 and "Uitleg bij Vandaag begonnen." in b1 and "Verlopen" not in b1


@time_machine.travel(IN_VENSTER, tick=False)
def test_b1_nothing_shown_without_meldingen(login, raadpleger, plicht):
    pagina = html(login(raadpleger).get(url(plicht())))
    assert 'id="meldingen"' not in pagina and 'href="#meldingen"' not in pagina


@time_machine.travel(IN_VENSTER, tick=False)
def test_b1_m07_old_gemeente_sees_the_verhuisd_notice(login, medewerker, almere_mut, plicht, almere):
    p = plicht()
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 4, 5)}
    )
    oud = html(login(medewerker).get(url(p)))
    assert "Deze persoon is verhuisd. Werk de gegevens binnen 1 maand bij." in blok(oud, "meldingen")
    assert m.VERHUISD.tekst not in html(login(almere_mut).get(url(p)))


# --- B-2, B-3 -------------------------------------------------------------------------------------------


@time_machine.travel(IN_VENSTER, tick=False)
def test_b2_personalia(login, raadpleger, plicht):
    p = plicht(persoon={"voornamen": "Amal", "voorvoegsels": "el", "achternaam": "Haddad",
                        "geboortedatum": date(1990, 2, 3)})  # fmt: skip
    b2 = blok(html(login(raadpleger).get(url(p))), "personalia")
    assert [veld(b2, label) for label in ("Voornaam", "Achternaam", "Geboortedatum", "Burgerservicenummer")] == [
        "Amal", "el Haddad", "03-02-1990", p.persoon.bsn]  # fmt: skip


@time_machine.travel(IN_VENSTER, tick=False)
def test_b3_no_contactpersoon_state_with_koppel_for_mut_only(login, medewerker, raadpleger, plicht):
    p = plicht()
    b3 = blok(html(login(medewerker).get(url(p))), "contactpersoon")
    assert "LET OP" in b3 and "Er is aan deze inburgeringsplichtige nog geen contactpersoon gekoppeld." in b3
    assert links(b3) == ["Koppel"]
    assert links(blok(html(login(raadpleger).get(url(p))), "contactpersoon")) == []


# --- B-4 Inburgeringsplicht -----------------------------------------------------------------------------


@time_machine.travel(NA_VENSTER, tick=False)
def test_b4_doelgroep_and_termijn_of_a_running_plicht(login, raadpleger, plicht):
    p = plicht(verblijfsdoel_gewijzigd="Van asielstatushouder naar gezinsmigrant en overige migrant.",
               datum_wijziging_verblijfsdoel=date(2024, 3, 20), termijn_start=date(2024, 4, 2),
               termijn_einde=date(2027, 4, 1), reden_wijziging_termijn=RedenWijzigingTermijn.CORONA,
               datum_wijziging_termijn=date(2024, 5, 1))  # fmt: skip
    b4 = blok(html(login(raadpleger).get(url(p))), "inburgeringsplicht")
    assert veld(b4, "Doelgroep") == "Asielstatushouder"
    assert (
        veld(b4, "Verblijfsdoel gewijzigd") == "Van asielstatushouder naar gezinsmigrant en overige migrant."
    )
    assert veld(b4, "Datum wijziging verblijfsdoel") == "20-03-2024"
    assert [veld(b4, label) for label in ("Inburgeringsplichtig", "Datum start inburgeringsplicht",
            "Datum start inburgeringstermijn", "Datum einde inburgeringstermijn", "Reden einde",
            "Reden wijziging termijn", "Datum wijziging termijn")] == [
        "Ja", "01-03-2024", "02-04-2024", "01-04-2027", "NVT", "Corona verlenging", "01-05-2024"]  # fmt: skip
    assert f'href="{url(p, "doelgroep_historie")}"' in b4 and f'href="{url(p, "plicht_historie")}"' in b4


@time_machine.travel(NA_VENSTER, tick=False)
def test_b4_ended_plicht_shows_nee_and_the_reason(login, raadpleger, plicht):
    p = plicht(reden_einde=RedenEinde.ONTHEFFING, datum_einde=date(2024, 5, 1))
    b4 = blok(html(login(raadpleger).get(url(p))), "inburgeringsplicht")
    assert (
        veld(b4, "Inburgeringsplichtig") == "Nee" and veld(b4, "Reden einde") == "Gehele ontheffing toegekend"
    )


@pytest.mark.parametrize(
    ("vandaag", "zichtbaar"),
    [
        (date(2024, 4, 30), False),
        (date(2024, 5, 1), True),
        (date(2024, 6, 1), True),
        (date(2024, 6, 2), False),
    ],
)
def test_b4_r_pl_4_verblijfsdoel_melding_stays_one_month(login, raadpleger, plicht, vandaag, zichtbaar):
    p = plicht(datum_wijziging_verblijfsdoel=date(2024, 5, 1), rechten_op_verzoek_gewijzigd=date(2024, 5, 1))
    with time_machine.travel(
        datetime.combine(vandaag, datetime.min.time(), AMS) + timedelta(hours=12), tick=False
    ):
        b4 = blok(html(login(raadpleger).get(url(p))), "inburgeringsplicht")
    assert ("Het verblijfsdoel van deze persoon is gewijzigd." in b4) is zichtbaar
    assert ("De rechten van het verblijfsdoel zijn op verzoek gewijzigd." in b4) is zichtbaar


# --- B-5 Signalen ---------------------------------------------------------------------------------------


@time_machine.travel(IN_VENSTER, tick=False)
def test_b5_signal_counts_of_this_person_and_gemeente_and_raadplegen(
    login, raadpleger, plicht, groningen, almere
):
    p = plicht()
    SignaalFactory(persoon=p.persoon, gemeente=groningen)
    SignaalFactory(persoon=p.persoon, gemeente=groningen, status=Status.IN_BEHANDELING)
    SignaalFactory(persoon=p.persoon, gemeente=groningen, status=Status.AFGEHANDELD)
    SignaalFactory(persoon=p.persoon, gemeente=groningen, status=Status.AFGEHANDELD)
    SignaalFactory(persoon=p.persoon, gemeente=almere)  # another gemeente's signal
    SignaalFactory(persoon=p.persoon, gemeente=groningen, wet=Wet.WI2013, code="SS601")  # another law
    b5 = blok(html(login(raadpleger).get(url(p))), "signalen")
    assert [veld(b5, label) for label in ("Totaal", "Nieuw", "In behandeling", "Afgehandeld")] == [
        "4",
        "1",
        "1",
        "2",
    ]
    raadplegen = f"{reverse('signalen:selecteren', args=['wi2021'])}?persoon={p.persoon_id}"
    assert f'href="{raadplegen}"' in b5 and links(b5) == ["Raadplegen"]


@time_machine.travel(IN_VENSTER, tick=False)
def test_b5_no_raadplegen_without_signals(login, raadpleger, plicht):
    b5 = blok(html(login(raadpleger).get(url(plicht()))), "signalen")
    assert veld(b5, "Totaal") == "0" and links(b5) == []


# --- B-7 PIP --------------------------------------------------------------------------------------------


@time_machine.travel(IN_VENSTER, tick=False)
def test_b7_without_pip_let_op_with_the_ten_week_window_and_geef_door(login, medewerker, plicht):
    p = plicht(pip_venster_start=date(2024, 3, 15))
    b7 = blok(html(login(medewerker).get(url(p))), "pip")
    assert (
        "LET OP" in b7
        and "Deze inburgeraar heeft nog geen persoonlijk plan inburgering en participatie (PIP)." in b7
    )
    assert veld(b7, "Startdatum 10 weken termijn voor doorgeven PIP") == "15-03-2024"
    assert veld(b7, "Einddatum 10 weken termijn voor doorgeven PIP") == "24-05-2024"  # +70 days
    geef_door = reverse("wi2021:pip_doorgeven", kwargs={"persoon": p.persoon_id, "stap": 1})
    assert f'href="{geef_door}"' in b7 and links(b7) == ["Geef door"]


@time_machine.travel(IN_VENSTER, tick=False)
def test_b7_with_pip_inside_the_window_every_field_and_the_ter_informatie_box(
    login, medewerker, plicht, groningen
):
    p = plicht()
    services.pip_doorgeven(actor=medewerker, gemeente=groningen, persoon=p.persoon,
                           data=pip_data(toestemming_nvo=True))  # fmt: skip
    b7 = blok(html(login(medewerker).get(url(p))), "pip")
    assert [veld(b7, label) for label in (
        "Datum dagtekening initiële PIP", "Datum dagtekening PIP", "Datum registratie PIP", "Alfabetisering",
        "Leerroute", "Niveau", "Geschatte uren intensiteit in de opleiding",
        "Toestemming niet-vrijstellende opleiding", "Gemeente (ten tijde van opvoeren PIP)")] == [
        "01-04-2024", "01-04-2024", "10-04-2024", "Niet van toepassing", "B1-route", "B1", "600", "Ja", "Groningen"]  # fmt: skip
    assert "Aangepaste uren belastbaarheid participatie-activiteit" not in b7  # only when filled (D-15)
    assert "TER INFORMATIE" in b7 and "PIP gemeld bij DUO." in b7 and m.PIP_GEMELD.tekst in tekst(b7)
    verwijderen = reverse("wi2021:pip_verwijderen", kwargs={"persoon": p.persoon_id})
    assert links(b7) == ["Wijzig", "Verwijder", "Verwijder PIP"] and b7.count(f'href="{verwijderen}"') == 2
    wijzigen = reverse("wi2021:pip_wijzigen", kwargs={"persoon": p.persoon_id, "stap": 1})
    assert f'href="{wijzigen}"' in b7


@time_machine.travel(NA_VENSTER, tick=False)
def test_b7_after_the_window_no_box_and_no_verwijder(login, medewerker, plicht, pip):
    b7 = blok(html(login(medewerker).get(url(pip(plicht(), definitief=True).plicht))), "pip")
    assert "TER INFORMATIE" not in b7 and links(b7) == ["Wijzig"]


@time_machine.travel(NA_VENSTER, tick=False)
def test_b7_historie_link_only_when_an_earlier_version_exists(login, medewerker, plicht, pip, groningen):
    p = plicht()
    eigen = pip(p, definitief=True)
    assert "Historie" not in links(blok(html(login(medewerker).get(url(p))), "pip"))
    services.pip_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon, versie=eigen.versiekenmerk,
                          data=pip_data(dagtekening=date(2024, 5, 20), niveau=Niveau.B1))  # fmt: skip
    b7 = blok(html(login(medewerker).get(url(p))), "pip")
    assert links(b7) == ["Wijzig", "Historie"] and f'href="{url(p, "pip_historie")}"' in b7


@time_machine.travel(NA_VENSTER, tick=False)
def test_b7_d15_aangepaste_uren_shown_when_filled(login, raadpleger, plicht, pip):
    p = plicht()
    pip(p, leerroute=Leerroute.Z, niveau=Niveau.NVT, aangepaste_uren_participatie=400, definitief=True)
    b7 = blok(html(login(raadpleger).get(url(p))), "pip")
    assert veld(b7, "Aangepaste uren belastbaarheid participatie-activiteit") == "400"
    assert (
        veld(b7, "Leerroute") == "Zelfredzaamheidsroute (Z-route)"
        and veld(b7, "Niveau") == "niet van toepassing"
    )


# --- Who sees which links --------------------------------------------------------------------------------


@time_machine.travel(IN_VENSTER, tick=False)
@pytest.mark.parametrize("met_pip", [False, True])
def test_r_acc_4_read_role_sees_no_mutation_links(login, raadpleger, plicht, pip, met_pip):
    p = plicht(pip_venster_start=date(2024, 3, 15))
    if met_pip:
        pip(p)
    pagina = html(login(raadpleger).get(url(p)))
    assert mutatielinks(pagina) == set()
    assert ("TER INFORMATIE" in pagina) is met_pip  # the information itself is not a mutation


@time_machine.travel(IN_VENSTER, tick=False)
@pytest.mark.parametrize("met_pip", [False, True])
def test_r_acc_3_deceased_as602_shown_and_no_mutation_links(login, medewerker, plicht, pip, met_pip):
    p = plicht(persoon={"datum_overlijden": date(2024, 4, 5)})
    if met_pip:
        pip(p)
    pagina = html(login(medewerker).get(url(p)))
    kop = pagina.index('<div class="wi21-overzicht">')
    assert pagina.index("AS 602 Persoon is volgens BRP overleden") < kop  # above the data
    assert mutatielinks(pagina) == set()


@time_machine.travel(IN_VENSTER, tick=False)
def test_d37_old_gemeente_views_in_its_window_but_gets_no_pip_links(
    login, medewerker, almere_mut, plicht, pip, almere
):
    p = plicht()
    pip(p)
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 4, 5)}
    )
    oud = html(login(medewerker).get(url(p)))
    assert "TER INFORMATIE" in oud and mutatielinks(blok(oud, "pip")) == set()
    # ... but keeps its MAP/PVT and uren rights in the window (D-03, R-UR-10).
    assert "Geef door" in links(blok(oud, "map-pvt"))
    nieuw = html(login(almere_mut).get(url(p)))  # the new gemeente re-establishes it by changing it (R-ACC-7)
    assert mutatielinks(blok(nieuw, "pip")) == {"Wijzig", "Verwijder", "Verwijder PIP"}


@time_machine.travel(IN_VENSTER, tick=False)
def test_mut_without_pip_after_the_plicht_ended_gets_no_geef_door(login, medewerker, plicht):
    p = plicht(reden_einde=RedenEinde.DIPLOMA, datum_einde=date(2024, 4, 1))  # FS 675
    assert mutatielinks(blok(html(login(medewerker).get(url(p))), "pip")) == set()


# --- B-6, B-8 … B-15 -------------------------------------------------------------------------------------


@time_machine.travel(NA_VENSTER, tick=False)
def test_b8_b9_b10_states_for_an_asielstatushouder(login, medewerker, plicht, pip):
    p = plicht()
    pip(p, leerroute=Leerroute.O, niveau=Niveau.B1, geschatte_uren=None, definitief=True)
    pagina = html(login(medewerker).get(url(p)))
    assert "LET OP" in blok(pagina, "inburgeringsaanbod")
    assert "Er is voor deze persoon nog geen inburgeringsaanbod doorgegeven." in blok(
        pagina, "inburgeringsaanbod"
    )
    b9 = tekst(blok(pagina, "map-pvt"))
    assert "Traject Datum voldaan MAP NVT PVT -" in b9  # MAP does not apply to the Onderwijsroute
    b10 = tekst(blok(pagina, "uren"))
    assert (
        "Deelgenomen uren bij de gemeente" in b10
        and "Er zijn nog geen uren taalles en KNM doorgegeven." in b10
    )
    for soort in ("Participatie uren", "Participatie uren (taallesuren)", "Taallesuren uit brede intake"):
        assert f"{soort} Geef door" in b10  # nothing registered yet; the own PIP allows it (FS 657)
    assert links(blok(pagina, "map-pvt")) == ["Geef door"]  # PVT only: MAP is NVT
    for anker in ("leerbaarheidstoets", "bio", "eindgesprek"):
        assert links(blok(pagina, anker)) == []


@time_machine.travel(NA_VENSTER, tick=False)
def test_b8_b10_gezinsmigrant_meldingen(login, raadpleger, plicht):
    pagina = html(login(raadpleger).get(url(plicht(doelgroep=Doelgroep.GEZINSMIGRANT))))
    assert m.AANBOD_GEZINSMIGRANT.tekst in tekst(blok(pagina, "inburgeringsaanbod"))
    assert m.UREN_GEZINSMIGRANT.tekst in tekst(blok(pagina, "uren"))
    assert "MAP -" in tekst(blok(pagina, "map-pvt"))


def _poging(plicht, onderdeel, niveau, datum, status, nr):
    return Examenpoging.objects.create(plicht=plicht, onderdeel=onderdeel, niveau=niveau, datum=datum, status=status,
                                       poging=nr, sleutel=f"{plicht.pk}-{onderdeel}-{niveau}-{nr}")  # fmt: skip


def examenrijen(pagina: str, niveau: str) -> list[list[str]]:
    deel = re.search(rf"Examens niveau {niveau}</h3>(.*?)</table>", pagina, re.S)
    assert deel, f"geen blok voor niveau {niveau}"
    return [[tekst(c) for c in re.findall(r"<t[hd] [^>]*>(.*?)</t[hd]>", r, re.S)]
            for r in re.findall(r"<tr class=\"utrecht-table__row\">(.*?)</tr>", deel.group(1), re.S)][1:]  # fmt: skip


@time_machine.travel(NA_VENSTER, tick=False)
def test_b11_examens_pip_niveau_block_free_attempts_and_other_niveaus(login, raadpleger, plicht, pip):
    p = plicht()
    pip(p, definitief=True)  # B1-route, B1
    _poging(p, Examenonderdeel.LEZEN, Examenniveau.B1, date(2024, 4, 1), Examenstatus.NIET_GESLAAGD, 1)
    _poging(p, Examenonderdeel.LEZEN, Examenniveau.B1, date(2024, 5, 1), Examenstatus.GEPLAND, 2)
    _poging(p, Examenonderdeel.SPREKEN, Examenniveau.B1, date(2024, 3, 1), Examenstatus.NIET_GESLAAGD, 1)
    _poging(p, Examenonderdeel.SPREKEN, Examenniveau.B1, date(2024, 4, 1), Examenstatus.NIET_GESLAAGD, 2)
    _poging(p, Examenonderdeel.SPREKEN, Examenniveau.B1, date(2024, 5, 1), Examenstatus.NIET_GESLAAGD, 3)
    _poging(p, Examenonderdeel.LUISTEREN, Examenniveau.A2, date(2024, 2, 1), Examenstatus.NIET_VERWIJTBAAR, 1)
    b11 = blok(html(login(raadpleger).get(url(p))), "examens")
    assert re.findall(r"Examens niveau (\w+)", b11) == ["B1", "A2"]  # the PIP niveau first (D-47)
    assert examenrijen(b11, "B1") == [
        ["KNM (Kennis Nederlandse Maatschappij)", "-", "2 over", "Nog te doen"],
        ["Lezen op B1 niveau", "01-05-2024", "1 over", "Gepland"],  # most recent attempt (R-EX-2)
        ["Luisteren op B1 niveau", "-", "2 over", "Nog te doen"],
        ["Schrijven op B1 niveau", "-", "2 over", "Nog te doen"],
        ["Spreken op B1 niveau", "01-05-2024", "0 over", "Niet geslaagd"],  # never below 0
    ]
    assert examenrijen(b11, "A2")[2] == ["Luisteren op A2 niveau", "01-02-2024", "0 over", "Geen resultaat, niet verwijtbaar"]  # fmt: skip


@time_machine.travel(NA_VENSTER, tick=False)
def test_b11_r_ex_3_gezinsmigrant_has_no_free_attempts(login, raadpleger, plicht, pip):
    p = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    pip(p, definitief=True)
    rijen = examenrijen(blok(html(login(raadpleger).get(url(p))), "examens"), "B1")
    assert {rij[2] for rij in rijen} == {"0 over"}


@time_machine.travel(NA_VENSTER, tick=False)
def test_b11_r_ex_1_z_route_without_attempts_has_no_exams(login, raadpleger, plicht, pip):
    p = plicht()
    pip(p, leerroute=Leerroute.Z, niveau=Niveau.A2, definitief=True)
    client = login(raadpleger)
    assert "Er zijn nog geen examens" in blok(html(client.get(url(p))), "examens")
    _poging(p, Examenonderdeel.KNM, Examenniveau.A2, date(2024, 5, 1), Examenstatus.GESLAAGD, 1)
    b11 = blok(html(client.get(url(p))), "examens")
    assert "Er zijn nog geen examens" not in b11
    assert examenrijen(b11, "A2")[0] == [
        "KNM (Kennis Nederlandse Maatschappij)",
        "01-05-2024",
        "1 over",
        "Geslaagd",
    ]


@time_machine.travel(NA_VENSTER, tick=False)
def test_b12_boetes_and_b13_verzoeken(login, raadpleger, plicht):
    p = plicht()
    Verzoek.objects.create(plicht=p, extern_id="v1", soort=SoortVerzoek.VRIJSTELLING, toelichting="Geheel AVI",
                           status=StatusVerzoek.TOEGEKEND, datum_ontvangst=date(2022, 12, 16),
                           datum_besluit=date(2023, 1, 21))  # fmt: skip
    Verzoek.objects.create(plicht=p, extern_id="v2", soort=SoortVerzoek.VERLENGING, toelichting="Verlenging",
                           datum_ontvangst=date(2024, 5, 2))  # fmt: skip
    pagina = html(login(raadpleger).get(url(p)))
    assert "Er zijn (nog) geen boetes opgelegd door DUO." in blok(pagina, "boetes")
    b13 = blok(pagina, "aanvragen")
    assert "Verzoeken</h3>" in b13
    assert re.findall(r'<th class="utrecht-table__header-cell" scope="col">(.*?)</th>', b13) == [
        "Type verzoek", "Toelichting", "Status", "Datum ontvangst", "Datum besluit"]  # fmt: skip
    rijen = [tekst(r) for r in re.findall(r"<tr class=\"utrecht-table__row\"><td.*?</tr>", b13, re.S)]
    assert rijen == [
        "Verlenging Verlenging 02-05-2024",
        "Vrijstelling Geheel AVI Toegekend 16-12-2022 21-01-2023",
    ]


# --- Refusals (§4.2 a, R-ACC-2, A-4) ----------------------------------------------------------------------


@pytest.mark.parametrize("naam", PAGINAS)
def test_fs617_another_gemeentes_person_is_404_on_every_page(login, almere_mut, plicht, pip, naam):
    p = plicht()
    pip(p)
    response = login(almere_mut).get(url(p, naam))
    assert response.status_code == 404
    pagina = response.content.decode()
    assert "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente" in pagina
    assert p.persoon.bsn not in pagina and p.persoon.achternaam not in pagina
    assert not AuditEntry.objects.filter(actie=AuditActie.BEKIJKEN).exists()


def test_fs617_unknown_id_is_404_like_another_gemeente(login, raadpleger, groningen):
    response = login(raadpleger).get(reverse("wi2021:overzicht", kwargs={"persoon": 999999}))
    assert response.status_code == 404 and "FS 617" in response.content.decode()


@pytest.mark.parametrize("naam", PAGINAS)
def test_fs636_other_law_and_fs655_never_plichtig_404(login, raadpleger, groningen, naam):
    wi2013 = PersoonFactory(wet=Wet.WI2013, woongemeente=groningen)
    zonder_plicht = PersoonFactory(wet=Wet.WI2021, woongemeente=groningen)
    client = login(raadpleger)
    for persoon, status, melding in ((wi2013, 404, "FS 636 Persoon valt niet onder WI2021"),
                                     (zonder_plicht, 404, "FS 655 Persoon is niet inburgeringsplichtig")):  # fmt: skip
        response = client.get(reverse(f"wi2021:{naam}", kwargs={"persoon": persoon.pk}))
        assert response.status_code == status and melding in response.content.decode()
        assert persoon.bsn not in response.content.decode()


@pytest.mark.parametrize("naam", PAGINAS)
def test_a4_posts_refused_read_role_403_mut_405(login, raadpleger, medewerker, plicht, naam):
    p = plicht()
    assert login(raadpleger).post(url(p, naam)).status_code == 403
    assert login(medewerker).post(url(p, naam)).status_code == 405


def test_without_a_wi2021_role_403(login, groningen, plicht):
    alleen_wi2013 = UserFactory(username="wi2013", rollen={groningen: [Rol.WI2013MUT]})
    assert login(alleen_wi2013).get(url(plicht())).status_code == 403


# --- Audit (A-8, R-ACC-13) --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "omschrijving"),
    [("overzicht", "Overzichtsscherm inburgeraar WI2021"), ("doelgroep_historie", "Doelgroep historie WI2021"),
     ("plicht_historie", "Inburgeringsplicht historie WI2021"), ("pip_historie", "PIP historie WI2021")],
)  # fmt: skip
def test_r_acc_13_every_view_is_audited(login, raadpleger, plicht, pip, naam, omschrijving):
    p = plicht()
    pip(p)
    html(login(raadpleger).get(url(p, naam)))
    entry = AuditEntry.objects.get(actie=AuditActie.BEKIJKEN)
    assert (entry.gebruiker, entry.gemeente_code, entry.bsn, entry.omschrijving) == (
        "raadpleger", "0014", p.persoon.bsn, omschrijving)  # fmt: skip


# --- History pages (S-19, S-20, S-31) ----------------------------------------------------------------------


def kop_ok(pagina: str, p) -> None:
    assert "Gekozen gemeente: <strong>Groningen</strong>" in pagina
    # The page escapes the name (a faker name may hold an apostrophe): compare with the visible text.
    assert p.persoon.volledige_naam in tekst(pagina) and veld(pagina, "BSN") == p.persoon.bsn
    assert veld(pagina, "Geboortedatum") == p.persoon.geboortedatum.strftime("%d-%m-%Y")
    assert f'href="{url(p)}">← Terug naar overzicht</a>' in pagina


def test_s19_doelgroep_historie_newest_first(login, raadpleger, plicht):
    p = plicht(persoon={"geboortedatum": date(1985, 7, 1)})
    DoelgroepHistorie.objects.create(plicht=p, laatste_wijziging=date(2022, 1, 16), doelgroep=Doelgroep.ASIELSTATUSHOUDER,
                                     verblijfsdoel_gewijzigd="Verblijfsdoel vastgesteld")  # fmt: skip
    DoelgroepHistorie.objects.create(
        plicht=p, laatste_wijziging=date(2023, 2, 28), doelgroep=Doelgroep.ASIELSTATUSHOUDER,
        verblijfsdoel_gewijzigd="Van asielstatushouder naar gezinsmigrant en overige migrant. Met behoud van rechten "
        "asielstatushouder.",
    )  # fmt: skip
    pagina = html(login(raadpleger).get(url(p, "doelgroep_historie")))
    kop_ok(pagina, p)
    rijen = [tekst(r) for r in re.findall(r"<tr class=\"utrecht-table__row\"><td.*?</tr>", pagina, re.S)]
    assert rijen == [
        "28-02-2023 Asielstatushouder Van asielstatushouder naar gezinsmigrant en overige migrant. Met behoud van "
        "rechten asielstatushouder.",
        "16-01-2022 Asielstatushouder Verblijfsdoel vastgesteld",
    ]


def test_s20_plicht_historie_newest_first_with_details(login, raadpleger, plicht):
    p = plicht(persoon={"geboortedatum": date(1985, 7, 1)})
    TermijnHistorie.objects.create(plicht=p, laatste_wijziging=date(2022, 3, 5), termijn_start=date(2022, 3, 6),
                                   termijn_einde=date(2025, 3, 5), reden_wijziging=RedenWijzigingTermijn.HERBEPALING)  # fmt: skip
    TermijnHistorie.objects.create(plicht=p, laatste_wijziging=date(2023, 1, 10), termijn_start=date(2022, 3, 6),
                                   termijn_einde=date(2025, 9, 5), reden_wijziging=RedenWijzigingTermijn.CORONA)  # fmt: skip
    pagina = html(login(raadpleger).get(url(p, "plicht_historie")))
    kop_ok(pagina, p)
    assert veld(pagina, "Datum start inburgeringsplicht") == "01-03-2024"
    rijen = re.findall(r"<details class=\"wi21-historie__rij\">(.*?)</details>", pagina, re.S)
    samenvattingen = [tekst(re.sub(r'<span class="wi21-verborgen">.*?</span>', "", re.search(r"<summary>(.*?)</summary>", r, re.S).group(1))) for r in rijen]  # fmt: skip
    assert samenvattingen == ["10-01-2023 06-03-2022 05-09-2025", "05-03-2022 06-03-2022 05-03-2025"]
    oudste = rijen[1]
    assert [veld(oudste, label) for label in ("Verblijfsdoel gewijzigd", "Reden einde inburgeringstermijn",
            "Reden wijziging inburgeringstermijn")] == ["N.v.t.", "N.v.t.", "(Her)bepaling termijn"]  # fmt: skip


def test_s31_pip_historie_newest_first_with_details(
    login, medewerker, raadpleger, plicht, pip, groningen, almere
):
    p = plicht(persoon={"geboortedatum": date(1985, 7, 1)})
    eigen = pip(p, definitief=True)  # 02-04-2024 Groningen, B1-route B1, 600 uur
    PipHistorie.objects.create(
        pip=eigen, laatste_wijziging=datetime(2024, 9, 14, 9, 0, tzinfo=AMS), gebruiker="almere", gemeente=almere,
        dagtekening=date(2024, 9, 13), leerroute=Leerroute.Z, niveau=Niveau.NVT, alfabetisering=Alfabetisering.ANALFABEET,
        aangepaste_uren_participatie=300, gebeurtenis="gewijzigd",
    )  # fmt: skip
    pagina = html(login(raadpleger).get(url(p, "pip_historie")))
    kop_ok(pagina, p)
    assert tekst(re.search(r'<div class="wi21-historie__kop">.*?</div>', pagina, re.S).group(0)) == (
        "Laatste wijziging Leerroute Niveau Gemeente"
    )
    rijen = re.findall(r"<details class=\"wi21-historie__rij\">(.*?)</details>", pagina, re.S)
    samenvattingen = [tekst(re.sub(r'<span class="wi21-verborgen">.*?</span>', "", re.search(r"<summary>(.*?)</summary>", r, re.S).group(1))) for r in rijen]  # fmt: skip
    assert samenvattingen == [
        "14-09-2024 Zelfredzaamheidsroute (Z-route) niet van toepassing Almere",
        "02-04-2024 B1-route B1 Groningen",
    ]
    assert [veld(rijen[0], label) for label in ("Datum dagtekening PIP", "Geschatte uren intensiteit in de opleiding",
            "Alfabetisering", "Aangepaste uren belastbaarheid participatie-activiteit")] == [
        "13-09-2024", "-", "Onderwijs voor analfabeet", "300"]  # fmt: skip
    assert [veld(rijen[1], label) for label in ("Datum dagtekening PIP", "Geschatte uren intensiteit in de opleiding",
            "Alfabetisering")] == ["01-04-2024", "600", "Niet van toepassing"]  # fmt: skip
    assert "Aangepaste uren" not in rijen[1]


def test_s31_without_pip_says_there_is_no_history(login, raadpleger, plicht):
    assert "Er is geen historie." in html(login(raadpleger).get(url(plicht(), "pip_historie")))


# --- Constant queries (few vs many rows) ------------------------------------------------------------------


def _veel(p, groningen, n: int) -> None:
    eigen = p.pip
    for i in range(n):
        dag = date(2024, 1, 1) + timedelta(days=i)
        DoelgroepHistorie.objects.create(plicht=p, laatste_wijziging=dag, doelgroep=Doelgroep.ASIELSTATUSHOUDER,
                                         verblijfsdoel_gewijzigd=f"wijziging {i}")  # fmt: skip
        TermijnHistorie.objects.create(plicht=p, laatste_wijziging=dag, termijn_start=dag, termijn_einde=dag)
        PipHistorie.objects.create(pip=eigen, laatste_wijziging=datetime(2024, 4, 3, tzinfo=AMS) + timedelta(days=i),
                                   gebruiker="x", gemeente=groningen, dagtekening=dag, leerroute=Leerroute.B1,
                                   niveau=Niveau.B1, alfabetisering=Alfabetisering.NVT, gebeurtenis="gewijzigd")  # fmt: skip
        DuoMelding.objects.create(persoon=p.persoon, titel=f"Melding {i}", startdatum=date(2024, 1, 1),
                                  einddatum=date(2024, 12, 31), sleutel=f"melding-{i}")  # fmt: skip
        for onderdeel in Examenonderdeel.values:
            _poging(
                p,
                onderdeel,
                Examenniveau.A2 if i % 2 else Examenniveau.B1,
                dag,
                Examenstatus.NIET_GESLAAGD,
                i + 1,
            )
        Verzoek.objects.create(
            plicht=p, extern_id=f"v{i}", soort=SoortVerzoek.ONTHEFFING, datum_ontvangst=dag
        )
        SignaalFactory(persoon=p.persoon, gemeente=groningen, feit=f"veel:{i}")


# Issue 15: the user and their autorisaties, the person with their current plicht (and what the rules read
# with it), the page's own reads, the audit entry.
QUERIES = {"overzicht": 12, "doelgroep_historie": 5, "plicht_historie": 5, "pip_historie": 5}


def _opwarmen(client, adres: str) -> None:
    """Two GETs: the first stores the active gemeente in the session, the second the sliding expiry's stamp
    (SessieVerlengenMiddleware, at most once a minute); from then on a GET writes no session."""
    for _ in range(2):
        html(client.get(adres))


@time_machine.travel(IN_VENSTER, tick=False)
@pytest.mark.parametrize("naam", PAGINAS)
def test_constant_number_of_queries_whatever_the_history(
    login, medewerker, plicht, pip, groningen, naam, django_assert_num_queries
):
    p = plicht()
    pip(p)
    client = login(medewerker)
    _opwarmen(client, url(p, naam))
    with django_assert_num_queries(QUERIES[naam]):
        html(client.get(url(p, naam)))
    _veel(p, groningen, 12)
    with django_assert_num_queries(QUERIES[naam]):
        pagina = html(client.get(url(p, naam)))
    # The many rows are really on the page.
    assert {"overzicht": "Melding 11", "doelgroep_historie": "wijziging 11", "plicht_historie": "12-01-2024",
            "pip_historie": "14-04-2024"}[naam] in pagina  # fmt: skip


def _alles(p, groningen) -> None:
    """One row of everything S-18 reads, in every block."""
    PipHistorie.objects.create(pip=p.pip, laatste_wijziging=datetime(2024, 4, 3, 9, 0, tzinfo=AMS), gebruiker="x",
                               gemeente=groningen, dagtekening=date(2024, 4, 1), leerroute=Leerroute.B1,
                               niveau=Niveau.B1, alfabetisering=Alfabetisering.NVT, gebeurtenis="gecorrigeerd")  # fmt: skip
    henk = Contactpersoon.objects.create(gemeente=groningen, naam="Henk", email="henk@gemeente.nl")
    Koppeling.objects.create(persoon=p.persoon, gemeente=groningen, contactpersoon=henk)
    for traject in Traject.values:
        Trajectresultaat.objects.create(plicht=p, traject=traject, datum=date(2024, 4, 8), gemeente=groningen,
                                        geregistreerd_op=IN_VENSTER)  # fmt: skip
    a = aanbod(p, groningen, datum_inschrijving=date(2024, 4, 8), geregistreerd_op=IN_VENSTER)
    AanbodHistorie.objects.create(aanbod=a, gewijzigd_op=IN_VENSTER, gebruiker="x", datum_inschrijving=date(2024, 4, 2),
                                  alfabetisering=Alfabetisering.NVT)  # fmt: skip
    Urenstand.objects.create(plicht=p, gemeente=groningen, soort=Urensoort.PARTICIPATIE, aantal=10,
                             datum_tot=date(2024, 4, 8), geregistreerd_op=IN_VENSTER)  # fmt: skip
    Leerbaarheidstoets.objects.create(plicht=p, gemeente=groningen, examennummer="100124583541",
                                      datum_aanmelding=date(2024, 3, 10), einde_aanmeldtermijn=date(2025, 3, 10))  # fmt: skip
    BioAdviesVerzoek.objects.create(plicht=p, aanvraag_id="bio-1", datum=date(2024, 4, 1))
    EindgesprekZRoute.objects.create(plicht=p, datum=date(2024, 4, 9), gemeente=groningen, geregistreerd_op=IN_VENSTER,
                                     gewijzigd_op=IN_VENSTER)  # fmt: skip
    SignaalFactory(persoon=p.persoon, gemeente=groningen)
    _poging(p, Examenonderdeel.values[0], Examenniveau.B1, date(2024, 4, 1), Examenstatus.NIET_GESLAAGD, 1)
    Verzoek.objects.create(
        plicht=p, extern_id="v1", soort=SoortVerzoek.ONTHEFFING, datum_ontvangst=date(2024, 4, 1)
    )
    DuoMelding.objects.create(persoon=p.persoon, titel="Melding", startdatum=date(2024, 4, 1),
                              einddatum=date(2024, 4, 30), sleutel="melding")  # fmt: skip


SITUATIES = ("zonder PIP", "met PIP", "alles", "oude gemeente na verhuizing", "nieuwe gemeente na verhuizing")


@time_machine.travel(IN_VENSTER, tick=False)
@pytest.mark.parametrize("situatie", SITUATIES)
def test_s18_costs_the_same_queries_for_every_person(
    login, medewerker, almere_mut, plicht, pip, groningen, almere, situatie, django_assert_num_queries
):
    """Issue 15: what differs between persons (a PIP, a move, the old or the new gemeente looking, data in every
    block) is read with the plicht or by a block's own query, never by an extra one."""
    p = plicht()
    if situatie != "zonder PIP":
        pip(p)
    if situatie not in ("zonder PIP", "met PIP"):
        _alles(p, groningen)
    gebruiker = medewerker
    if "verhuizing" in situatie:
        persoon_wijzigen(
            actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 4, 5)}
        )
        # Almere re-established the PIP: Groningen's window ends 28 days later (D-03), Almere's PIP is not its
        # own (D-04).
        PipHistorie.objects.create(pip=p.pip, laatste_wijziging=datetime(2024, 4, 6, 9, 0, tzinfo=AMS), gebruiker="y",
                                   gemeente=almere, dagtekening=date(2024, 4, 1), leerroute=Leerroute.B1,
                                   niveau=Niveau.B1, alfabetisering=Alfabetisering.NVT, gebeurtenis="gewijzigd")  # fmt: skip
        if situatie.startswith("nieuwe"):
            gebruiker = almere_mut
    client = login(gebruiker)
    _opwarmen(client, url(p))
    with django_assert_num_queries(QUERIES["overzicht"]):
        pagina = html(client.get(url(p)))
    if situatie == "alles":
        assert "Henk" in blok(pagina, "contactpersoon") and "Historie" in links(blok(pagina, "pip"))
        assert "08-04-2024" in blok(pagina, "map-pvt") and "Historie" in links(
            blok(pagina, "inburgeringsaanbod")
        )
    if situatie.startswith("oude"):
        assert m.VERHUISD.tekst in pagina and "Henk" in blok(pagina, "contactpersoon")
    if situatie.startswith("nieuwe"):
        assert m.VERHUISD.tekst not in pagina and "Henk" not in pagina


@time_machine.travel(IN_VENSTER, tick=False)
@pytest.mark.parametrize("kijker", ["groningen", "almere"])
@pytest.mark.parametrize("herbevestigd", [False, True])
def test_s18_reads_with_the_plicht_what_the_rules_and_blocks_otherwise_read_themselves(
    plicht, pip, groningen, almere, kijker, herbevestigd
):
    """`met_blokken` joins B-3's koppeling, B-7's flag and `voortgang`'s reads into the plicht query; every answer
    is the one the separate reads give (D-04 both ways: Almere with and without its own PIP registration)."""
    p = plicht()
    pip(p)
    _alles(p, groningen)
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 4, 5)}
    )
    if herbevestigd:
        PipHistorie.objects.create(pip=p.pip, laatste_wijziging=datetime(2024, 4, 6, 9, 0, tzinfo=AMS), gebruiker="y",
                                   gemeente=almere, dagtekening=date(2024, 4, 1), leerroute=Leerroute.B1,
                                   niveau=Niveau.B1, alfabetisering=Alfabetisering.NVT, gebeurtenis="gewijzigd")  # fmt: skip
    gemeente = {"groningen": groningen, "almere": almere}[kijker]
    los = regels.situatie(Persoon.objects.get(pk=p.persoon_id), gemeente)
    samen = regels.situatie_van(p.persoon_id, gemeente, lezen=selectors_overzicht.met_blokken)
    assert (samen.plicht, samen.pip, samen.rol, samen.venster_tot) == (
        los.plicht,
        los.pip,
        los.rol,
        los.venster_tot,
    )
    v_los, v_samen = regels.voortgang(los), regels.voortgang(samen)
    assert (v_samen.eigen_pip, v_samen.resultaten, v_samen.eindgesprek_z_route) == (
        v_los.eigen_pip, v_los.resultaten, v_los.eindgesprek_z_route)  # fmt: skip
    assert v_samen.eigen_pip == (kijker == "groningen" or herbevestigd)
    assert set(v_samen.resultaten) == {"MAP", "PVT"}
    assert blok_contactpersoon(samen, mag_muteren=True) == blok_contactpersoon(los, mag_muteren=True)
    assert selectors_overzicht.overzicht(samen) == selectors_overzicht.overzicht(los)
    assert selectors_overzicht.overzicht(samen).pip_historie
