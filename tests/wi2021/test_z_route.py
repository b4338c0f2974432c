"""Issue 12 "Wi2021 (3/3)" item 5: the Z-route — "Eindgesprek Z-route doorgeven" (S-49, S-50, B-15; R-Z-1…R-Z-4,
D-25), the daily finalisation (plicht ends, certificate, SS141), "Z-route Certificaten" (S-51) with "Handel af"
(S-52, R-Z-5…R-Z-7) and the certificate PDF (D-26), rendered by WeasyPrint for real."""

import io
from datetime import date, datetime

from django.db import reset_queries
from django.urls import reverse

import pytest
import time_machine
from pypdf import PdfReader

from inburgering.models import AuditEntry
from signalen.models import Signaal
from tests.wi2021.mapuren import AMS, NU, fouten, tekst, url, versie, weigering
from wi2021 import meldingen as m
from wi2021 import regels
from wi2021.constants import RedenEinde
from wi2021.models import EindgesprekZRoute, TermijnHistorie, Trajectresultaat, ZRouteCertificaat
from wi2021.services_z_route import eindgesprekken_definitief_maken

pytestmark = pytest.mark.django_db
pytest_plugins = ["tests.wi2021.mapuren_fixtures"]
vandaag = time_machine.travel(NU, tick=False)  # 01-06-2024 10:00

GEEF_DOOR = "Geef de datum van het eindgesprek Z-route door"
PERSOON_URLS = ("eindgesprek_uitleg", "eindgesprek_datum")


def registreer(persoon, traject, gemeente, datum):
    return Trajectresultaat.objects.create(
        plicht=persoon.wi2021_plichten.get(), traject=traject, datum=datum, gemeente=gemeente,
        geregistreerd_op=datetime(2024, 5, 25, 12, tzinfo=AMS),
    )  # fmt: skip


@pytest.fixture
def z_persoon(persoon_met_pip, groningen):
    """A Groningen resident in the Z-route with MAP (15-05-2024) and PVT (20-05-2024) registered (R-Z-1)."""

    def maak(*, pvt=True, leerroute="Z", **kwargs):
        p = persoon_met_pip(leerroute=leerroute, **kwargs)
        registreer(p, "MAP", groningen, date(2024, 5, 15))
        if pvt:
            registreer(p, "PVT", groningen, date(2024, 5, 20))
        return p

    return maak


def overzicht(client, persoon) -> str:
    return tekst(client.get(url("overzicht", persoon)))


def doorgeven(client, persoon, datum="25-05-2024", **extra):
    return client.post(url("eindgesprek_datum", persoon), {"datum": datum, **extra})


def certificaat_voor(client, persoon, *, tot=datetime(2024, 6, 15, 0, 30, tzinfo=AMS)) -> ZRouteCertificaat:
    """Register the eindgesprek today (01-06-2024) and run the daily job on `tot`."""
    assert doorgeven(client, persoon).status_code == 302
    with time_machine.travel(tot, tick=False):
        eindgesprekken_definitief_maken()
    return ZRouteCertificaat.objects.get(eindgesprek__plicht__persoon=persoon)


# --- R-Z-1: who gets the link -----------------------------------------------------------------------------


@vandaag
def test_r_z_1_b15_link_only_for_the_z_route_with_map_and_pvt_done(mut, z_persoon):
    zonder_pvt = z_persoon(pvt=False)
    b1_route = z_persoon(leerroute="B1")
    klaar = z_persoon()
    for niet in (zonder_pvt, b1_route):
        pagina = overzicht(mut, niet)
        assert GEEF_DOOR not in pagina
        assert "Er is nog geen datum van het eindgesprek Z-route doorgegeven." in pagina
        # The pages refuse with D-22's text, a POST too (the rules layer answers, not the link).
        assert weigering(mut.get(url("eindgesprek_uitleg", niet))) == m.EINDGESPREK_NIET_MOGELIJK.tekst
        r = doorgeven(mut, niet)
        assert r.status_code == 200 and m.EINDGESPREK_NIET_MOGELIJK.tekst in fouten(r)
    assert GEEF_DOOR in overzicht(mut, klaar)
    assert not EindgesprekZRoute.objects.exists()


