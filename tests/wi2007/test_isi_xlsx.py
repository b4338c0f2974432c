"""Issue 9 item 7: "ISI extract in excel formaat" (seed 002 §3.8) is a real Excel workbook, not a CSV."""

import io
import tracemalloc
import zipfile
from datetime import date, datetime, timedelta

from django.urls import reverse

import openpyxl
import pytest

from inburgering.constants import Geslacht, Rol, Wet
from inburgering.downloads.builder import bouw_extract
from inburgering.downloads.registry import Extract, extract, registreer_extract, verwijder_extract
from tests.factories import PersoonFactory, UserFactory
from wi2007 import constants as c
from wi2007.extracten import ISI_KOLOMMEN
from wi2007.models import Wi2007Persoon

pytestmark = pytest.mark.django_db

PEILDATUM = date(2026, 2, 6)
ISI = "wi2007_isi"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def werkmap(media, bestand) -> openpyxl.Workbook:
    with zipfile.ZipFile(media / bestand.pad) as zf:
        assert sorted(zf.namelist()) == ["isi_0014_20260206.xlsx", "legenda.txt"]
        return openpyxl.load_workbook(io.BytesIO(zf.read("isi_0014_20260206.xlsx")))


def test_item7_isi_title_says_excel_on_the_download_page(client, groningen, media):
    assert extract(ISI).titel == "ISI extract in excel formaat" and extract(ISI).formaat == "xlsx"
    bouw_extract(extract=extract(ISI), gemeente=groningen, peildatum=PEILDATUM)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2007]}))
    html = client.get(reverse("downloads:lijst")).content.decode()
    assert "ISI extract in excel formaat" in html and "ISI extract in csv formaat" not in html


def test_item7_isi_xlsx_has_the_header_and_typed_values(groningen, media):
    p = PersoonFactory(
        woongemeente=groningen, wet=Wet.WI2007, bsn="004002313", a_nummer="4020209358", achternaam="Yılmaz",
        voornamen="Ayşe", geboortedatum=date(1967, 4, 4), geslacht=Geslacht.VROUW, datum_vestiging=date(2007, 5, 1),
    )  # fmt: skip
    Wi2007Persoon.objects.create(
        persoon=p, herkomst=c.Herkomst.ACTIEF, betrouwbaar_adres=True, asielgerechtigd=False,
        inburgeringsplichtig=True, datum_inburgeringsplicht=date(2007, 6, 1), gehandhaafd=True,
        handhaving_gemeente=groningen, einde_handhavingstermijn=date(2012, 7, 1),
    )  # fmt: skip
    bestand = bouw_extract(extract=extract(ISI), gemeente=groningen, peildatum=PEILDATUM)
    assert bestand.rijen == 1
    boek = werkmap(media, bestand)
    assert boek.sheetnames == ["ISI extract", "Legenda"]
    blad = boek["ISI extract"]
    koppen = [cel.value for cel in blad[1]]
    assert koppen == [k.titel for k in ISI_KOLOMMEN]
    assert all(cel.font.b for cel in blad[1]) and blad.freeze_panes == "A2"  # a header row that stays in view
    rij = {kop: cel for kop, cel in zip(koppen, blad[2], strict=False)}
    assert rij["BSN"].value == "004002313" and rij["BSN"].data_type == "s"  # text: the leading zero stays
    assert rij["Achternaam"].value == "Yılmaz" and rij["Voornamen"].value == "Ayşe"
    for kop, dag in (("Geboortedatum", date(1967, 4, 4)), ("Datum vestiging in Nederland", date(2007, 5, 1)),
                     ("Datum inburgeringsplicht", date(2007, 6, 1)),
                     ("Einde (verlengde) handhavingstermijn", date(2012, 7, 1))):  # fmt: skip
        cel = rij[kop]
        assert cel.is_date and cel.value == datetime.combine(dag, datetime.min.time()), kop  # a real date
        assert cel.number_format == "dd-mm-yyyy", kop  # shown as dd-mm-jjjj
    assert rij["Herkomst"].value == "ISI Actief" and rij["Geslacht"].value == "Vrouw"  # labels, not codes
    assert rij["Indicatie betrouwbaar adres"].value == "J" and rij["Indicatie asielgerechtigd"].value == "N"
    assert rij["Handhaving ingesteld door gemeente"].value == "Groningen"
    assert rij["Datum vertrek uit Nederland"].value is None  # unknown stays empty
    # The legend: in the workbook and, as for every extract, as legenda.txt.
    legenda = [r[0] for r in boek["Legenda"].iter_rows(values_only=True)]
    assert legenda[0] == "ISI extract in excel formaat" and any(
        str(r).startswith("Geboortedatum ") for r in legenda
    )


def test_item7_isi_xlsx_keeps_a_formula_like_name_as_text(groningen, media):
    p = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007, achternaam="=cmd|' /C calc'!A0")
    Wi2007Persoon.objects.create(persoon=p)
    blad = werkmap(media, bouw_extract(extract=extract(ISI), gemeente=groningen, peildatum=PEILDATUM))[
        "ISI extract"
    ]
    achternaam = blad.cell(2, [k.titel for k in ISI_KOLOMMEN].index("Achternaam") + 1)
    assert achternaam.value == "=cmd|' /C calc'!A0" and achternaam.data_type == "s"  # never a formula


def test_item7_xlsx_memory_stays_bounded_for_many_rows(media, groningen):
    """Rows flow from a generator through XlsxWriter's constant_memory sheet (a temporary file) into the zip:
    the peak stays far below the size of the sheet itself."""
    n = 8_000

    def veel_rijen(gemeente, peildatum):
        for i in range(n):
            yield (f"{i:09d}", f"Achternaam-{i} van der Testpersoon", date(1990, 1, 1) + timedelta(days=i % 9000),
                   i % 2 == 0)  # fmt: skip

    groot = Extract(
        sleutel="test_groot_xlsx", titel="Test in excel formaat", wet=Wet.WI2007,
        bestandsnaam="groot_{gemeentecode}_{datum}.zip", kolommen=("BSN", "Achternaam", "Datum", "J/N"),
        rijen=veel_rijen, formaat="xlsx",
    )  # fmt: skip
    registreer_extract(groot)
    try:
        tracemalloc.start()
        try:
            bestand = bouw_extract(extract=groot, gemeente=groningen, peildatum=PEILDATUM)
            _, piek = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    finally:
        verwijder_extract(groot.sleutel)
    assert bestand.rijen == n
    with zipfile.ZipFile(media / bestand.pad) as zf:
        xlsx = zipfile.ZipFile(io.BytesIO(zf.read(bestand.bestandsnaam.removesuffix(".zip") + ".xlsx")))
    blad = xlsx.getinfo("xl/worksheets/sheet1.xml").file_size
    assert blad > 1.5 * 1024 * 1024  # the sheet itself is bigger than the whole peak
    assert piek < 1024 * 1024, (
        f"piekgeheugen {piek / 1024 / 1024:.1f} MB bij een blad van {blad / 1024 / 1024:.1f} MB"
    )


def test_item7_registry_refuses_an_unknown_format():
    with pytest.raises(ValueError, match="onbekend formaat"):
        Extract(sleutel="x", titel="X", wet=Wet.WI2007, bestandsnaam="x_{gemeentecode}_{datum}.zip",
                kolommen=("A",), rijen=lambda g, p: [], formaat="ods")  # fmt: skip
