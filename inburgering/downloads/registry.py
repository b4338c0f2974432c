"""The downloads registry: each law app declares its extracts here (in its AppConfig.ready()).

The shared core builds and serves the files without importing the law apps: it only knows
the `Extract` records they registered (DESIGN: inburgering knows the laws only through registries).
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from ..constants import Wet
from ..models import Gemeente

Rijen = Callable[[Gemeente, date], Iterable[Sequence[Any]]]
FORMATEN = ("csv", "xlsx")


@dataclass(frozen=True)
class Extract:
    """One file a law offers on "Downloaden bestanden", rebuilt every night per gemeente."""

    sleutel: str  # unique key, stored in Downloadbestand.extract
    # "Omschrijving" on the page, e.g. "Signalen 2021 in csv formaat". May hold {jaar}: the year of the
    # file's peildatum ("Maatschappelijke begeleiding {jaar} in csv formaat", seed 000 §3.7); see `titel_voor`.
    titel: str
    wet: str  # a Wet value: the page section and the read role needed to download
    # Zip name, e.g. "signalen_wi2021_{gemeentecode}_{datum}.zip"; {datum} is the peildatum as yyyymmdd.
    # The file inside carries the same stem with ".csv" or ".xlsx".
    bestandsnaam: str
    kolommen: tuple[str, ...]
    # Rows of one gemeente with data up to and including the peildatum. Must be lazy
    # (`.values_list(...).iterator(chunk_size=...)`): the builder streams it and never holds it whole.
    rijen: Rijen
    legenda: str = ""  # non-empty: written as legenda.txt into the zip (and as a sheet of a workbook)
    bewaren: int = 7  # files kept per gemeente + extract; older ones are rotated away
    # What the zip holds: "csv" (Dutch-Excel CSV) or "xlsx" (an Excel workbook, "in excel formaat").
    formaat: str = "csv"

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
        try:
            self.titel.format(jaar=2000)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(
                f"Extract {self.sleutel}: titel kent alleen de plaatshouder {{jaar}} ({exc})."
            ) from None
        if not self.kolommen:
            raise ValueError(f"Extract {self.sleutel}: geen kolommen.")
        if self.bewaren < 1:
            raise ValueError(f"Extract {self.sleutel}: bewaren moet minstens 1 zijn.")
        if self.formaat not in FORMATEN:
            raise ValueError(f"Extract {self.sleutel}: onbekend formaat {self.formaat!r}.")

    def titel_voor(self, peildatum: date | None) -> str:
        """The title of one built file: {jaar} is its peildatum's year; without a file yet, this year's."""
        return self.titel.format(jaar=(peildatum or timezone.localdate()).year)

    def zipnaam(self, *, gemeentecode: str, peildatum: date) -> str:
        return self.bestandsnaam.format(gemeentecode=gemeentecode, datum=peildatum.strftime("%Y%m%d"))

    def inhoudnaam(self, *, gemeentecode: str, peildatum: date) -> str:
        """The data file inside the zip: the zip's stem with ".csv" or ".xlsx"."""
        stam = self.zipnaam(gemeentecode=gemeentecode, peildatum=peildatum).removesuffix(".zip")
        return f"{stam}.{self.formaat}"


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


# --- Fixed documents ----------------------------------------------------------------------------------


DOCUMENTFORMATEN = ("pdf", "zip", "csv")


@dataclass(frozen=True)
class Document:
    """A fixed document a law offers on "Downloaden bestanden". The law declares it here; beheer uploads the
    file in the admin (model `Downloaddocument`).

    Either the same file for every gemeente (seed 002 §3.8: "Diplomamodellenboek in PDF formaat"; until it
    is uploaded the page says it is not available yet), or `per_gemeente`: one file for each gemeente, shown
    only to that gemeente's users and listed only once it is there (seed 000 §3.7: "Niet betaalde
    declaraties bij COA voor 1-10-2017 in csv formaat", a historical file not every gemeente has)."""

    sleutel: str  # unique key, stored in Downloaddocument.document
    titel: str  # "Omschrijving" on the page
    wet: str  # the page section and the read role needed to download
    # The name the user's browser saves it under, e.g. "Diplomamodellenboek.pdf"; a per-gemeente document
    # may hold {gemeentecode}. The extension follows the uploaded file's format.
    bestandsnaam: str
    formaten: tuple[str, ...] = ("pdf",)  # what beheer may upload, recognised by content
    per_gemeente: bool = False
    vooraan: bool = False  # listed before the nightly files (seed 000 §3.7 puts the COA file first)

    def __post_init__(self) -> None:
        if not self.sleutel or len(self.sleutel) > 60 or not self.sleutel.replace("_", "").isalnum():
            raise ValueError(f"Document-sleutel {self.sleutel!r}: 1 tot 60 letters, cijfers of _.")
        if self.wet not in Wet.values:
            raise ValueError(f"Document {self.sleutel}: onbekende wet {self.wet!r}.")
        if not self.formaten or not set(self.formaten) <= set(DOCUMENTFORMATEN):
            raise ValueError(f"Document {self.sleutel}: formaten moeten uit {DOCUMENTFORMATEN} komen.")
        try:
            naam = self.bestandsnaam.format(gemeentecode="0000") if self.per_gemeente else self.bestandsnaam
        except (KeyError, IndexError, ValueError):
            naam = ""
        if (
            "/" in self.bestandsnaam
            or "\\" in self.bestandsnaam
            or not any(naam.endswith(f".{formaat}") for formaat in self.formaten)
            or "{" in naam
        ):
            raise ValueError(
                f"Document {self.sleutel}: bestandsnaam moet een .{'/.'.join(self.formaten)} zonder map zijn "
                "(alleen een document per gemeente mag {gemeentecode} bevatten)."
            )

    def downloadnaam(self, *, gemeentecode: str, formaat: str) -> str:
        """The name of one uploaded file: its gemeentecode filled in, the extension of its format."""
        naam = self.bestandsnaam.format(gemeentecode=gemeentecode) if self.per_gemeente else self.bestandsnaam
        return f"{naam.rsplit('.', 1)[0]}.{formaat}"


_documenten: dict[str, Document] = {}


def registreer_document(document: Document) -> None:
    bestaand = _documenten.get(document.sleutel)
    if bestaand is not None and bestaand != document:
        raise ValueError(f"Document-sleutel {document.sleutel!r} is al geregistreerd.")
    _documenten[document.sleutel] = document


def verwijder_document(sleutel: str) -> None:
    _documenten.pop(sleutel, None)


def document(sleutel: str) -> Document | None:
    return _documenten.get(sleutel)


def alle_documenten() -> list[Document]:
    return list(_documenten.values())


def documenten_voor_wet(wet: str) -> list[Document]:
    return [d for d in _documenten.values() if d.wet == wet]
