"""7-2: the Wi2007 person screen, every tab's fields, constant queries, PDF, and no mutation anywhere."""

import io
import re

from django.urls import URLPattern, URLResolver, get_resolver, reverse

import pytest
from pypdf import PdfReader

from inburgering.constants import Wet
from inburgering.models import AuditActie, AuditEntry
from signalen.workflow import Status
from tests.factories import SignaalFactory
from wi2007.models import Examen, Voorziening

pytestmark = pytest.mark.django_db


def url(g, tab=None):
    pad = reverse("wi2007:persoon", kwargs={"persoon": g.persoon_id})
    return f"{pad}?tab={tab}" if tab else pad


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def rij(pagina: str, label: str) -> str:
    gevonden = re.search(rf"<dt>{re.escape(label)}</dt><dd>(.*?)</dd>", pagina)
    assert gevonden, f"veld {label!r} ontbreekt"
    return gevonden.group(1)


def test_72_blocks_persoon_and_signalen(login, raadpleger, volledig):
    SignaalFactory(persoon=volledig.persoon, wet=Wet.WI2007, code="SS001", status=Status.IN_BEHANDELING)
    SignaalFactory(persoon=volledig.persoon, wet=Wet.WI2007, code="SS009")
    pagina = html(login(raadpleger).get(url(volledig)))
    assert rij(pagina, "Naam") == "Ayşe Yılmaz" and rij(pagina, "BSN") == volledig.persoon.bsn
    assert rij(pagina, "A-Nummer") == "4020209358" and rij(pagina, "Geboortedatum") == "04-04-1967"
    assert rij(pagina, "Herkomst") == "ISI Actief"
    assert (
        rij(pagina, "Totaal") == "2" and rij(pagina, "Nieuw") == "1" and rij(pagina, "In behandeling") == "1"
    )
    assert rij(pagina, "Afgehandeld") == "0"
    assert f"/signalen/wi2007/?persoon={volledig.persoon.pk}" in pagina and "Raadplegen" in pagina
    assert "Download PDF" in pagina


PERSOONSGEGEVENS = [
    "Geboortedatum", "Geslacht", "Geboorteland", "Geboorteplaats", "Nationaliteit 1", "Nationaliteit 2",
    "Postcode + Woonplaats", "Straatnaam + Huisnummer", "Huisnr.toevoeging + aanduiding", "Locatieomschrijving",
    "Indicatie betrouwbaar adres", "Datum vestiging in Nederland", "Datum vertrek uit Nederland",
    "Recht op lening en vergoeding", "Indicatie asielgerechtigd", "Indicatie verblijfsdoel",
    "Indicatie rechtmatig verblijf", "Indicatie zgn. Pardonregeling", "Indicatie Persoonsvolgend Budget",
    "Persoonsvolgend Budget gebruikt", "In AZC gehuisvest", "Datum beslissing verblijfsrecht",
    "Indicatie Diploma behaald", "Niveau inburgeringsdiploma", "Indicatie Schuld aanwezig",
    "Indicatie Gehele vrijstelling door DUO", "Examen aanvraag aanwezig i.h.k.v.", "Code geheim",
]  # fmt: skip


def test_72_persoonsgegevens_tab_has_every_field_of_the_manual(login, raadpleger, volledig):
    pagina = html(login(raadpleger).get(url(volledig)))
    velden = re.findall(r"<dt>(.*?)</dt>", pagina.split('aria-label="Persoonsgegevens"')[1])
    assert velden == PERSOONSGEGEVENS
    assert rij(pagina, "Postcode + Woonplaats") == "9722TB GRONINGEN"
    assert rij(pagina, "Straatnaam + Huisnummer") == "Kempkensberg 6"
    assert rij(pagina, "Indicatie verblijfsdoel") == "Permanent verblijf"
    assert rij(pagina, "Examen aanvraag aanwezig i.h.k.v.") == "Geen examen aanvraag aanwezig."
    assert rij(pagina, "Code geheim") == "Geen beperking"


