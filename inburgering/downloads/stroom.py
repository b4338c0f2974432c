"""The Dutch-Excel CSV of `csv.schrijf_csv`, as byte chunks for a StreamingHttpResponse."""

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from .csv import cellen, excel_nl_writer

BOM = "\ufeff".encode()


class _Regels:
    """A write() target that holds what the csv writer wrote until the next chunk is taken."""

    def __init__(self):
        self.delen: list[str] = []

    def write(self, tekst: str) -> int:
        self.delen.append(tekst)
        return len(tekst)

    def neem(self) -> bytes:
        chunk = "".join(self.delen).encode("utf-8")
        self.delen.clear()
        return chunk


def csv_stroom(kolommen: Sequence[str], rijen: Iterable[Sequence[Any]], per: int = 500) -> Iterator[bytes]:
    buffer = _Regels()
    writer = excel_nl_writer(buffer)
    writer.writerow(cellen(kolommen))
    yield BOM + buffer.neem()
    for nummer, rij in enumerate(rijen, start=1):
        writer.writerow(cellen(rij))
        if nummer % per == 0:
            yield buffer.neem()
    yield buffer.neem()