@vandaag
def test_r_z_1_read_role_sees_no_link(login, raadpleger, z_persoon):
    p = z_persoon()
    pagina = overzicht(login(raadpleger), p)
    assert "Eindgesprek Z-route doorgeven" in pagina and GEEF_DOOR not in pagina


# --- S-49, S-50, R-Z-3 ------------------------------------------------------------------------------------


@vandaag
def test_s49_s50_r_z_3_journey_with_success_message_b15_date_and_audit(mut, z_persoon):
    p = z_persoon()
    pagina = tekst(mut.get(url("eindgesprek_uitleg", p)))
    assert m.EINDGESPREK_UITLEG in pagina and "Verder" in pagina and "← Terug naar overzichtsscherm" in pagina
    pagina = tekst(mut.get(url("eindgesprek_datum", p)))
    for label in ("Eindgesprek Z-route doorgeven", p.volledige_naam, p.bsn, "Datum eindgesprek", "Bewaar",
                  "of annuleer", m.EINDGESPREK_TWEE_WEKEN):  # fmt: skip
        assert label in pagina, label
    r = mut.post(url("eindgesprek_datum", p), {"datum": "25-05-2024"}, follow=True)
    pagina = tekst(r)
    assert "De datum van het eindgesprek Z-route is doorgegeven aan DUO." in pagina
    assert "25-05-2024" in pagina and "Te wijzigen tot en met" in pagina and "14-06-2024" in pagina
    assert GEEF_DOOR not in pagina
    gesprek = EindgesprekZRoute.objects.get()
    assert gesprek.datum == date(2024, 5, 25) and not gesprek.definitief
    assert AuditEntry.objects.filter(
        bsn=p.bsn, actie="aanmaken", omschrijving="Eindgesprek Z-route doorgegeven"
    ).exists()
    assert AuditEntry.objects.filter(
        bsn=p.bsn, actie="bekijken", omschrijving__startswith="WI2021 Eindgesprek"
    ).exists()


# --- R-Z-2: the date --------------------------------------------------------------------------------------


@vandaag
@pytest.mark.parametrize(
    ("datum", "verwacht"),
    [
        ("02-06-2024", ["FS 999 Datum eindgesprek: Datum mag niet in toekomst liggen"]),
        ("14-05-2024", ["FS 999 Datum eindgesprek: Datum mag niet voor datum voldaan aan MAP liggen",
                        "FS 999 Datum eindgesprek: Datum mag niet voor datum voldaan aan PVT liggen"]),
        ("19-05-2024", ["FS 999 Datum eindgesprek: Datum mag niet voor datum voldaan aan PVT liggen"]),
        ("", ["FS 999 Datum eindgesprek: Veld is verplicht"]),
        ("31-02-2024", ["FS 999 Datum eindgesprek: Datum is ongeldig"]),
    ],
)  # fmt: skip
def test_r_z_2_datum_eindgesprek_refusals_keep_what_was_typed(mut, z_persoon, datum, verwacht):
    p = z_persoon()
    r = doorgeven(mut, p, datum)
    assert r.status_code == 200
    assert fouten(r) == verwacht
    assert f'value="{datum}"' in tekst(r) if datum else True
    assert not EindgesprekZRoute.objects.exists()


@vandaag
@pytest.mark.parametrize("datum", ["01-06-2024", "20-05-2024"])  # today; the PVT date itself (boundaries)
def test_r_z_2_today_and_the_pvt_date_itself_are_allowed(mut, z_persoon, datum):
    p = z_persoon()
    assert doorgeven(mut, p, datum).status_code == 302
    assert EindgesprekZRoute.objects.get().datum.strftime("%d-%m-%Y") == datum


