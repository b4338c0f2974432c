"""Wi2007 extracts of "Downloaden bestanden" (seed 002 §3.8, SPEC 7-3): ISI extract, ISI_VANAF2011
extract and Termijnoverschrijdingen, built by the shared downloads builder into a zip with a legend."""

import csv
import io
import zipfile
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

import openpyxl
import pytest

from inburgering.constants import Geslacht, Wet
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import alle_extracten, extract, extracten_voor_wet, verwijder_extract
from tests.factories import GemeenteFactory, PersoonFactory
from wi2007 import constants as c
from wi2007.extracten import registreer
from wi2007.models import Boete, Wi2007Persoon

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 2, 6)
ISI, VANAF2011, TERMIJN = "wi2007_isi", "wi2007_isi_vanaf2011", "wi2007_termijnoverschrijdingen"
SLEUTELS = (ISI, VANAF2011, TERMIJN)

ISI_KOPPEN = [
    "BSN", "A-nummer", "Voornamen", "Voorvoegsels", "Achternaam", "Geboortedatum", "Herkomst", "Geslacht",
    "Geboorteland", "Geboorteplaats", "Nationaliteit 1", "Nationaliteit 2", "Postcode", "Woonplaats",
    "Straatnaam", "Huisnummer", "Huisnr.toevoeging + aanduiding", "Locatieomschrijving",
    "Indicatie betrouwbaar adres", "Datum vestiging in Nederland", "Datum vertrek uit Nederland",
    "Recht op lening en vergoeding", "Indicatie asielgerechtigd", "Indicatie verblijfsdoel",
    "Indicatie rechtmatig verblijf", "Indicatie zgn. Pardonregeling", "Indicatie Persoonsvolgend Budget",
    "Persoonsvolgend Budget gebruikt", "In AZC gehuisvest", "Datum beslissing verblijfsrecht",
    "Indicatie Diploma behaald", "Niveau inburgeringsdiploma", "Indicatie Schuld aanwezig",
    "Indicatie Gehele vrijstelling door DUO", "Examen aanvraag aanwezig i.h.k.v.", "Code geheim",
    "Inburgeringsplichtig", "Datum inburgeringsplicht", "Reden niet inburgeringsplichtig",
    "Vrijwillige inburgeraar", "Oudkomer", "Handhaving", "Handhaving ingesteld door gemeente",
    "Eerste handhaving door gemeente", "Begin handhaving", "Einde (verlengde) handhavingstermijn",
    "Datum verlenging", "Reden verlenging", "Datum diploma behaald", "Diploma gemeente", "Indicatie geslaagd",
    "Deelgenomen volledig examen", "Gemeente bij volledige deelname", "Volledige deelname NT2",
    "Datum volledige deelname NT2", "Gemeente volledige deelname NT2", "Datum overlijden",
]  # fmt: skip
TERMIJN_KOPPEN = [
    "BSN", "A-nummer", "Achternaam", "Voornamen", "Geboortedatum", "Handhaving door gemeente",
    "Begin handhaving", "Einde (verlengde) handhavingstermijn", "Reden verlenging", "Dagen overschreden",
    "Boete opgelegd",
]  # fmt: skip


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def wi2007_extracten():
    """Register the three extracts for the test; remove only those this fixture added."""
    al_geregistreerd = {e.sleutel for e in alle_extracten()}
    registreer()
    yield
    for sleutel in SLEUTELS:
        if sleutel not in al_geregistreerd:
            verwijder_extract(sleutel)


def maak_persoon(gemeente, *, wet=Wet.WI2007, persoon=None, **gegevens) -> Wi2007Persoon:
    p = PersoonFactory(woongemeente=gemeente, wet=wet, **(persoon or {}))
    return Wi2007Persoon.objects.create(persoon=p, **gegevens)


