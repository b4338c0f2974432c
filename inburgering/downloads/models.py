"""The fixed documents of "Downloaden bestanden" (e.g. the Diplomamodellenboek), uploaded by beheer.

Part of the `inburgering` app (imported by inburgering/models.py). The file lives under MEDIA_ROOT, which
is never served directly: only the access-checked, audited view hands it out.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from .registry import document as geregistreerd_document

PDF_KOP = b"%PDF-"
MAX_GROOTTE = 25 * 1024 * 1024  # the Diplomamodellenboek is a few MB; this keeps a mistake off the disk
DOCUMENTEN_MAP = "documenten"


def valideer_pdf(bestand) -> None:
    """A PDF by its content, not its name: every PDF starts with "%PDF-"."""
    if bestand.size > MAX_GROOTTE:
        raise ValidationError(
            "Het bestand is te groot (%(grootte)s); een document mag hoogstens %(max)s zijn.",
            code="te_groot",
            params={"grootte": filesizeformat(bestand.size), "max": filesizeformat(MAX_GROOTTE)},
        )
    bestand.seek(0)
    kop = bestand.read(len(PDF_KOP))
    bestand.seek(0)
    if kop != PDF_KOP:
        raise ValidationError(
            "Dit bestand is geen PDF-bestand. Kies een PDF-bestand (bijvoorbeeld Diplomamodellenboek.pdf).",
            code="geen_pdf",
        )


def _opslagpad(instance: "Downloaddocument", naam: str) -> str:
    # The uploader's file name never reaches the file system; the download name comes from the registry.
    return f"{DOCUMENTEN_MAP}/{instance.document}/{uuid.uuid4().hex}.pdf"


class Downloaddocument(models.Model):
    """The uploaded file of one registered `Document`: one per document, the same for every gemeente."""

    document = models.CharField(
        max_length=60,
        unique=True,
        help_text="Het document zoals een wet het aanbiedt op 'Downloaden bestanden'.",
    )
    bestand = models.FileField("PDF-bestand", upload_to=_opslagpad, validators=[valideer_pdf], max_length=200)
    datum = models.DateField(
        "datum van het document",
        default=timezone.localdate,
        help_text="Staat in de kolom 'Datum' op de pagina.",
    )
    grootte = models.PositiveBigIntegerField(default=0, editable=False)
    geupload_op = models.DateTimeField("geüpload op", auto_now=True)
    geupload_door = models.CharField("geüpload door", max_length=150, blank=True, editable=False)

    class Meta:
        app_label = "inburgering"
        verbose_name = "downloaddocument"
        verbose_name_plural = "downloaddocumenten"

    def __str__(self) -> str:
        soort = geregistreerd_document(self.document)
        return soort.titel if soort else self.document

    def clean(self) -> None:
        if geregistreerd_document(self.document) is None:
            raise ValidationError({"document": "Geen enkele wet biedt dit document aan."})