# --- R-Z-4 / D-25 / D-06: the two weeks, then final --------------------------------------------------------


@vandaag
def test_r_z_4_change_until_d13_then_final_on_d14_plicht_ends_ss141(mut, medewerker, z_persoon, groningen):
    p = z_persoon()
    assert doorgeven(mut, p, "25-05-2024").status_code == 302  # registered on 01-06 (D)
    with time_machine.travel(datetime(2024, 6, 14, 23, 0, tzinfo=AMS), tick=False):  # D+13: still changeable
        mut.force_login(medewerker)  # a fresh session on the travelled clock
        pagina = overzicht(mut, p)
        assert "Wijzig" in pagina and "14-06-2024" in pagina
        r = mut.get(url("eindgesprek_datum", p))
        assert 'value="25-05-2024"' in tekst(r)
        assert doorgeven(mut, p, "27-05-2024", versie=versie(r)).status_code == 302
        assert eindgesprekken_definitief_maken() == 0  # the change did not restart the window (D-06)
    with time_machine.travel(datetime(2024, 6, 15, 0, 30, tzinfo=AMS), tick=False):  # D+14
        mut.force_login(medewerker)
        assert eindgesprekken_definitief_maken() == 1
        gesprek = EindgesprekZRoute.objects.get()
        assert gesprek.definitief_op == date(2024, 6, 15) and gesprek.datum == date(2024, 5, 27)
        plicht = gesprek.plicht
        assert plicht.reden_einde == RedenEinde.Z_ROUTE and plicht.datum_einde == date(2024, 5, 27)
        assert plicht.get_reden_einde_display() == "Zelfredzaamheidsroute afgerond"
        signaal = Signaal.objects.get(code="SS141")
        assert signaal.persoon == p and signaal.gemeente == groningen and signaal.datum == date(2024, 6, 15)
        assert ZRouteCertificaat.objects.get().gemeente == groningen
        pagina = overzicht(mut, p)
        assert (
            "Definitief sinds" in pagina
            and "15-06-2024" in pagina
            and "Zelfredzaamheidsroute afgerond" in pagina
        )
        # Final: the plicht is voldaan, so no change at all (FS 675, D-05).
        assert weigering(mut.get(url("eindgesprek_datum", p))) == m.FS675.weergave()
        r = doorgeven(mut, p, "28-05-2024", versie=f"{gesprek.pk}-{gesprek.versie}")
        assert m.FS675.weergave() in fouten(r)
    assert EindgesprekZRoute.objects.get().datum == date(2024, 5, 27)


@vandaag
def test_r_z_4_finalisation_run_twice_is_once(mut, z_persoon):
    p = z_persoon()
    doorgeven(mut, p)
    with time_machine.travel(datetime(2024, 6, 16, 1, 0, tzinfo=AMS), tick=False):
        assert eindgesprekken_definitief_maken() == 1
        assert eindgesprekken_definitief_maken() == 0
    assert Signaal.objects.filter(code="SS141", persoon=p).count() == 1
    assert ZRouteCertificaat.objects.count() == 1
    assert TermijnHistorie.objects.filter(plicht__persoon=p, reden_einde=RedenEinde.Z_ROUTE).count() == 1


@vandaag
def test_fs_640_a_change_must_change_the_date(mut, z_persoon):
    p = z_persoon()
    doorgeven(mut, p, "25-05-2024")
    r = mut.get(url("eindgesprek_datum", p))
    assert fouten(doorgeven(mut, p, "25-05-2024", versie=versie(r))) == [m.FS640.weergave()]