def overschreden(
    gemeente, *, einde=PEILDATUM - timedelta(days=10), persoon=None, **gegevens
) -> Wi2007Persoon:
    """A person this gemeente handhaaft, ISI Actief, no diploma: overdue when `einde` <= PEILDATUM."""
    waarden = {"herkomst": c.Herkomst.ACTIEF, "gehandhaafd": True, "handhaving_gemeente": gemeente,
               "begin_handhaving": date(2020, 3, 1), "einde_handhavingstermijn": einde} | gegevens  # fmt: skip
    return maak_persoon(gemeente, persoon=persoon, **waarden)


def als_tekst(waarde) -> str:
    """A workbook cell as the CSV files write it, so one set of expectations serves both formats."""
    if waarde is None:
        return ""
    if isinstance(waarde, date):
        return waarde.strftime("%d-%m-%Y")
    return str(waarde)


def bouw(sleutel, gemeente, media, peildatum=PEILDATUM):
    """Build the extract; return (bestand, rows as text incl. header, legend text, raw data file bytes)."""
    ex = extract(sleutel)
    bestand = bouw_extract(extract=ex, gemeente=gemeente, peildatum=peildatum)
    with zipfile.ZipFile(media / bestand.pad) as zf:
        naam = bestand.bestandsnaam.removesuffix(".zip") + "." + ex.formaat
        assert set(zf.namelist()) == {naam, "legenda.txt"}
        ruw = zf.read(naam)
        legenda = zf.read("legenda.txt")
    assert legenda.startswith(b"\xef\xbb\xbf")
    if ex.formaat == "xlsx":
        blad = openpyxl.load_workbook(io.BytesIO(ruw), read_only=True).worksheets[0]
        breedte = len(ex.kolommen)  # empty cells at the end of a row are not stored: pad them
        rijen = [
            [als_tekst(w) for w in rij] + [""] * (breedte - len(rij))
            for rij in blad.iter_rows(values_only=True)
        ]
    else:
        assert ruw.startswith(b"\xef\xbb\xbf")
        rijen = list(csv.reader(io.StringIO(ruw.decode("utf-8-sig"), newline=""), delimiter=";"))
    return bestand, rijen, legenda.decode("utf-8-sig"), ruw


def als_dict(rijen) -> list[dict[str, str]]:
    return [dict(zip(rijen[0], rij, strict=True)) for rij in rijen[1:]]


# --- registration ---------------------------------------------------------------------------------


def test_three_wi2007_extracts_registered_with_gemeentecode_in_the_name():
    registreer()  # the same records again (ready() may run twice) are harmless
    wi2007 = {e.sleutel: e for e in extracten_voor_wet(Wet.WI2007)}
    assert {
        s: (wi2007[s].titel, wi2007[s].zipnaam(gemeentecode="0014", peildatum=PEILDATUM)) for s in SLEUTELS
    } == {
        ISI: ("ISI extract in excel formaat", "isi_0014_20260206.zip"),
        VANAF2011: ("ISI_VANAF2011 extract in csv formaat", "isi_vanaf2011_0014_20260206.zip"),
        TERMIJN: ("Termijnoverschrijdingen in csv formaat", "termijnoverschrijdingen_0014_20260206.zip"),
    }
    # The Signaallijst of the same page comes from signalen.extracten, not from here.
    assert not any("signaal" in s for s in SLEUTELS)


# --- ISI extract ----------------------------------------------------------------------------------