@pytest.mark.parametrize(
    ("tab", "velden"),
    [
        ("indicatie", ["Inburgeringsplichtig", "Datum inburgeringsplicht", "Reden niet inburgeringsplichtig",
                       "Vrijwillige inburgeraar", "Oudkomer"]),
        ("handhaving", ["Eerste handhaving door gemeente", "Begin handhaving", "Einde (verlengde) handhavingstermijn",
                        "Reden verlenging"]),
        ("voorziening", ["Aanbod door gemeente", "Doelgroep voorziening", "Soort voorziening", "Indicatie pib",
                         "Vorm duaal traject", "Datum start voorziening", "Datum einde voorziening", "Reden einde"]),
        ("vrijstelling", ["Soort vrijstelling", "Start vrijstelling", "Einde vrijstelling", "Examenonderdeel",
                          "Niveau gedeeltelijke vrijstelling"]),
        ("examens", ["Inburgeringsdiploma behaald", "Datum diploma behaald", "Diploma gemeente",
                     "Deelgenomen volledig examen", "Gemeente bij volledige deelname", "Volledige deelname NT2",
                     "Datum volledige deelname NT2", "Gemeente volledige deelname NT2", "Examenaanvraag"]),
    ],
)  # fmt: skip
def test_72_every_tab_shows_its_fields(login, raadpleger, volledig, tab, velden):
    pagina = html(login(raadpleger).get(url(volledig, tab)))
    for veld in velden:
        rij(pagina, veld)


def test_72_tab_values_and_display_rules(login, raadpleger, volledig):
    client = login(raadpleger)
    handhaving = html(client.get(url(volledig, "handhaving")))
    assert rij(handhaving, "Einde (verlengde) handhavingstermijn") == "01-01-2013"
    assert rij(handhaving, "Reden verlenging") == "Ziekte"
    voorziening = html(client.get(url(volledig, "voorziening")))
    assert rij(voorziening, "Soort voorziening") == "Duaal"
    assert rij(voorziening, "Vorm duaal traject") == "Inburgering met werk"
    assert rij(voorziening, "Doelgroep voorziening") == "Werkende"
    examens = html(client.get(url(volledig, "examens")))
    assert rij(examens, "Volledige deelname NT2") == "Aan alle onderdelen deelgenomen"
    assert "Indicatie geslaagd" not in examens  # only shown with a datum diploma behaald
    for kop in ("Examen", "Niveau", "Uitslag", "Profiel", "Variant", "Datum deelname",
                "Gemeente examenonderdeel behaald", "Indicatie vrijgesteld"):  # fmt: skip
        assert f">{kop}</th>" in examens
    assert ">Niet geslaagd<" in examens
    boete = html(client.get(url(volledig, "boete")))
    for kop in ("Datum toekennen", "Reden boete", "Bedrag boete", "Soort boete"):
        assert f">{kop}</th>" in boete
    assert "€ 250,00" in boete and "Termijn overschreden" in boete


def test_72_meer_menu_holds_boete_and_examens(login, raadpleger, volledig):
    pagina = html(login(raadpleger).get(url(volledig)))
    meer = pagina.split("Meer ▾")[1].split("</details>")[0]
    assert "?tab=boete" in meer and "?tab=examens" in meer


def test_72_viewing_is_audited(login, raadpleger, volledig):
    login(raadpleger).get(url(volledig, "handhaving"))
    entry = AuditEntry.objects.get(actie=AuditActie.BEKIJKEN)
    assert entry.bsn == volledig.persoon.bsn and "handhaving" in entry.omschrijving


def test_72_constant_number_of_queries(login, raadpleger, volledig, groningen, django_assert_max_num_queries):
    client = login(raadpleger)
    with django_assert_max_num_queries(20) as weinig:
        html(client.get(url(volledig, "examens")))
    for i in range(6):
        Voorziening.objects.create(persoon=volledig, aanbod_gemeente=groningen, doelgroep="U", soort="R",
                                   datum_start=f"201{i}-01-01")  # fmt: skip
        Examen.objects.create(persoon=volledig, examen=f"Onderdeel {i}", uitslag="G", datum_deelname="2012-01-01",
                              gemeente_behaald=groningen)  # fmt: skip
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        html(client.get(url(volledig, "examens")))


