"""'Downloaden bestanden' (seed 001 §3.7, seed 002 §3.8, seed 000 §3.7/§4.9): files of the active gemeente."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
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
from .models import Downloaddocument
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
            return cls(titel=extract.titel)
        return cls(
            titel=extract.titel,
            url=reverse("downloads:download", args=[bestand.pk]),
            bestandsnaam=bestand.bestandsnaam,
            grootte=bestand.grootte,
            datum=timezone.localdate(bestand.aangemaakt_op),
            peildatum=bestand.peildatum,
        )

    @classmethod
    def van_document(cls, document: Document, upload: Downloaddocument | None) -> "Regel":
        if upload is None:
            return cls(titel=document.titel)
        return cls(
            titel=document.titel,
            url=reverse("downloads:document", args=[document.sleutel]),
            bestandsnaam=document.bestandsnaam,
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
    sleutels = [d.sleutel for lijst_ in documenten.values() for d in lijst_]
    uploads = (
        {u.document: u for u in Downloaddocument.objects.filter(document__in=sleutels)} if sleutels else {}
    )
    secties = [
        Sectie(
            wet=wet,
            titel=f"Downloads {wet}",
            # The manual's order: the nightly files first, then the fixed documents (seed 002 §3.8).
            regels=[Regel.van_extract(e, nieuwste.get(e.sleutel)) for e in lijst_]
            + [Regel.van_document(d, uploads.get(d.sleutel)) for d in documenten[wet]],
        )
        for wet, lijst_ in extracten.items()
    ]
    return render(request, "inburgering/downloads.html", {"secties": secties})


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
    """A fixed document (e.g. the Diplomamodellenboek): for every gemeente, only with a read role for its law."""
    toegang: Toegang = request.toegang
    soort = registry_document(sleutel)
    # 404, not 403: never confirm what a user without the role cannot have.
    if soort is None or toegang.gemeente is None or not toegang.mag_lezen(soort.wet):
        raise Http404("Dit bestand bestaat niet (meer).")
    upload = Downloaddocument.objects.filter(document=sleutel).first()
    if upload is None:
        raise Http404("Dit bestand bestaat niet (meer).")
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
            omschrijving=f"Document {soort.bestandsnaam} gedownload",
        )
    except BaseException:
        handle.close()  # no audit entry, no download
        raise
    return FileResponse(
        handle, as_attachment=True, filename=soort.bestandsnaam, content_type="application/pdf"
    )