def test_isi_extract_columns_and_values_as_on_the_person_screen(groningen, almere, media):
    maak_persoon(
        groningen,
        persoon={
            "bsn": "004002313", "a_nummer": "4020209358", "voornamen": "Test", "voorvoegsels": "van der",
            "achternaam": "GBAV-SAP", "geboortedatum": date(1967, 4, 4), "geslacht": Geslacht.VROUW,
            "geboorteland": "Mexico", "geboorteplaats": "Mexico stad", "nationaliteit": "Mexicaanse",
            "postcode": "9722TB", "woonplaats": "Groningen", "straat": "Kempkensberg", "huisnummer": "6",
            "datum_vestiging": date(2007, 5, 1),
        },
        herkomst=c.Herkomst.ACTIEF, betrouwbaar_adres=True, asielgerechtigd=False,
        verblijfsdoel=c.Verblijfsdoel.PERMANENT, rechtmatig_verblijf=True, pardonregeling=False,
        pvb_gebruikt=False, examenaanvraag=c.Examenaanvraag.NATURALISATIE, code_geheim=c.CodeGeheim.GEEN,
        inburgeringsplichtig=True, datum_inburgeringsplicht=date(2007, 6, 1), oudkomer=False,
        gehandhaafd=True, handhaving_gemeente=groningen, eerste_handhaving_gemeente=almere,
        begin_handhaving=date(2007, 7, 1), einde_handhavingstermijn=date(2012, 7, 1),
        datum_verlenging=date(2011, 1, 3), reden_verlenging="Ziekte",
        volledige_deelname_nt2=c.VolledigeDeelnameNT2.DEELGENOMEN,
        datum_volledige_deelname_nt2=date(2010, 9, 9), gemeente_volledige_deelname_nt2=almere,
    )  # fmt: skip
    bestand, rijen, _, _ = bouw(ISI, groningen, media)
    assert bestand.bestandsnaam == "isi_0014_20260206.zip" and bestand.rijen == 1
    assert rijen[0] == ISI_KOPPEN
    assert als_dict(rijen)[0] == {
        "BSN": "004002313", "A-nummer": "4020209358", "Voornamen": "Test", "Voorvoegsels": "van der",
        "Achternaam": "GBAV-SAP", "Geboortedatum": "04-04-1967", "Herkomst": "ISI Actief", "Geslacht": "Vrouw",
        "Geboorteland": "Mexico", "Geboorteplaats": "Mexico stad", "Nationaliteit 1": "Mexicaanse",
        "Nationaliteit 2": "", "Postcode": "9722TB", "Woonplaats": "Groningen", "Straatnaam": "Kempkensberg",
        "Huisnummer": "6", "Huisnr.toevoeging + aanduiding": "", "Locatieomschrijving": "",
        "Indicatie betrouwbaar adres": "J", "Datum vestiging in Nederland": "01-05-2007",
        "Datum vertrek uit Nederland": "", "Recht op lening en vergoeding": "", "Indicatie asielgerechtigd": "N",
        "Indicatie verblijfsdoel": "Permanent verblijf", "Indicatie rechtmatig verblijf": "J",
        "Indicatie zgn. Pardonregeling": "N", "Indicatie Persoonsvolgend Budget": "",
        "Persoonsvolgend Budget gebruikt": "N", "In AZC gehuisvest": "", "Datum beslissing verblijfsrecht": "",
        "Indicatie Diploma behaald": "N", "Niveau inburgeringsdiploma": "", "Indicatie Schuld aanwezig": "N",
        "Indicatie Gehele vrijstelling door DUO": "N", "Examen aanvraag aanwezig i.h.k.v.": "Naturalisatie",
        "Code geheim": "Geen beperking", "Inburgeringsplichtig": "J", "Datum inburgeringsplicht": "01-06-2007",
        "Reden niet inburgeringsplichtig": "", "Vrijwillige inburgeraar": "N", "Oudkomer": "N", "Handhaving": "J",
        "Handhaving ingesteld door gemeente": "Groningen", "Eerste handhaving door gemeente": "Almere",
        "Begin handhaving": "01-07-2007", "Einde (verlengde) handhavingstermijn": "01-07-2012",
        "Datum verlenging": "03-01-2011", "Reden verlenging": "Ziekte", "Datum diploma behaald": "",
        "Diploma gemeente": "", "Indicatie geslaagd": "", "Deelgenomen volledig examen": "",
        "Gemeente bij volledige deelname": "", "Volledige deelname NT2": "Aan alle onderdelen deelgenomen",
        "Datum volledige deelname NT2": "09-09-2010", "Gemeente volledige deelname NT2": "Almere",
        "Datum overlijden": "",
    }  # fmt: skip


