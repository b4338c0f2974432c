"""'Downloaden bestanden' (seed 001 §3.7, seed 002 §3.8, seed 000 §3.7/§4.9): files of the active gemeente."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..access import Toegang
from ..models import Downloadbestand
from .models import Downloaddocument
from .registry import Document, Extract
from .selectors import aanbod, bestand_voor, content_type, document_voor, documentnaam, geaudit_openen


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
    code = toegang.gemeente.code
    secties = [
        Sectie(
            wet=deel.wet,
            titel=f"Downloads {deel.wet}",
            # The manuals' order: the nightly files, then the fixed documents (seed 002 §3.8); a document
            # marked `vooraan` before them (seed 000 §3.7: the COA declaraties first).
            regels=[Regel.van_document(d, u, code) for d, u in deel.documenten_vooraan]
            + [Regel.van_extract(e, bestand) for e, bestand in deel.extracten]
            + [Regel.van_document(d, u, code) for d, u in deel.documenten_achteraan],
        )
        for deel in aanbod(toegang)
    ]
    return render(request, "inburgering/downloads.html", {"secties": secties})


@require_safe
def download(request, pk: int):
    bestand = bestand_voor(request.toegang, pk)
    handle = geaudit_openen(actor=request.user, gemeente=request.toegang.gemeente, obj=bestand,
                            omschrijving=f"Bestand {bestand.bestandsnaam} gedownload")  # fmt: skip
    return FileResponse(
        handle, as_attachment=True, filename=bestand.bestandsnaam, content_type="application/zip"
    )


@require_safe
@never_cache
def document(request, sleutel: str):
    """A fixed document: the one for every gemeente (the Diplomamodellenboek) or the active gemeente's own
    (the COA declaraties), only with a read role for its law."""
    soort, upload = document_voor(request.toegang, sleutel)
    naam = documentnaam(soort, upload, request.toegang.gemeente)
    handle = geaudit_openen(actor=request.user, gemeente=request.toegang.gemeente, obj=upload,
                            omschrijving=f"Document {naam} gedownload")  # fmt: skip
    return FileResponse(handle, as_attachment=True, filename=naam, content_type=content_type(upload))