@vandaag
def test_two_caseworkers_the_second_gets_the_outdated_message(mut, z_persoon):
    p = z_persoon()
    eerste, tweede = mut.get(url("eindgesprek_datum", p)), mut.get(url("eindgesprek_datum", p))
    assert doorgeven(mut, p, "25-05-2024", versie=versie(eerste)).status_code == 302
    r = doorgeven(mut, p, "26-05-2024", versie=versie(tweede))
    assert fouten(r)[0].startswith("Deze gegevens zijn intussen door een ander gewijzigd.")
    assert EindgesprekZRoute.objects.get().datum == date(2024, 5, 25)


# --- FS 629 hook (D-16) ------------------------------------------------------------------------------------


@vandaag
def test_fs_629_pvt_and_map_locked_once_an_eindgesprek_is_registered(mut, z_persoon):
    p = z_persoon()
    assert regels.eindgesprek_z_route_doorgegeven(regels.situatie(p, p.woongemeente)) is False
    doorgeven(mut, p)
    assert regels.eindgesprek_z_route_doorgegeven(regels.situatie(p, p.woongemeente)) is True
    for naam in ("pvt_wijzigen", "pvt_verwijderen"):
        assert weigering(mut.get(url(naam, p))) == m.FS629.weergave(), naam
    for naam in ("map_wijzigen", "map_verwijderen"):
        assert weigering(mut.get(url(naam, p))) == m.MAP_EINDGESPREK.tekst, naam


# --- Access -----------------------------------------------------------------------------------------------


@vandaag
def test_read_role_is_refused_on_every_z_route_post_and_get(login, mut, raadpleger, z_persoon):
    p = z_persoon()
    cert = certificaat_voor(mut, z_persoon())
    client = login(raadpleger)
    for naam in PERSOON_URLS:
        assert client.post(url(naam, p), {"datum": "25-05-2024"}).status_code == 403, naam
        assert client.get(url(naam, p)).status_code == 403, naam
    lijst = reverse("wi2021:z_certificaten")
    afhandelen = reverse("wi2021:z_certificaat_afhandelen", args=[cert.pk])
    download = reverse("wi2021:z_certificaat_download", args=[cert.pk])
    for adres in (lijst, afhandelen, download):
        assert client.get(adres).status_code == 403, adres
        assert client.post(adres, {"bsn": p.bsn}).status_code == 403, adres
    assert EindgesprekZRoute.objects.count() == 1
    assert ZRouteCertificaat.objects.get().afgehandeld_op is None


@vandaag
def test_another_gemeentes_person_and_certificate_are_404_on_every_url(mut, z_persoon, almere, groningen):
    elders = z_persoon(persoon={"woongemeente": almere})
    for naam in PERSOON_URLS:
        assert mut.get(url(naam, elders)).status_code == 404, naam
        assert mut.post(url(naam, elders), {"datum": "25-05-2024"}).status_code == 404, naam
    cert = certificaat_voor(mut, z_persoon())
    ZRouteCertificaat.objects.filter(pk=cert.pk).update(gemeente=almere)
    for naam in ("z_certificaat_afhandelen", "z_certificaat_download"):
        adres = reverse(f"wi2021:{naam}", args=[cert.pk])
        assert mut.get(adres).status_code == 404, naam
        assert mut.post(adres).status_code in (404, 405), naam
    assert mut.get(reverse("wi2021:z_certificaat_download", args=[999999])).status_code == 404
    assert not EindgesprekZRoute.objects.filter(plicht__persoon=elders).exists()
    assert ZRouteCertificaat.objects.get().afgehandeld_op is None
    assert "Er zijn geen Z-route certificaten gevonden." in tekst(mut.get(reverse("wi2021:z_certificaten")))


# --- S-51, S-52 (R-Z-5, R-Z-7) ------------------------------------------------------------------------------