def test_isi_extract_labels_of_a_definitief_person_with_diploma(groningen, media):
    maak_persoon(
        groningen, persoon={"achternaam": "Bakker", "geslacht": Geslacht.MAN, "datum_overlijden": date(2025, 1, 2)},
        herkomst=c.Herkomst.DEFINITIEF, verblijfsdoel=c.Verblijfsdoel.TIJDELIJK, diploma_behaald=True,
        niveau_diploma=c.Diplomaniveau.A2, datum_diploma=date(2010, 3, 4), diploma_gemeente=groningen,
        indicatie_geslaagd=c.IndicatieGeslaagd.HERKANSING, code_geheim=c.CodeGeheim.BEPERKT,
        schuld=True, vrijwillig=True,
    )  # fmt: skip
    rij = als_dict(bouw(ISI, groningen, media)[1])[0]
    verwacht = {
        "Herkomst": "ISI Definitief", "Geslacht": "Man", "Indicatie verblijfsdoel": "Tijdelijk verblijf",
        "Indicatie Diploma behaald": "J", "Niveau inburgeringsdiploma": "A2", "Datum diploma behaald": "04-03-2010",
        "Diploma gemeente": "Groningen",
        "Indicatie geslaagd": "Persoon is geslaagd met herkansing, zonder vrijstelling",
        "Code geheim": "Geheim adres: verstrekking beperkt", "Indicatie Schuld aanwezig": "J",
        "Vrijwillige inburgeraar": "J", "Examen aanvraag aanwezig i.h.k.v.": "Geen examen aanvraag aanwezig.",
        "Volledige deelname NT2": "Geen volledige deelname aanwezig", "Datum overlijden": "02-01-2025",
    }  # fmt: skip
    assert {kop: rij[kop] for kop in verwacht} == verwacht


def test_isi_extract_only_wi2007_persons_of_the_gemeente_actief_and_definitief(groningen, almere, media):
    maak_persoon(groningen, persoon={"achternaam": "Actief"}, herkomst=c.Herkomst.ACTIEF)
    maak_persoon(groningen, persoon={"achternaam": "Definitief"}, herkomst=c.Herkomst.DEFINITIEF)
    maak_persoon(almere, persoon={"achternaam": "Almere"})  # another gemeente
    maak_persoon(groningen, wet=Wet.WI2013, persoon={"achternaam": "Wi2013"})  # now under another law
    PersoonFactory(woongemeente=groningen, wet=Wet.WI2021, achternaam="Wi2021")  # no Wi2007 data at all
    maak_persoon(  # lives elsewhere, only assigned to Groningen: not a resident
        almere, persoon={"achternaam": "Toekomstig", "toekomstige_gemeente": groningen}
    )
    bestand, rijen, _, _ = bouw(ISI, groningen, media)
    assert bestand.rijen == 2
    assert [(r["Achternaam"], r["Herkomst"]) for r in als_dict(rijen)] == [
        ("Actief", "ISI Actief"),
        ("Definitief", "ISI Definitief"),
    ]


def test_isi_vanaf2011_formula_in_a_name_is_escaped(groningen, media):
    # The CSV extracts escape formulas; the ISI workbook stores such a name as text (tests/wi2007/test_isi_xlsx.py).
    maak_persoon(
        groningen, persoon={"achternaam": "=cmd|' /C calc'!A0"}, datum_inburgeringsplicht=date(2015, 1, 1)
    )
    rij = als_dict(bouw(VANAF2011, groningen, media)[1])[0]
    assert not rij["Achternaam"].startswith("=")


# --- ISI_VANAF2011 --------------------------------------------------------------------------------


