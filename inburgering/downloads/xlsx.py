"""An extract as a real Excel workbook (.xlsx), for the files the manuals call "in excel formaat".

openpyxl in write-only mode writes each row to a temporary file as it comes, so memory stays constant
however many rows the law's iterator yields (DESIGN rule 9); only `save` copies the finished sheet into
the workbook. Values keep their type: dates are real Excel dates shown as dd-mm-jjjj, numbers are
numbers, and text stays text, so a BSN keeps its leading zero and a name that starts with "=" is never a
formula. Booleans are J/N, as in the CSV files and their legend.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, BinaryIO
from zoneinfo import ZoneInfo

from django.utils import timezone

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DATUM = "dd-mm-yyyy"  # Excel stores format codes in English; Dutch Excel shows dd-mm-jjjj
DATUM_TIJD = "dd-mm-yyyy hh:mm"
KOLOMBREEDTE = 18


class _Cellen:
    """Turns one row of Python values into cells of one write-only sheet."""

    def __init__(self, blad):
        self.blad = blad

    def cel(self, waarde: Any) -> Any:
        if waarde is None:
            return None
        if isinstance(waarde, bool):  # before int: bool is an int
            return "J" if waarde else "N"
        if isinstance(waarde, datetime):  # before date: datetime is a date
            if timezone.is_aware(waarde):
                waarde = timezone.make_naive(waarde, AMSTERDAM)  # Excel has no time zones
            return self._opgemaakt(waarde, DATUM_TIJD)
        if isinstance(waarde, date):
            return self._opgemaakt(waarde, DATUM)
        if isinstance(waarde, str):
            waarde = ILLEGAL_CHARACTERS_RE.sub("", waarde)  # control characters are not allowed in XML
            if waarde.startswith("="):
                cel = WriteOnlyCell(self.blad, value=waarde)
                cel.data_type = "s"  # text, never a formula
                return cel
        return waarde

    def _opgemaakt(self, waarde, formaat: str) -> WriteOnlyCell:
        cel = WriteOnlyCell(self.blad, value=waarde)
        cel.number_format = formaat
        return cel

    def rij(self, waarden: Sequence[Any]) -> list[Any]:
        return [self.cel(w) for w in waarden]


def schrijf_xlsx(
    stream: BinaryIO,
    kolommen: Sequence[str],
    rijen: Iterable[Sequence[Any]],
    *,
    blad: str,
    legenda: str = "",
) -> int:
    """Write a workbook with a header row and the rows (and, if given, a "Legenda" sheet) to `stream`;
    return the number of data rows. The caller owns (and closes) `stream`."""
    werkmap = Workbook(write_only=True)
    gegevens = werkmap.create_sheet(blad[:31])  # Excel's limit for a sheet name
    # Set before the first row: a write-only sheet writes its header part only once.
    gegevens.freeze_panes = "A2"
    for nummer in range(1, len(kolommen) + 1):
        gegevens.column_dimensions[get_column_letter(nummer)].width = KOLOMBREEDTE
    vet = Font(bold=True)
    kop = []
    for titel in kolommen:
        cel = WriteOnlyCell(gegevens, value=titel)
        cel.font = vet
        kop.append(cel)
    gegevens.append(kop)
    cellen = _Cellen(gegevens)
    aantal = 0
    for rij in rijen:
        gegevens.append(cellen.rij(rij))
        aantal += 1
    if legenda:
        uitleg = werkmap.create_sheet("Legenda")
        uitleg.column_dimensions["A"].width = 120
        tekst = _Cellen(uitleg)
        for regel in legenda.splitlines():
            uitleg.append([tekst.cel(regel)])
    werkmap.save(stream)
    return aantal
