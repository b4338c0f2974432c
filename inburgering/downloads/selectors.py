"""What "Downloaden bestanden" offers a gemeente and who may open which file: one place for the page and
for the API (api/downloads.py)."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404

from ..access import Toegang
from ..audit import audit
from ..constants import Wet
from ..models import AuditActie, Downloadbestand
from .builder import bestandspad
from .models import CONTENT_TYPES, Downloaddocument
from .registry import Document, Extract, documenten_voor_wet, extracten_voor_wet
from .registry import document as registry_document

NIET_GEVONDEN = "Dit bestand bestaat niet (meer)."


@dataclass(frozen=True)
class Aanbod:
    """One law's section: its extracts with their newest file, its fixed documents with their upload. A
    document per gemeente is listed only where that gemeente has one (like SPUK, D-28)."""

    wet: str
    extracten: list[tuple[Extract, Downloadbestand | None]]
    documenten: list[tuple[Document, Downloaddocument | None]]

    @property
    def documenten_vooraan(self):
        """Listed before the nightly files (seed 000 §3.7: the COA declaraties first)."""
        return [(d, u) for d, u in self.documenten if d.vooraan]

    @property
    def documenten_achteraan(self):
        """Listed after the nightly files (seed 002 §3.8: the Diplomamodellenboek)."""
        return [(d, u) for d, u in self.documenten if not d.vooraan]


def aanbod(toegang: Toegang) -> list[Aanbod]:
    """Only the laws the user may read in the active gemeente, in the manuals' order; two queries."""
    extracten = {wet: extracten_voor_wet(wet) for wet in Wet.values if toegang.mag_lezen(wet)}
    sleutels = [e.sleutel for lijst in extracten.values() for e in lijst]
    # Rotation bounds this to `bewaren` rows per extract.
    nieuwste: dict[str, Downloadbestand] = {}
    if sleutels:
        for bestand in Downloadbestand.objects.filter(
            gemeente=toegang.gemeente, wet__in=list(extracten), extract__in=sleutels
        ).order_by("-peildatum", "-aangemaakt_op", "-id"):
            nieuwste.setdefault(bestand.extract, bestand)
    documenten = {wet: documenten_voor_wet(wet) for wet in extracten}
    uploads = _uploads([d for lijst in documenten.values() for d in lijst], toegang.gemeente)
    return [
        Aanbod(
            wet=wet,
            extracten=[(e, nieuwste.get(e.sleutel)) for e in lijst],
            documenten=[
                (d, uploads.get(d.sleutel))
                for d in documenten[wet]
                if uploads.get(d.sleutel) or not d.per_gemeente
            ],
        )
        for wet, lijst in extracten.items()
    ]


def _uploads(documenten: list[Document], gemeente) -> dict[str, Downloaddocument]:
    """The upload of each document that this gemeente gets: its own for a per-gemeente document, else the
    one for all. One query."""
    if not documenten:
        return {}
    per_gemeente = {d.sleutel: d.per_gemeente for d in documenten}
    qs = Downloaddocument.objects.filter(document__in=list(per_gemeente)).filter(
        Q(gemeente__isnull=True) | Q(gemeente=gemeente)
    )
    return {u.document: u for u in qs if (u.gemeente_id is not None) == per_gemeente[u.document]}


def bestand_voor(toegang: Toegang, pk: int) -> Downloadbestand:
    """404, not 403, for a file of another gemeente or law: never confirm that it exists."""
    gemeente = toegang.gemeente
    bestand = Downloadbestand.objects.filter(pk=pk, gemeente=gemeente).first() if gemeente else None
    if bestand is None or not toegang.mag_lezen(bestand.wet):
        raise Http404(NIET_GEVONDEN)
    return bestand


def document_voor(toegang: Toegang, sleutel: str) -> tuple[Document, Downloaddocument]:
    """A fixed document: the one for every gemeente (the Diplomamodellenboek) or the active gemeente's own
    (the COA declaraties), only with a read role for its law (else 404: never confirm what a user without
    the role cannot have)."""
    soort = registry_document(sleutel)
    if soort is None or toegang.gemeente is None or not toegang.mag_lezen(soort.wet):
        raise Http404(NIET_GEVONDEN)
    upload = (
        Downloaddocument.objects.filter(
            document=soort.sleutel, gemeente=toegang.gemeente if soort.per_gemeente else None
        )
        .select_related("gemeente")
        .first()
    )
    if upload is None:
        raise Http404(NIET_GEVONDEN)
    return soort, upload


def documentnaam(soort: Document, upload: Downloaddocument, gemeente) -> str:
    return soort.downloadnaam(gemeentecode=gemeente.code, formaat=upload.formaat)


def content_type(upload: Downloaddocument) -> str:
    return CONTENT_TYPES[upload.formaat]


def geaudit_openen(*, actor, gemeente, obj: Downloadbestand | Downloaddocument, omschrijving: str):
    """The open file, once its download is in the audit trail: no audit entry, no download."""
    try:
        handle = bestandspad(obj).open("rb") if isinstance(obj, Downloadbestand) else obj.bestand.open("rb")
    except (OSError, ValueError):
        raise Http404(NIET_GEVONDEN) from None
    try:
        audit(actor=actor, actie=AuditActie.DOWNLOADEN, gemeente=gemeente, obj=obj, omschrijving=omschrijving)
    except BaseException:
        handle.close()
        raise
    return handle