def test_isi_vanaf2011_by_datum_inburgeringsplicht_else_datum_vestiging(groningen, almere, media):
    def maak(naam, *, plicht=None, vestiging=None, gemeente=groningen, **kw):
        maak_persoon(gemeente, persoon={"achternaam": naam, "datum_vestiging": vestiging},
                       datum_inburgeringsplicht=plicht, **kw)  # fmt: skip

    maak("A-plicht-2011", plicht=date(2011, 1, 1), vestiging=date(2009, 5, 5))
    maak("B-vestiging-2012", vestiging=date(2012, 2, 2))
    maak("C-definitief-2015", plicht=date(2015, 1, 1), herkomst=c.Herkomst.DEFINITIEF)
    maak("D-peildatum", plicht=PEILDATUM)
    maak("X-plicht-2010", plicht=date(2010, 12, 31), vestiging=date(2012, 1, 1))  # plicht wins over vestiging
    maak("X-vestiging-2010", vestiging=date(2010, 12, 31))
    maak("X-geen-datum")
    maak("X-na-peildatum", plicht=PEILDATUM + timedelta(days=1))
    maak("X-almere", plicht=date(2015, 1, 1), gemeente=almere)
    maak_persoon(
        groningen,
        wet=Wet.WI2013,
        persoon={"achternaam": "X-wi2013"},
        datum_inburgeringsplicht=date(2015, 1, 1),
    )

    bestand, rijen, _, _ = bouw(VANAF2011, groningen, media)
    assert bestand.bestandsnaam == "isi_vanaf2011_0014_20260206.zip"
    assert rijen[0] == ISI_KOPPEN  # the same columns as the ISI extract
    assert [r["Achternaam"] for r in als_dict(rijen)] == [
        "A-plicht-2011",
        "B-vestiging-2012",
        "C-definitief-2015",
        "D-peildatum",
    ]
    assert als_dict(rijen)[0]["Datum inburgeringsplicht"] == "01-01-2011"
    assert bouw(ISI, groningen, media)[0].rijen == 8  # the ISI extract has them all


# --- Termijnoverschrijdingen ----------------------------------------------------------------------


def test_termijnoverschrijdingen_row_with_days_overdue_and_boete(groningen, almere, media):
    p = overschreden(
        groningen,
        persoon={"bsn": "004002398", "a_nummer": "4020208962", "voornamen": "Test", "achternaam": "Jansen",
                 "geboortedatum": date(1968, 4, 4)},
        handhaving_gemeente=almere, begin_handhaving=date(2019, 2, 1), einde=date(2026, 1, 27),
        reden_verlenging="Medische omstandigheden",
    )  # fmt: skip
    for dag in (1, 2):  # two boetes: still one row
        Boete.objects.create(persoon=p, datum_toekennen=date(2026, 1, dag), reden="Termijn", bedrag=Decimal(250),
                             soort="Bestuurlijke boete")  # fmt: skip
    bestand, rijen, _, _ = bouw(TERMIJN, groningen, media)
    assert bestand.bestandsnaam == "termijnoverschrijdingen_0014_20260206.zip" and bestand.rijen == 1
    assert rijen == [
        TERMIJN_KOPPEN,
        ["004002398", "4020208962", "Jansen", "Test", "04-04-1968", "Almere", "01-02-2019", "27-01-2026",
         "Medische omstandigheden", "10", "J"],
    ]  # fmt: skip


def test_termijnoverschrijdingen_only_overdue_without_diploma_or_vrijstelling(groningen, almere, media):
    def maak(naam, **kw):
        return overschreden(groningen, persoon={"achternaam": naam}, **kw)

    maak("Lang", einde=PEILDATUM - timedelta(days=400))
    op_peildatum = maak("Vandaag", einde=PEILDATUM)
    # A boete after the peildatum does not count.
    Boete.objects.create(persoon=op_peildatum, datum_toekennen=PEILDATUM + timedelta(days=1), reden="Later",
                         bedrag=Decimal(100), soort="Bestuurlijke boete")  # fmt: skip
    maak("X-morgen", einde=PEILDATUM + timedelta(days=1))
    maak("X-geen-einde", einde=None)
    maak("X-diploma", diploma_behaald=True, herkomst=c.Herkomst.ACTIEF)  # voorziening after the diploma
    maak("X-vrijstelling", gehele_vrijstelling_duo=True)
    maak("X-niet-gehandhaafd", gehandhaafd=False)
    maak("X-definitief", herkomst=c.Herkomst.DEFINITIEF)
    overschreden(almere, persoon={"achternaam": "X-almere"})
    maak_persoon(groningen, wet=Wet.WI2013, persoon={"achternaam": "X-wi2013"}, herkomst=c.Herkomst.ACTIEF,
                   gehandhaafd=True, einde_handhavingstermijn=PEILDATUM - timedelta(days=5))  # fmt: skip

    rijen = als_dict(bouw(TERMIJN, groningen, media)[1])
    # Longest overdue first; 0 days when the termijn ended on the peildatum.
    assert [(r["Achternaam"], r["Dagen overschreden"], r["Boete opgelegd"]) for r in rijen] == [
        ("Lang", "400", "N"),
        ("Vandaag", "0", "N"),
    ]


