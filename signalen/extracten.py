"""The nightly "Signaallijst in csv formaat" per law (seed 002 §3.x Downloaden), via the downloads registry."""

from datetime import date

from inburgering.constants import Wet
from inburgering.downloads.registry import Extract, registreer_extract
from inburgering.models import Gemeente

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
    """(status, bsn, a_nummer, achternaam, code, datum) rows → the CSV rows, with Dutch labels."""
    labels = dict(Status.choices)
    for status, bsn, a_nummer, achternaam, code, datum in rijen:
        yield (labels[status], bsn, a_nummer, achternaam, code, omschrijving(wet, code), datum)


def _rijen_voor(wet: str):
    def rijen(gemeente: Gemeente, peildatum: date):
        qs = (
            Signaal.objects.filter(gemeente=gemeente, wet=wet, datum__lte=peildatum)
            .order_by("-datum", "-id")
            .values_list(*VELDEN)
            .iterator(chunk_size=2000)
        )
        return signaalrijen(wet, qs)

    return rijen


def registreer() -> None:
    for wet in Wet.values:
        registreer_extract(
            Extract(
                sleutel=f"signaallijst_{wet.lower()}",
                titel="Signaallijst in csv formaat",
                wet=wet,
                bestandsnaam=f"signaallijst_{wet.lower()}" + "_{gemeentecode}_{datum}.zip",
                kolommen=KOLOMMEN,
                rijen=_rijen_voor(wet),
                legenda=LEGENDA,
            )
        )