def test_72_pdf_is_a_valid_pdf_with_bsn_and_name(login, raadpleger, volledig):
    response = login(raadpleger).get(reverse("wi2007:persoon_pdf", kwargs={"persoon": volledig.persoon_id}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    tekst = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert volledig.persoon.bsn in tekst and "Yılmaz" in tekst
    for kop in ("Persoonsgegevens", "Indicatie", "Handhaving", "Inburgeringsvoorziening", "Vrijstelling", "Boete",
                "Examens"):  # fmt: skip
        assert kop in tekst
    assert AuditEntry.objects.filter(actie=AuditActie.DOWNLOADEN, bsn=volledig.persoon.bsn).exists()


def test_72_pdf_fetcher_never_uses_the_network():
    from wi2007.pdf import StatischeBestandenFetcher

    fetcher = StatischeBestandenFetcher()
    with pytest.raises(ValueError, match="geen netwerk"):
        fetcher.fetch("https://example.org/style.css")
    assert fetcher.fetch("pibstatic:css/pdf.css").read().startswith(b"/*")


def test_72_person_of_another_gemeente_is_404(login, raadpleger, almere):
    from tests.factories import PersoonFactory
    from wi2007.models import Wi2007Persoon

    elders = Wi2007Persoon.objects.create(persoon=PersoonFactory(woongemeente=almere, wet=Wet.WI2007))
    client = login(raadpleger)
    assert client.get(url(elders)).status_code == 404
    assert client.get(reverse("wi2007:persoon_pdf", kwargs={"persoon": elders.persoon_id})).status_code == 404


def test_73_no_mutation_url_exists_for_wi2007(login, medewerker, volledig):
    """Wi2007 is read only: every Wi2007 URL refuses POST, even for a user with every role; only the
    search form takes a POST (to keep the BSN out of the URL), and that changes nothing."""
    resolver = get_resolver()
    routes = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver) and getattr(pattern, "namespace", "") == "wi2007":
            routes += [str(p.pattern) for p in pattern.url_patterns if isinstance(p, URLPattern)]
    assert routes
    client = login(medewerker)
    for route in routes:
        pad = "/wi2007/" + route.replace("<int:persoon>", str(volledig.persoon_id))
        verwacht = 200 if route == "zoeken/" else 403  # the search form again, with its error
        assert client.post(pad, {"achternaam": "Gewijzigd"}).status_code == verwacht, pad
    volledig.persoon.refresh_from_db()
    assert volledig.persoon.achternaam == "Yılmaz"


def test_32_herkomst_follows_the_clock_nightly(wi2007_persoon):
    """ISI Definitief once the person reaches the AOW age, without any change to their data (seed 002 §3.2)."""
    from datetime import date

    from wi2007.services import herkomst_herberekenen_alle
    from wi2007.tasks import herkomst_herberekenen

    g = wi2007_persoon(geboortedatum=date(1960, 6, 1))
    assert herkomst_herberekenen_alle(vandaag=date(2026, 5, 31)) == 0
    assert herkomst_herberekenen_alle(vandaag=date(2027, 6, 1)) == 1
    g.refresh_from_db()
    assert g.get_herkomst_display() == "ISI Definitief"
    assert herkomst_herberekenen_alle(vandaag=date(2027, 6, 1)) == 0
    import time_machine

    with time_machine.travel(date(2027, 6, 2), tick=False):
        assert herkomst_herberekenen.delay().get() == 0  # the nightly job agrees: nothing left to change


def test_item12_nightly_herkomst_recompute_is_audited_like_the_event_path(wi2007_persoon):
    """Issue 9 item 12: the clock-driven recompute writes the same kind of audit entry as a BRP change."""
    from datetime import date

    from inburgering.models import AuditEntry
    from wi2007.services import ISI, herkomst_herberekenen_alle

    g = wi2007_persoon(geboortedatum=date(1960, 6, 1))
    assert herkomst_herberekenen_alle(vandaag=date(2027, 6, 1)) == 1
    entry = AuditEntry.objects.get(gebruiker=ISI, bsn=g.persoon.bsn)
    assert entry.wijzigingen["herkomst"][1] == "ISI Definitief"
    assert entry.gemeente_code == g.persoon.woongemeente.code
    assert herkomst_herberekenen_alle(vandaag=date(2027, 6, 1)) == 0
    assert AuditEntry.objects.filter(gebruiker=ISI, bsn=g.persoon.bsn).count() == 1