def test_termijnoverschrijdingen_follow_the_peildatum(groningen, media):
    overschreden(groningen, einde=date(2026, 2, 1))
    assert bouw(TERMIJN, groningen, media, peildatum=date(2026, 1, 31))[0].rijen == 0
    assert (
        als_dict(bouw(TERMIJN, groningen, media, peildatum=date(2026, 3, 3))[1])[0]["Dagen overschreden"]
        == "30"
    )


# --- legend ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sleutel", "koppen", "selectie"),
    [
        (ISI, ISI_KOPPEN, "zowel in ISI\nActief als in ISI Definitief"),
        (VANAF2011, ISI_KOPPEN, "op of na 01-01-2011"),
        (TERMIJN, TERMIJN_KOPPEN, "op of vóór de peildatum"),
    ],
)
def test_legend_in_the_zip_explains_every_column_and_the_selection(
    groningen, media, sleutel, koppen, selectie
):
    _, rijen, legenda, _ = bouw(sleutel, groningen, media)
    assert rijen == [koppen]  # no persons: the header only
    assert "\r\n" in legenda  # Notepad line ends
    regels = legenda.splitlines()
    for kop in koppen:  # every column on a line of its own, with its meaning after it
        regel = next((r for r in regels if r.startswith(kop + "  ")), None)
        assert regel is not None and regel[len(kop) :].strip(), kop
    assert "Selectie" in regels and selectie in legenda.replace("\r\n", "\n")
    assert "dd-mm-jjjj" in legenda and "J = ja" in legenda
    # The disclaimer of the download page (seed 002 §3.8).
    assert "niet toegestaan" in legenda and "meest recente versie" in legenda


def test_legend_of_the_isi_extract_lists_code_values_and_describes_the_workbook(groningen, media):
    legenda = bouw(ISI, groningen, media)[2]
    for waarde in ("ISI Actief", "ISI Definitief", "Permanent verblijf", "Tijdelijk verblijf", "Man; Vrouw; Onbekend",
                   "Geheim adres: verstrekking beperkt", "Persoon is geslaagd met herkansing en vrijstelling",
                   "Voor alle onderdelen geslaagd"):  # fmt: skip
        assert waarde in legenda
    assert "ISI extract in excel formaat" in legenda and "Excel-werkmap (.xlsx)" in legenda
    assert "CSV" not in legenda


# --- performance ----------------------------------------------------------------------------------


def _vul(gemeente, aantal: int) -> None:
    """`aantal` persons that appear in all three files, with gemeenten on every link and a boete each."""
    andere = GemeenteFactory()
    for i in range(aantal):
        p = overschreden(
            gemeente, persoon={"achternaam": f"Persoon {i:02d}"}, datum_inburgeringsplicht=date(2015, 1, 1),
            eerste_handhaving_gemeente=andere, diploma_gemeente=andere, gemeente_volledige_deelname=andere,
            gemeente_volledige_deelname_nt2=andere,
        )  # fmt: skip
        Boete.objects.create(persoon=p, datum_toekennen=date(2025, 1, 1), reden="Termijn", bedrag=Decimal(10),
                             soort="Bestuurlijke boete")  # fmt: skip


@pytest.mark.parametrize("sleutel", SLEUTELS)
def test_building_takes_the_same_number_of_queries_for_3_or_30_persons(
    sleutel, groningen, almere, media, django_assert_max_num_queries
):
    _vul(groningen, 3)
    with CaptureQueriesContext(connection) as klein:
        assert bouw_extract(extract=extract(sleutel), gemeente=groningen, peildatum=PEILDATUM).rijen == 3
    _vul(almere, 30)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        assert bouw_extract(extract=extract(sleutel), gemeente=almere, peildatum=PEILDATUM).rijen == 30
