"""The downloads registry: each law app declares its extracts here (in its AppConfig.ready()).

The shared core builds and serves the files without importing the law apps: it only knows
the `Extract` records they registered (DESIGN: inburgering knows the laws only through registries).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..constants import Wet
from ..models import Gemeente

Rijen = Callable[[Gemeente, date], Iterable[Sequence[Any]]]


@dataclass(frozen=True)
class Extract:
    """One file a law offers on "Downloaden bestanden", rebuilt every night per gemeente."""

    sleutel: str  # unique key, stored in Downloadbestand.extract
    titel: str  # "Omschrijving" on the page, e.g. "Signalen 2021 in csv formaat"
    wet: str  # a Wet value: the page section and the read role needed to download
    # Zip name, e.g. "signalen_wi2021_{gemeentecode}_{datum}.zip"; {datum} is the peildatum as yyyymmdd.
    # The CSV inside carries the same stem with ".csv".
    bestandsnaam: str
    kolommen: tuple[str, ...]
    # Rows of one gemeente with data up to and including the peildatum. Must be lazy
    # (`.values_list(...).iterator(chunk_size=...)`): the builder streams it and never holds it whole.
    rijen: Rijen
    legenda: str = ""  # non-empty: written as legenda.txt into the zip
    bewaren: int = 7  # files kept per gemeente + extract; older ones are rotated away

    def __post_init__(self) -> None:
        # Fail at startup (ready()), not at 04:00 in the nightly job.
        if not self.sleutel or len(self.sleutel) > 60:
            raise ValueError(f"Extract-sleutel {self.sleutel!r} moet 1 tot 60 tekens lang zijn.")
        if self.wet not in Wet.values:
            raise ValueError(f"Extract {self.sleutel}: onbekende wet {self.wet!r}.")
        # The manuals: "Het te downloaden bestand bevat in de bestandsnaam tevens de gemeentecode."
        # {datum} keeps each day's file apart, so rotation never deletes the file it just wrote.
        naam = self.bestandsnaam
        if "{gemeentecode}" not in naam or "{datum}" not in naam or not naam.endswith(".zip"):
            raise ValueError(
                f"Extract {self.sleutel}: bestandsnaam moet {{gemeentecode}} en {{datum}} bevatten "
                "en op .zip eindigen."
            )
        try:
            voorbeeld = naam.format(gemeentecode="0000", datum="20000101")
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"Extract {self.sleutel}: onbekende plaatshouder in bestandsnaam ({exc})."
            ) from None
        if "/" in voorbeeld or "\\" in voorbeeld or voorbeeld.startswith("."):
            raise ValueError(f"Extract {self.sleutel}: bestandsnaam mag geen map bevatten.")
        if not self.kolommen:
            raise ValueError(f"Extract {self.sleutel}: geen kolommen.")
        if self.bewaren < 1:
            raise ValueError(f"Extract {self.sleutel}: bewaren moet minstens 1 zijn.")

    def zipnaam(self, *, gemeentecode: str, peildatum: date) -> str:
        return self.bestandsnaam.format(gemeentecode=gemeentecode, datum=peildatum.strftime("%Y%m%d"))

    def csvnaam(self, *, gemeentecode: str, peildatum: date) -> str:
        return self.zipnaam(gemeentecode=gemeentecode, peildatum=peildatum).removesuffix(".zip") + ".csv"


_extracten: dict[str, Extract] = {}


def registreer_extract(extract: Extract) -> None:
    """Register an extract; the same record again is harmless, another one under the same key is a bug."""
    bestaand = _extracten.get(extract.sleutel)
    if bestaand is not None and bestaand != extract:
        raise ValueError(f"Extract-sleutel {extract.sleutel!r} is al geregistreerd.")
    _extracten[extract.sleutel] = extract


def verwijder_extract(sleutel: str) -> None:
    _extracten.pop(sleutel, None)


def extract(sleutel: str) -> Extract:
    try:
        return _extracten[sleutel]
    except KeyError:
        raise KeyError(f"Geen extract geregistreerd met sleutel {sleutel!r}.") from None


def alle_extracten() -> list[Extract]:
    """In registration order, which is the order the law apps chose for the page."""
    return list(_extracten.values())


def extracten_voor_wet(wet: str) -> list[Extract]:
    return [e for e in _extracten.values() if e.wet == wet]