@vandaag
def test_r_z_5_s51_list_toggle_bsn_search_and_sorting(mut, z_persoon):
    a = certificaat_voor(mut, z_persoon(persoon={"achternaam": "Zwart"}))
    b = certificaat_voor(mut, z_persoon(persoon={"achternaam": "Amrani"}))
    ZRouteCertificaat.objects.filter(pk=a.pk).update(afgehandeld_op=date(2024, 6, 16))
    lijst = reverse("wi2021:z_certificaten")
    pagina = tekst(mut.get(lijst))
    for kop in (
        "BSN",
        "Achternaam",
        "Datum eindgesprek",
        "Download",
        "Handel af",
        "Burgerservicenummer",
        "Zoek",
    ):
        assert kop in pagina, kop
    assert "Amrani" in pagina and "Zwart" not in pagina  # "Ja": only the certificates not yet handled
    pagina = tekst(mut.get(lijst + "?open=nee"))
    assert "Zwart" in pagina and "Afgehandeld op 16-06-2024" in pagina
    gesorteerd = tekst(mut.get(lijst + "?open=nee&sort=achternaam"))
    assert gesorteerd.index("Amrani") < gesorteerd.index("Zwart")
    gesorteerd = tekst(mut.get(lijst + "?open=nee&sort=-achternaam"))
    assert gesorteerd.index("Zwart") < gesorteerd.index("Amrani")
    # BSN search: POST → session → the list, no BSN in the URL.
    bsn_a = a.eindgesprek.plicht.persoon.bsn
    r = mut.post(lijst + "?open=nee", {"bsn": bsn_a})
    assert r.status_code == 302 and bsn_a not in r["Location"]
    pagina = tekst(mut.get(r["Location"]))
    assert "Zwart" in pagina and "Amrani" not in pagina
    r = mut.post(lijst, {"bsn": "123"})
    assert r.status_code == 200 and "FS 603 BSN is ongeldig" in tekst(r)
    assert b.pk


@vandaag
def test_r_z_7_s52_handel_af_confirmation_success_and_once_only(mut, medewerker, z_persoon):
    cert = certificaat_voor(mut, z_persoon(persoon={"achternaam": "Battuta"}))
    adres = reverse("wi2021:z_certificaat_afhandelen", args=[cert.pk])
    pagina = tekst(mut.get(adres))
    assert "Weet u zeker dat u dit certificaat wilt afhandelen?" in pagina and "Bewaar" in pagina
    with time_machine.travel(datetime(2024, 6, 20, 9, 0, tzinfo=AMS), tick=False):
        mut.force_login(medewerker)
        r = mut.post(adres, follow=True)
        pagina = tekst(r)
        assert "De wijzigingen zijn succesvol opgeslagen." in pagina
        assert "Battuta" not in pagina  # "Ja" hides it now
        assert "Afgehandeld op 20-06-2024" in tekst(mut.get(reverse("wi2021:z_certificaten") + "?open=nee"))
        assert "Dit certificaat is al afgehandeld." in tekst(mut.post(adres))
    cert.refresh_from_db()
    assert cert.afgehandeld_op == date(2024, 6, 20) and cert.afgehandeld_door == "medewerker"
    assert (
        AuditEntry.objects.filter(actie="wijzigen", omschrijving="Z-route certificaat afgehandeld").count()
        == 1
    )


@vandaag
def test_d25_the_certificate_stays_with_the_gemeente_of_finalisation_after_a_move(mut, z_persoon, almere):
    p = z_persoon(persoon={"achternaam": "Verhuizer"})
    cert = certificaat_voor(mut, p)
    type(p).objects.filter(pk=p.pk).update(woongemeente=almere)
    assert "Verhuizer" in tekst(mut.get(reverse("wi2021:z_certificaten")))
    assert mut.get(reverse("wi2021:z_certificaat_download", args=[cert.pk])).status_code == 200


# --- D-26: the certificate PDF -------------------------------------------------------------------------------


def pdf_tekst(inhoud: bytes) -> str:
    return "\n".join(pagina.extract_text() for pagina in PdfReader(io.BytesIO(inhoud)).pages)


