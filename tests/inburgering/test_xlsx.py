"""The workbook writer (inburgering/downloads/xlsx.py) on its own: types, text safety, layout, clean-up."""

import io
import os
import tempfile
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest

from inburgering.constants import Geslacht
from inburgering.downloads import xlsx
from inburgering.downloads.xlsx import schrijf_xlsx

# A name that, written as is, would close its own cell and add a formula cell (XlsxWriter copies a
# string shaped "<r>…</r>" unescaped in constant_memory mode).
INJECTIE = '<r></r></is></c><c r="Z9"><f>HYPERLINK("http://x")</f></c><c><is><r></r>'


def schrijf(kolommen, rijen, **kwargs) -> bytes:
    """Write through a zip entry, as the builder does: a stream that cannot seek."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf, zf.open("x.xlsx", "w") as entry:
        aantal = schrijf_xlsx(entry, kolommen, rijen, **{"blad": "Test", **kwargs})
    assert aantal == len(rijen)
    with zipfile.ZipFile(buffer) as zf:
        return zf.read("x.xlsx")


def test_values_keep_their_type():
    kolommen = ("Tekst", "Getal", "Datum", "Tijdstip", "J/N", "Leeg")
    rijen = [
        ["004002313", 7, date(1967, 4, 4), datetime(2024, 7, 1, 10, 30, tzinfo=UTC), True, None],
        [Geslacht.VROUW, Decimal("2.5"), date(2024, 2, 29), datetime(2024, 1, 2, 8, 0), False, ""],
    ]
    blad = openpyxl.load_workbook(io.BytesIO(schrijf(kolommen, rijen)))["Test"]
    bsn, getal, dag, tijd, ja, leeg = blad[2]
    assert bsn.value == "004002313" and bsn.data_type == "s"  # the leading zero stays
    assert getal.value == 7 and getal.data_type == "n"
    assert dag.is_date and dag.value == datetime(1967, 4, 4) and dag.number_format == "dd-mm-yyyy"
    # Summer time: 10:30 UTC is 12:30 in Amsterdam; the file holds it without a zone.
    assert tijd.value == datetime(2024, 7, 1, 12, 30) and tijd.number_format == "dd-mm-yyyy hh:mm"
    assert ja.value == "J" and leeg.value is None
    tekst, getal, dag, tijd, nee, leeg = blad[3]
    assert tekst.value == Geslacht.VROUW.value and getal.value == 2.5
    assert dag.value == datetime(2024, 2, 29) and tijd.value == datetime(2024, 1, 2, 8, 0)  # naive: as is
    assert nee.value == "N" and leeg.value is None  # an empty string is an empty cell


def test_text_is_never_a_formula_nor_markup():
    rijen = [
        ["=1+1", "=cmd|' /C calc'!A0", INJECTIE, "<r>x</r>", "a\x01b\x1fc\td", "http://example.org", "1e5"]
    ]
    werkmap = schrijf(tuple("ABCDEFG"), rijen)
    with zipfile.ZipFile(io.BytesIO(werkmap)) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()
    cellen = openpyxl.load_workbook(io.BytesIO(werkmap))["Test"][2]
    assert [c.value for c in cellen] == [
        "=1+1", "=cmd|' /C calc'!A0", INJECTIE, "<r>x</r>", "abc\td", "http://example.org", "1e5",
    ]  # fmt: skip
    assert {c.data_type for c in cellen} == {"s"}  # no formula, no number, no hyperlink


def test_layout_header_widths_sheet_name_and_legend():
    kolommen = ("BSN", "Naam", "Datum")
    werkmap = schrijf(
        kolommen,
        [["1", "a", date(2020, 1, 1)]],
        blad="Een bladnaam die langer is dan eenendertig tekens",
        legenda="Titel\n=SOM(A1)\n\nregel\x02 met een stuurteken",
    )
    boek = openpyxl.load_workbook(io.BytesIO(werkmap))
    assert boek.sheetnames == ["Een bladnaam die langer is dan ", "Legenda"]  # Excel's 31 characters
    blad = boek.worksheets[0]
    assert [c.value for c in blad[1]] == list(kolommen) and all(c.font.b for c in blad[1])
    assert blad.freeze_panes == "A2"
    breedtes = {i: d.width for d in blad.column_dimensions.values() for i in range(d.min, d.max + 1)}
    assert breedtes == {1: xlsx.KOLOMBREEDTE, 2: xlsx.KOLOMBREEDTE, 3: xlsx.KOLOMBREEDTE}
    legenda = boek["Legenda"]
    assert [r[0] for r in legenda.iter_rows(values_only=True)] == [
        "Titel",
        "=SOM(A1)",
        None,
        "regel met een stuurteken",
    ]
    assert legenda["B2"].value is None and legenda["A2"].data_type == "s"
    assert legenda.column_dimensions["A"].width == 120


def test_an_unknown_type_is_refused():
    with pytest.raises(TypeError, match="complex"):
        schrijf(("A",), [[1j]])


def test_too_many_rows_for_a_sheet_is_refused(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_RIJEN", 3)  # header + 2 data rows
    with pytest.raises(ValueError, match="Meer dan 2 rijen"):
        schrijf_xlsx(io.BytesIO(), ("A",), iter([["a"], ["b"], ["c"]]), blad="Test")


def test_temporary_files_go_also_when_the_rows_fail(monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def rijen():
        yield ["a"]
        raise RuntimeError("database weg")

    with pytest.raises(RuntimeError):
        schrijf_xlsx(io.BytesIO(), ("A",), rijen(), blad="Test")
    assert os.listdir(tmp_path) == []
