"""13-7 Wi2013 extracts of "Downloaden bestanden" (seed 000 §3.7, §5.3, §5.4): "PVT extract in csv formaat"
with the columns A–V of the legend and its code values, and "Maatschappelijke begeleiding <jaar> in csv
formaat", built by the shared downloads builder into a zip with a legend."""

import csv
import io
import zipfile
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from inburgering.constants import Geslacht, Wet
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import alle_extracten, extract, extracten_voor_wet, verwijder_extract
from tests.factories import PersoonFactory
from wi2013 import extracten
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 2, 6)
SLEUTELS = ("wi2013_pvt", "wi2013_mb")
# seed 000 §5.4, A–V, the legend's names in its order.
KOPPEN_A_V = [
    "BSN", "Voornamen", "Voorvoegsels", "Achternaam", "Geslacht", "Geboortedatum", "Gemeente eerste vestiging",
    "Gemeente einde PVT", "PVT-plichtig", "Datum Start PVT-plicht", "Datum Einde PVT-plicht",
    "Datum Start Deelname PV-traject", "Datum Einde Deelname PV-traject", "Datum voldaan PVT-plicht",
    "Reden niet voldaan aan PVT-plicht", "Recht op Maatschappelijke Begeleiding",
    "Maatschappelijke begeleiding gemeld bij BZK", "Factuur aanwezig", "Factuurnummer", "Factuurdatum",
    "Debiteurnummer", "Indicatie status factuur",
]  # fmt: skip
LEGENDA_REDENEN = [
    "Persoon weigert deel te nemen aan het PV traject",
    "Persoon heeft wel deelgenomen maar weigert de verklaring te ondertekenen",
    "Persoon reageert niet op uitnodiging van de gemeente voor deelname aan PVT",
    "Persoon is zonder reden niet op komen dagen",
    "Gemeente kon binnen de PVT-termijn geen PV traject aanbieden",
    "Bijzondere omstandigheden - Ziekte",
    "Bijzondere omstandigheden - Detentie",
    "Bijzondere omstandigheden - Overmacht",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def wi2013_extracten():
    """Register the extracts for the test; remove only those this fixture added."""
    al_geregistreerd = {e.sleutel for e in alle_extracten()}
    extracten.registreer()
    yield
    for sleutel in SLEUTELS:
        if sleutel not in al_geregistreerd:
            verwijder_extract(sleutel)


def maak(gemeente, *, wet=Wet.WI2013, persoon=None, factuur=None, **gegevens) -> Wi2013Persoon:
    g = Wi2013Persoon.objects.create(
        persoon=PersoonFactory(woongemeente=gemeente, wet=wet, **(persoon or {})), **gegevens
    )
    if factuur is not None:
        Factuur.objects.create(gegevens=g, gemeente=gemeente, **factuur)
    return g


def lees(bestand, media) -> tuple[list[list[str]], str, list[str]]:
    with zipfile.ZipFile(media / bestand.pad) as zf:
        namen = zf.namelist()
        csvnaam = next(n for n in namen if n.endswith(".csv"))
        rijen = list(csv.reader(io.StringIO(zf.read(csvnaam).decode("utf-8-sig")), delimiter=";"))
        legenda = zf.read("legenda.txt").decode("utf-8-sig")
    assert "\r\n" in legenda  # Notepad on the caseworker's PC
    legenda = legenda.replace("\r\n", "\n")
    return rijen, legenda, namen


def test_137_both_extracts_registered_for_the_wi2013():
    assert [e.sleutel for e in extracten_voor_wet(Wet.WI2013) if e.sleutel in SLEUTELS] == list(SLEUTELS)
    pvt, mb = extract("wi2013_pvt"), extract("wi2013_mb")
    assert pvt.titel == "PVT extract in csv formaat"
    assert pvt.zipnaam(gemeentecode="0014", peildatum=PEILDATUM) == "isi_pvt_0014_20260206.zip"
    assert mb.titel_voor(PEILDATUM) == "Maatschappelijke begeleiding 2026 in csv formaat"
    assert (
        mb.zipnaam(gemeentecode="0014", peildatum=PEILDATUM)
        == "maatschappelijke_begeleiding_0014_20260206.zip"
    )
    extracten.registreer()  # twice: harmless


def test_137_pvt_header_is_the_legend_a_to_v(groningen, media):
    bestand = bouw_extract(extract=extract("wi2013_pvt"), gemeente=groningen, peildatum=PEILDATUM)
    rijen, legenda, namen = lees(bestand, media)
    assert rijen == [KOPPEN_A_V]
    assert sorted(namen) == ["isi_pvt_0014_20260206.csv", "legenda.txt"]
    assert [k.letter for k in extracten.PVT_KOLOMMEN] == list("ABCDEFGHIJKLMNOPQRSTUV")
    for kolom in extracten.PVT_KOLOMMEN:
        assert f"{kolom.letter}. {kolom.naam}\n" in legenda


def test_137_pvt_sample_rows_with_the_legends_code_values(groningen, almere, media):
    maak(groningen, persoon={"achternaam": "Aydin", "voornamen": "Ayşe", "voorvoegsels": "", "geslacht": Geslacht.VROUW,
                             "geboortedatum": date(1990, 4, 4)},
         gemeente_eerste_vestiging=almere, gemeente_einde_pvt=groningen, pvt_plichtig=True,
         datum_start_pvt_plicht=date(2024, 11, 1), datum_einde_pvt_plicht=date(2025, 11, 1),
         datum_start_deelname=date(2024, 11, 15), datum_einde_deelname=date(2024, 12, 15),
         datum_voldaan=date(2024, 12, 15), recht_op_mb=True, mb_gemeld_bzk=True, mb_gemeld_jaar=2025, lening_duo=True,
         factuur={"factuurnummer": "FACT11", "factuurdatum": date(2025, 1, 30), "debiteurnummer": "BX771080",
                  "status": "4", "geaccepteerd": True})  # fmt: skip
    maak(groningen, persoon={"achternaam": "Berg", "voorvoegsels": "van den", "geslacht": Geslacht.ONBEKEND},
         pvt_plichtig=None, reden_niet_voldaan=R.NIET_OPGEKOMEN, recht_op_mb=False)  # fmt: skip
    maak(groningen, persoon={"achternaam": "Claes", "geslacht": Geslacht.MAN}, pvt_plichtig=False,
         recht_op_mb=True, mb_gemeld_bzk=False, lening_duo=True, datum_voldaan=date(2025, 3, 1))  # fmt: skip
    maak(groningen, persoon={"achternaam": "Dekker"}, pvt_plichtig=True, lening_duo=True,
         datum_voldaan=date(2025, 3, 1), factuur={"factuurnummer": "F2", "factuurdatum": date(2025, 4, 1),
                                                   "debiteurnummer": "D2", "status": "2", "geaccepteerd": False})  # fmt: skip
    maak(groningen, persoon={"achternaam": "Uitgeschreven", "uitgeschreven_uit_brp": True})
    maak(groningen, persoon={"achternaam": "Wi2021"}, wet=Wet.WI2021)
    maak(almere, persoon={"achternaam": "Almere"})
    bestand = bouw_extract(extract=extract("wi2013_pvt"), gemeente=groningen, peildatum=PEILDATUM)
    rijen, _, _ = lees(bestand, media)
    kop, *data = rijen
    per_naam = {rij[3]: dict(zip(kop, rij, strict=True)) for rij in data}
    assert list(per_naam) == [
        "Aydin",
        "Berg",
        "Claes",
        "Dekker",
    ]  # sorted, struck off / other law / gemeente out
    assert bestand.rijen == 4
    a = data[0]
    assert a[0] == per_naam["Aydin"]["BSN"] and len(a[0]) == 9
    assert a[1:] == [
        "Ayşe", "", "Aydin", "2", "04-04-1990", "Almere", "Groningen", "J", "01-11-2024", "01-11-2025",
        "15-11-2024", "15-12-2024", "15-12-2024", "", "J", "J", "J", "FACT11", "30-01-2025", "BX771080", "4",
    ]  # fmt: skip
    b = per_naam["Berg"]
    assert (b["Voorvoegsels"], b["Geslacht"], b["PVT-plichtig"]) == ("van den", "0", "")  # leeg = onbepaald
    assert (
        b["Reden niet voldaan aan PVT-plicht"] == "Persoon is zonder reden niet op komen dagen"
    )  # the legend's
    assert (b["Recht op Maatschappelijke Begeleiding"], b["Maatschappelijke begeleiding gemeld bij BZK"]) == (
        "N",
        "",
    )
    assert (b["Factuur aanwezig"], b["Indicatie status factuur"]) == ("N.v.t.", "")
    c = per_naam["Claes"]
    assert (c["Geslacht"], c["PVT-plichtig"], c["Maatschappelijke begeleiding gemeld bij BZK"]) == (
        "1",
        "N",
        "N",
    )
    assert (c["Factuur aanwezig"], c["Factuurnummer"]) == ("N", "")  # possible, none yet
    d = per_naam["Dekker"]
    assert (d["Factuur aanwezig"], d["Indicatie status factuur"]) == ("J", "6")  # refused by the inburgeraar


def test_137_every_reason_written_as_the_legend_writes_it():
    assert [extracten.REDEN_TEKSTEN[code] for code in R.values] == LEGENDA_REDENEN
    # The legend's texts are not the edit screen's (§4.5) for three of the eight.
    assert sum(extracten.REDEN_TEKSTEN[c] != label for c, label in R.choices) == 3


def test_137_pvt_legend_has_both_code_tables(groningen, media):
    _, legenda, _ = lees(
        bouw_extract(extract=extract("wi2013_pvt"), gemeente=groningen, peildatum=PEILDATUM), media
    )
    assert "Mogelijke waarden: Conform opgave BRP; 0 = Onbekend; 1 = Mannelijk; 2 = Vrouwelijk" in legenda
    assert "Mogelijke waarden: N.v.t. = Persoon kan geen factuur krijgen; J = Ja; N = Nee" in legenda
    tabel = legenda.split('*Mogelijke waarden "Reden niet voldaan aan PVT-plicht"\n', 1)[1]
    assert tabel.split("\n")[:8] == LEGENDA_REDENEN
    status = legenda.split('**Mogelijke waarden "Indicatie status factuur"\n', 1)[1].split("\n")[:7]
    assert status == ["Leeg", "1 = 'Factuur afgewezen'", "2 = 'Factuur opgenomen'",
                      "3 = 'Aanvraag lening nog in behandeling'", "4 = 'Factuur vrijgegeven'",
                      "5 = 'Factuur betaald'", "6 = 'Factuur geweigerd'"]  # fmt: skip
    assert "Herkomst: Gemeente" in legenda and "Herkomst: DUO" in legenda


def test_137_pvt_rows_in_one_query(groningen):
    for i in range(5):
        maak(groningen, lening_duo=True, datum_voldaan=date(2025, 3, 1),
             factuur={"factuurnummer": f"F{i}", "factuurdatum": date(2025, 4, 1), "debiteurnummer": "D"})  # fmt: skip
    with CaptureQueriesContext(connection) as queries:
        rijen = list(extracten.pvt_rijen(groningen, PEILDATUM))
    assert len(rijen) == 5 and len(queries) == 1


def test_137_mb_file_of_the_peildatum_year_for_the_gemeente_that_gets_the_money(groningen, almere, media):
    def mb(woongemeente, eerste, jaar=2026, gemeld=True, **persoon):
        return maak(woongemeente, persoon=persoon, gemeente_eerste_vestiging=eerste, recht_op_mb=True,
                    mb_gemeld_bzk=gemeld, mb_gemeld_jaar=jaar if gemeld else None)  # fmt: skip

    mb(almere, groningen, achternaam="Verhuisd", voornamen="Omar")  # settled first in Groningen, moved on
    mb(
        groningen, None, achternaam="Geen eerste vestiging", voornamen="Lina"
    )  # falls back to the woongemeente
    mb(groningen, groningen, jaar=2025, achternaam="Vorig jaar")
    mb(groningen, groningen, gemeld=False, achternaam="Nog niet gemeld")
    mb(groningen, almere, achternaam="Almere betaald")
    maak(groningen, recht_op_mb=False, persoon={"achternaam": "Geen recht"})
    bestand = bouw_extract(extract=extract("wi2013_mb"), gemeente=groningen, peildatum=PEILDATUM)
    assert bestand.bestandsnaam == "maatschappelijke_begeleiding_0014_20260206.zip"
    rijen, legenda, namen = lees(bestand, media)
    assert "maatschappelijke_begeleiding_0014_20260206.csv" in namen
    kop, *data = rijen
    assert kop == ["Gemeentecode", "Gemeentenaam", "BSN", "Achternaam", "Voornaam"]
    assert [(r[0], r[1], r[3], r[4]) for r in data] == [
        ("0014", "Groningen", "Geen eerste vestiging", "Lina"), ("0014", "Groningen", "Verhuisd", "Omar"),
    ]  # fmt: skip
    assert "meicirculaire" in legenda and "jjjj" in legenda
    # The year is the peildatum's: the file of a 2025 peildatum holds the 2025 melding.
    vorig = bouw_extract(extract=extract("wi2013_mb"), gemeente=groningen, peildatum=date(2025, 12, 31))
    assert [r[3] for r in lees(vorig, media)[0][1:]] == ["Vorig jaar"]
    almere_rijen = lees(
        bouw_extract(extract=extract("wi2013_mb"), gemeente=almere, peildatum=PEILDATUM), media
    )[0]
    assert [(r[0], r[3]) for r in almere_rijen[1:]] == [("0034", "Almere betaald")]


def test_item4_mb_title_carries_the_year_of_its_file(groningen, media, client):
    """Seed 000 §3.7: "Maatschappelijke begeleiding 2020 in csv formaat" — the year of the file's peildatum;
    before a file exists the page names this year."""
    from django.urls import reverse

    import time_machine

    from inburgering.constants import Rol
    from tests.factories import UserFactory

    client.force_login(UserFactory(rollen={groningen: [Rol.WI2013]}))
    with time_machine.travel(date(2026, 3, 1)):
        pagina = client.get(reverse("downloads:lijst")).content.decode()
    assert "Maatschappelijke begeleiding 2026 in csv formaat" in pagina
    bouw_extract(extract=extract("wi2013_mb"), gemeente=groningen, peildatum=date(2020, 6, 4))
    with time_machine.travel(date(2026, 3, 1)):
        pagina = client.get(reverse("downloads:lijst")).content.decode()
    assert "Maatschappelijke begeleiding 2020 in csv formaat" in pagina
    assert "maatschappelijke_begeleiding_0014_20200604.zip" in pagina
    assert "{jaar}" not in pagina and "Maatschappelijke begeleiding 2026" not in pagina