@vandaag
def test_d26_certificate_pdf_rendered_by_weasyprint_without_bsn(mut, z_persoon):
    p = z_persoon(persoon={"voornamen": "Ibn", "achternaam": "Battuta", "geboortedatum": date(1978, 12, 11),
                           "geboorteland": "Marokko"})  # fmt: skip
    cert = certificaat_voor(mut, p)
    adres = reverse("wi2021:z_certificaat_download", args=[cert.pk])
    r = mut.get(adres)
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert p.bsn not in r["Content-Disposition"]
    inhoud = r.content
    lezer = PdfReader(io.BytesIO(inhoud))
    assert inhoud.startswith(b"%PDF") and "WeasyPrint" in lezer.metadata.producer
    assert len(lezer.pages) == 1
    breedte, hoogte = float(lezer.pages[0].mediabox.width), float(lezer.pages[0].mediabox.height)
    assert round(breedte / 72 * 25.4) == 210 and round(hoogte / 72 * 25.4) == 297  # A4
    text = pdf_tekst(inhoud)
    for waarde in ("Ibn Battuta", "11-12-1978", "Marokko", "25-05-2024", "Groningen"):
        assert waarde in text, waarde
    assert p.bsn not in text and p.bsn.encode() not in inhoud
    assert "PROEFAFDRUK" not in text and "Geboortedatum" not in text  # labels are pre-printed on the paper
    assert mut.get(adres).content == inhoud  # the same PDF on every download (D-26)
    # A proefafdruk on plain paper: the same values with their labels and boxes.
    proef = pdf_tekst(mut.get(adres + "?proefafdruk=1").content)
    assert "PROEFAFDRUK" in proef and "Geboortedatum" in proef and "Ibn Battuta" in proef
    assert p.bsn not in proef
    assert AuditEntry.objects.filter(bsn=p.bsn, omschrijving="WI2021 Z-route certificaat gedownload").exists()


def _positie(inhoud: bytes, waarde: str) -> tuple[float, float]:
    gevonden = []

    def bezoeker(text, cm, tm, font, size):
        if waarde in text:  # the text matrix in the page's coordinates (cm × tm), in points
            gevonden.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    PdfReader(io.BytesIO(inhoud)).pages[0].extract_text(visitor_text=bezoeker)
    return gevonden[0]


@vandaag
def test_d26_the_offset_setting_moves_the_print_on_the_waardepapier(mut, z_persoon, settings):
    cert = certificaat_voor(mut, z_persoon(persoon={"geboorteland": "Marokko"}))
    adres = reverse("wi2021:z_certificaat_download", args=[cert.pk])
    x0, y0 = _positie(mut.get(adres).content, "Marokko")
    settings.PIB_Z_CERTIFICAAT_VERSCHUIVING_MM = (10, 5)
    x1, y1 = _positie(mut.get(adres).content, "Marokko")
    assert round((x1 - x0) / 72 * 25.4) == 10 and round((y0 - y1) / 72 * 25.4) == 5


@vandaag
def test_b15_on_the_overview_keeps_a_constant_query_count(mut, z_persoon, django_assert_num_queries):
    p = z_persoon()
    for _ in range(2):  # the session settles: the active gemeente, then the sliding expiry's stamp
        mut.get(url("overzicht", p))
    reset_queries()  # the request resets the log; start the capture from an empty one
    with django_assert_num_queries(12):  # B-15 is read with the plicht (issue 15)
        assert GEEF_DOOR in tekst(mut.get(url("overzicht", p)))
    doorgeven(mut, p)
    reset_queries()
    with django_assert_num_queries(12):
        assert "25-05-2024" in tekst(mut.get(url("overzicht", p)))


def test_item_06_the_start_screen_links_to_the_certificates_for_the_mut_role_only(
    login, medewerker, raadpleger
):
    adres = reverse("wi2021:z_certificaten")
    assert f'href="{adres}"' in tekst(login(medewerker).get("/"))
    assert f'href="{adres}"' not in tekst(login(raadpleger).get("/"))
