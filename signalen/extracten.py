"""The nightly "Signaallijst in csv formaat" per law (seed 002 §3.x Downloaden), via the downloads registry."""

from datetime import date

from inburgering.constants import Wet
from inburgering.downloads.registry import Extract, registreer_extract, verwijder_extract
from inburgering.models import Gemeente

from . import uitbreidingen
from .catalogus import omschrijving
from .models import Signaal
from .workflow import Status

KOLOMMEN = ("Status", "BSN", "A-nummer", "Achternaam", "Code", "Omschrijving", "Datum")
VELDEN = ("status", "persoon__bsn", "persoon__a_nummer", "persoon__achternaam", "code", "datum")
LEGENDA = """Signaallijst in csv formaat
Alle signalen van uw gemeente voor deze wet, ongeacht de status, geplaatst tot en met de peildatum.

Status        Nieuw, In behandeling of Afgehandeld
BSN           burgerservicenummer van de persoon
A-nummer      administratienummer van de persoon (indien bekend)
Achternaam    achternaam van de persoon
Code          code van het signaal (zie de signaallijst in de handleiding)
Omschrijving  tekst van het signaal
Datum         datum waarop het signaal in de PIB is geplaatst (dd-mm-jjjj)
"""


def signaalrijen(wet: str, rijen):
    """(status, bsn, a_nummer, achternaam, code, datum, *registered columns) rows → the CSV rows, with Dutch
    labels; the columns a law app registered (signalen.uitbreidingen) come after the fixed ones."""
    labels = dict(Status.choices)
    extra = uitbreidingen.kolommen(wet)
    for status, bsn, a_nummer, achternaam, code, datum, *waarden in rijen:
        yield (
            labels[status], bsn, a_nummer, achternaam, code, omschrijving(wet, code), datum,
            *(kolom.weergave(waarde) for kolom, waarde in zip(extra, waarden, strict=True)),
        )  # fmt: skip


def kolommen(wet: str) -> tuple[str, ...]:
    """The CSV header: the fixed columns and then the law's own (Wi2021: Doelgroep, Contactpersoon)."""
    return (*KOLOMMEN, *(k.kop for k in uitbreidingen.kolommen(wet)))


def csv_rijen(qs, wet: str):
    """A Signaal queryset → CSV rows, streamed from a server-side cursor (DESIGN rule 9)."""
    namen = [k.naam for k in uitbreidingen.kolommen(wet)]
    rijen = (
        uitbreidingen.annoteer(qs, wet)
        .order_by("-datum", "-id")
        .values_list(*VELDEN, *namen)
        .iterator(chunk_size=2000)
    )
    return signaalrijen(wet, rijen)


def _rijen_voor(wet: str):
    def rijen(gemeente: Gemeente, peildatum: date):
        return csv_rijen(Signaal.objects.filter(gemeente=gemeente, wet=wet, datum__lte=peildatum), wet)

    return rijen


def registreer(wetten=None) -> None:
    """At startup, for every law; again for one law after it registered its own columns
    (signalen.uitbreidingen), since the law apps are ready after signalen."""
    for wet in wetten or Wet.values:
        verwijder_extract(f"signaallijst_{wet.lower()}")
        registreer_extract(
            Extract(
                sleutel=f"signaallijst_{wet.lower()}",
                titel="Signaallijst in csv formaat",
                wet=wet,
                bestandsnaam=f"signaallijst_{wet.lower()}" + "_{gemeentecode}_{datum}.zip",
                kolommen=kolommen(wet),
                rijen=_rijen_voor(wet),
                legenda=LEGENDA + "".join(f"{k.kop:<13} {k.legenda}\n" for k in uitbreidingen.kolommen(wet)),
            )
        )
