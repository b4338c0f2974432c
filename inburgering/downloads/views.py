"""'Downloaden bestanden' (seed 001 §3.7, seed 002 §3.8, seed 000 §3.7/§4.9): files of the active gemeente."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..access import Toegang
from ..audit import audit
from ..constants import Wet
from ..models import AuditActie, Downloadbestand
from .builder import bestandspad
from .models import CONTENT_TYPES, Downloaddocument
from .registry import Document, Extract, documenten_voor_wet, extracten_voor_wet
from .registry import document as registry_document


@dataclass(frozen=True)
class Regel:
    """One line of a law's table: an extract with its newest file, or a fixed document with its upload.
    `url` is empty while there is nothing to download yet."""

    titel: str
    url: str = ""
    bestandsnaam: str = ""
    grootte: int = 0
    datum: date | None = None
    peildatum: date | None = None  # extracts only: "Bijgewerkt tot en met"

    @classmethod
    def van_extract(cls, extract: Extract, bestand: Downloadbestand | None) -> "Regel":
        if bestand is None:
            return cls(titel=extract.titel_voor(None))
        return cls(
            titel=extract.titel_voor(bestand.peildatum),
            url=reverse("downloads:download", args=[bestand.pk]),
            bestandsnaam=bestand.bestandsnaam,
            grootte=bestand.grootte,
            datum=timezone.localdate(bestand.aangemaakt_op),
            peildatum=bestand.peildatum,
        )

    @classmethod
    def van_document(cls, document: Document, upload: Downloaddocument | None, gemeentecode: str) -> "Regel":
        if upload is None:
            return cls(titel=document.titel)
        return cls(
            titel=document.titel,
            url=reverse("downloads:document", args=[document.sleutel]),
            bestandsnaam=document.downloadnaam(gemeentecode=gemeentecode, formaat=upload.formaat),
            grootte=upload.grootte,
            datum=upload.datum,
        )


@dataclass(frozen=True)
class Sectie:
    wet: str
    titel: str  # "Downloads WI2021", as in the manuals
    regels: list[Regel]


@require_safe
def lijst(request):
    toegang: Toegang = request.toegang
    if not toegang.rollen or toegang.gemeente is None:
        raise PermissionDenied("U hebt geen rol voor de gekozen gemeente.")
    # Only the laws the user may read in the active gemeente, in the manuals' order.
    extracten = {wet: extracten_voor_wet(wet) for wet in Wet.values if toegang.mag_lezen(wet)}
    sleutels = [e.sleutel for lijst_ in extracten.values() for e in lijst_]
    # One query for the whole page; rotation bounds it to `bewaren` rows per extract.
    nieuwste: dict[str, Downloadbestand] = {}
    if sleutels:
        for bestand in Downloadbestand.objects.filter(
            gemeente=toegang.gemeente, wet__in=list(extracten), extract__in=sleutels
        ).order_by("-peildatum", "-aangemaakt_op", "-id"):
            nieuwste.setdefault(bestand.extract, bestand)
    documenten = {wet: documenten_voor_wet(wet) for wet in extracten}
    uploads = _uploads([d for lijst_ in documenten.values() for d in lijst_], toegang.gemeente)

    def document_regels(wet: str, vooraan: bool) -> list[Regel]:
        # A document per gemeente is listed only where that gemeente has one (like SPUK, D-28).
        return [
            Regel.van_document(d, uploads.get(d.sleutel), toegang.gemeente.code)
            for d in documenten[wet]
            if d.vooraan == vooraan and (uploads.get(d.sleutel) or not d.per_gemeente)
        ]

    secties = [
        Sectie(
            wet=wet,
            titel=f"Downloads {wet}",
            # The manuals' order: the nightly files, then the fixed documents (seed 002 §3.8); a document
            # marked `vooraan` before them (seed 000 §3.7: the COA declaraties first).
            regels=document_regels(wet, True)
            + [Regel.van_extract(e, nieuwste.get(e.sleutel)) for e in lijst_]
            + document_regels(wet, False),
        )
        for wet, lijst_ in extracten.items()
    ]
    return render(request, "inburgering/downloads.html", {"secties": secties})


def _upload_voor(document: Document, gemeente) -> Downloaddocument | None:
    return (
        Downloaddocument.objects.filter(
            document=document.sleutel, gemeente=gemeente if document.per_gemeente else None
        )
        .select_related("gemeente")
        .first()
    )


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


@require_safe
def download(request, pk: int):
    toegang: Toegang = request.toegang
    # 404, not 403, for a file of another gemeente or law: never confirm that it exists.
    gemeente = toegang.gemeente
    bestand = Downloadbestand.objects.filter(pk=pk, gemeente=gemeente).first() if gemeente else None
    if bestand is None or not toegang.mag_lezen(bestand.wet):
        raise Http404("Dit bestand bestaat niet (meer).")
    try:
        handle = bestandspad(bestand).open("rb")
    except (OSError, ValueError):
        raise Http404("Dit bestand bestaat niet (meer).") from None
    try:
        audit(
            actor=request.user,
            actie=AuditActie.DOWNLOADEN,
            gemeente=gemeente,
            obj=bestand,
            omschrijving=f"Bestand {bestand.bestandsnaam} gedownload",
        )
    except BaseException:
        handle.close()  # no audit entry, no download
        raise
    return FileResponse(
        handle, as_attachment=True, filename=bestand.bestandsnaam, content_type="application/zip"
    )


@require_safe
@never_cache
def document(request, sleutel: str):
    """A fixed document: the one for every gemeente (the Diplomamodellenboek) or the active gemeente's own
    (the COA declaraties), only with a read role for its law."""
    toegang: Toegang = request.toegang
    soort = registry_document(sleutel)
    # 404, not 403: never confirm what a user without the role cannot have.
    if soort is None or toegang.gemeente is None or not toegang.mag_lezen(soort.wet):
        raise Http404("Dit bestand bestaat niet (meer).")
    upload = _upload_voor(soort, toegang.gemeente)
    if upload is None:
        raise Http404("Dit bestand bestaat niet (meer).")
    naam = soort.downloadnaam(gemeentecode=toegang.gemeente.code, formaat=upload.formaat)
    try:
        handle = upload.bestand.open("rb")
    except (OSError, ValueError):
        raise Http404("Dit bestand bestaat niet (meer).") from None
    try:
        audit(
            actor=request.user,
            actie=AuditActie.DOWNLOADEN,
            gemeente=toegang.gemeente,
            obj=upload,
            omschrijving=f"Document {naam} gedownload",
        )
    except BaseException:
        handle.close()  # no audit entry, no download
        raise
    return FileResponse(handle, as_attachment=True, filename=naam, content_type=CONTENT_TYPES[upload.formaat])
