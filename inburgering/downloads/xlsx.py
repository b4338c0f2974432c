"""An extract as a real Excel workbook (.xlsx), for the files the manuals call "in excel formaat".

XlsxWriter in constant_memory mode keeps one row in memory and writes the rest to a temporary file as
it comes, so memory stays constant however many rows the law's iterator yields (DESIGN rule 9); only
`close` copies the finished sheet into the workbook. Values keep their type: dates are real Excel dates
shown as dd-mm-jjjj, numbers are numbers, and text stays text, so a BSN keeps its leading zero and a
name that starts with "=" is never a formula. Booleans are J/N, as in the CSV files and their legend.

Every cell goes through a typed write (write_string, write_number, write_datetime), never the generic
`write`, which sniffs strings for formulas, numbers and URLs; those conversions are switched off as well.
"""

import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from django.utils import timezone

from xlsxwriter import Workbook
from xlsxwriter.worksheet import Worksheet

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DATUM = "dd-mm-yyyy"  # Excel stores format codes in English; Dutch Excel shows dd-mm-jjjj
DATUM_TIJD = "dd-mm-yyyy hh:mm"
KOLOMBREEDTE = 18  # characters, as stored in the file
# XlsxWriter's set_column adds Excel's cell padding to a width; in pixels (7 per character of the
# default font, Calibri 11) the file keeps the plain widths it has always had.
PIXELS_PER_TEKEN = 7
# XML 1.0 forbids these control characters (tab, newline and carriage return are allowed); they are
# dropped, not escaped as _xHHHH_, so the cell holds the text a caseworker can see.
ONGELDIG = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
MAX_RIJEN = 1_048_576  # Excel's sheet limit, header row included
OPTIES = {
    "constant_memory": True,  # one row in memory, strings written inline
    "in_memory": False,  # would override constant_memory
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}


def _schrijf_tekst(blad: Worksheet, rij: int, kolom: int, waarde: str) -> None:
    waarde = str(waarde)  # a str subclass (a TextChoices member) as its plain text
    if not waarde.isprintable():  # cheap test first: nearly every value passes it
        waarde = ONGELDIG.sub("", waarde)
    if not waarde:
        return  # an empty cell, as for None
    if waarde.startswith("<r>") and waarde.endswith("</r>"):
        # In constant_memory mode XlsxWriter copies a string of this shape unescaped into the sheet as
        # rich text: from a name field that is XML (a formula cell, say) injected into the file. As a
        # rich string of three plain runs it is escaped and reads back as the same text.
        blad.write_rich_string(rij, kolom, waarde[0], waarde[1], waarde[2:])
        return
    blad.write_string(rij, kolom, waarde)


class _Cellen:
    """Writes Python values into cells of one sheet with the typed write for each type."""

    def __init__(self, werkmap: Workbook, blad: Worksheet):
        self.blad = blad
        datum = werkmap.add_format({"num_format": DATUM})
        datum_tijd = werkmap.add_format({"num_format": DATUM_TIJD})
        tekst, getal = partial(_schrijf_tekst, blad), blad.write_number

        def ja_nee(rij: int, kolom: int, waarde: bool) -> None:
            blad.write_string(rij, kolom, "J" if waarde else "N")

        def op_dag(rij: int, kolom: int, waarde: date) -> None:
            blad.write_datetime(rij, kolom, waarde, datum)

        def op_tijd(rij: int, kolom: int, waarde: datetime) -> None:
            if timezone.is_aware(waarde):
                waarde = timezone.make_naive(waarde, AMSTERDAM)  # Excel has no time zones
            blad.write_datetime(rij, kolom, waarde, datum_tijd)

        # Looked up by exact type; subclasses (a TextChoices member is a str) go through `_schrijver`.
        # bool before int and datetime before date there: bool is an int, datetime a date.
        self.schrijvers: dict[type, Callable[[int, int, Any], Any]] = {
            str: tekst,
            bool: ja_nee,
            int: getal,
            float: getal,
            Decimal: getal,
            datetime: op_tijd,
            date: op_dag,
        }
        self.volgorde = ((bool, ja_nee), (datetime, op_tijd), (date, op_dag), (str, tekst))

    def _schrijver(self, waarde: Any) -> Callable[[int, int, Any], Any]:
        for soort, schrijf in self.volgorde:
            if isinstance(waarde, soort):
                return schrijf
        if isinstance(waarde, int | float | Decimal):
            return self.blad.write_number
        raise TypeError(f"Waarde van type {type(waarde).__name__} kan niet in een Excel-cel: {waarde!r}")

    def rij(self, nummer: int, waarden: Sequence[Any]) -> None:
        schrijvers = self.schrijvers
        for kolom, waarde in enumerate(waarden):
            if waarde is not None:
                schrijf = schrijvers.get(type(waarde)) or self._schrijver(waarde)
                schrijf(nummer, kolom, waarde)


def schrijf_xlsx(
    stream: BinaryIO,
    kolommen: Sequence[str],
    rijen: Iterable[Sequence[Any]],
    *,
    blad: str,
    legenda: str = "",
) -> int:
    """Write a workbook with a header row and the rows (and, if given, a "Legenda" sheet) to `stream`;
    return the number of data rows. The caller owns (and closes) `stream`.

    `stream` need not be seekable (the builder passes a zip entry): the workbook's own zip is written
    with data descriptors, the sheet data itself sits in temporary files until `close`.
    """
    # A directory of our own: XlsxWriter's temporary files go with it, also when the rows raise midway.
    with tempfile.TemporaryDirectory(prefix="pib-xlsx-", ignore_cleanup_errors=True) as tmp:
        werkmap = Workbook(stream, {**OPTIES, "tmpdir": tmp})
        gegevens = werkmap.add_worksheet(blad[:31])  # Excel's limit for a sheet name
        gegevens.freeze_panes(1, 0)  # header row stays in view (A2)
        gegevens.set_column_pixels(0, len(kolommen) - 1, KOLOMBREEDTE * PIXELS_PER_TEKEN)
        vet = werkmap.add_format({"bold": True})
        for kolom, titel in enumerate(kolommen):
            gegevens.write_string(0, kolom, titel, vet)
        cellen = _Cellen(werkmap, gegevens)
        aantal = 0
        for aantal, rij in enumerate(rijen, start=1):
            if aantal >= MAX_RIJEN:
                # XlsxWriter would silently drop the cells; a file that lacks rows must not ship.
                raise ValueError(f"Meer dan {MAX_RIJEN - 1} rijen passen niet in één Excel-werkblad.")
            cellen.rij(aantal, rij)
        if legenda:
            uitleg = werkmap.add_worksheet("Legenda")
            uitleg.set_column_pixels(0, 0, 120 * PIXELS_PER_TEKEN)
            for nummer, regel in enumerate(legenda.splitlines()):
                _schrijf_tekst(uitleg, nummer, 0, regel)
        werkmap.close()
    return aantal
