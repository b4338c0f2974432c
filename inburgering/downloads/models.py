"""The fixed documents of "Downloaden bestanden" (the Diplomamodellenboek, the COA declaraties per gemeente),
uploaded by beheer.

Part of the `inburgering` app (imported by inburgering/models.py). The file lives under MEDIA_ROOT, which
is never served directly: only the access-checked, audited view hands it out. What a file is, is decided
by its content, never by its name: a PDF starts with "%PDF-", a zip must open, a CSV is text with a
separator on its first line.
"""

import codecs
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from .registry import document as geregistreerd_document

PDF_KOP = b"%PDF-"
ZIP_KOP = b"PK\x03\x04"
CSV_PROEF = 64 * 1024  # a CSV is recognised on its first 64 KiB
MAX_GROOTTE = 25 * 1024 * 1024  # the Diplomamodellenboek is a few MB; this keeps a mistake off the disk
DOCUMENTEN_MAP = "documenten"
CONTENT_TYPES = {"pdf": "application/pdf", "zip": "application/zip", "csv": "text/csv; charset=utf-8"}
NAMEN = {"pdf": "PDF-bestand", "zip": "zipbestand", "csv": "CSV-bestand"}


def valideer_grootte(bestand) -> None:
    if bestand.size > MAX_GROOTTE:
        raise ValidationError(
            "Het bestand is te groot (%(grootte)s); een document mag hoogstens %(max)s zijn.",
            code="te_groot",
            params={"grootte": filesizeformat(bestand.size), "max": filesizeformat(MAX_GROOTTE)},
        )


def valideer_pdf(bestand) -> None:
    """A PDF of at most MAX_GROOTTE (kept: migration 0007 refers to it)."""
    valideer_grootte(bestand)
    if _kop(bestand, len(PDF_KOP)) != PDF_KOP:
        raise ValidationError(
            "Dit bestand is geen PDF-bestand. Kies een PDF-bestand (bijvoorbeeld Diplomamodellenboek.pdf).",
            code="geen_pdf",
        )


def _kop(bestand, aantal: int) -> bytes:
    bestand.seek(0)
    kop = bestand.read(aantal)
    bestand.seek(0)
    return kop


def _is_zip(bestand) -> bool:
    """A zip that opens, holds at least one file and whose files are intact (CRC)."""
    try:
        with zipfile.ZipFile(bestand) as zf:
            return bool(zf.namelist()) and zf.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        return False
    finally:
        bestand.seek(0)


def _is_csv(proef: bytes) -> bool:
    """Text (UTF-8, or the Windows-1252 Excel writes) without NUL bytes, with ; or , on its first line."""
    if not proef or b"\x00" in proef:
        return False
    for tekenset in ("utf-8-sig", "cp1252"):
        try:
            tekst = codecs.getincrementaldecoder(tekenset)().decode(proef, final=False)
            break
        except UnicodeDecodeError:
            continue
    else:
        return False
    eerste = tekst.splitlines()[0] if tekst.splitlines() else ""
    return (";" in eerste or "," in eerste) and eerste.isprintable()


def bestandsformaat(bestand) -> str | None:
    """ "pdf", "zip" or "csv" by content; None for anything else."""
    proef = _kop(bestand, CSV_PROEF)
    if proef.startswith(PDF_KOP):
        return "pdf"
    if proef.startswith(ZIP_KOP):
        return "zip" if _is_zip(bestand) else None
    return "csv" if _is_csv(proef) else None


def _opslagpad(instance: "Downloaddocument", naam: str) -> str:
    # The uploader's file name never reaches the file system; the download name comes from the registry.
    return f"{DOCUMENTEN_MAP}/{instance.document}/{uuid.uuid4().hex}.{instance.formaat or 'pdf'}"


class Downloaddocument(models.Model):
    """The uploaded file of one registered `Document`: one for every gemeente, or one per gemeente."""

    document = models.CharField(
        max_length=60,
        help_text="Het document zoals een wet het aanbiedt op 'Downloaden bestanden'.",
    )
    gemeente = models.ForeignKey(
        "inburgering.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Alleen bij een document per gemeente (zoals de COA-declaraties): de gemeente die het "
        "bestand krijgt. Leeg bij een document voor alle gemeenten.",
    )
    bestand = models.FileField("bestand", upload_to=_opslagpad, validators=[valideer_grootte], max_length=200)
    formaat = models.CharField(max_length=3, default="pdf", editable=False)
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
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(gemeente__isnull=True),
                name="downloaddocument_een_voor_alle",
                violation_error_message="Dit document is al geüpload; wijzig het bestaande document.",
            ),
            models.UniqueConstraint(
                fields=["document", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="downloaddocument_een_per_gemeente",
                violation_error_message=(
                    "Dit document is voor deze gemeente al geüpload; wijzig het bestaande document."
                ),
            ),
        ]

    def __str__(self) -> str:
        soort = geregistreerd_document(self.document)
        titel = soort.titel if soort else self.document
        return f"{titel} ({self.gemeente})" if self.gemeente_id else titel

    def clean(self) -> None:
        soort = geregistreerd_document(self.document)
        if soort is None:
            raise ValidationError({"document": "Geen enkele wet biedt dit document aan."})
        if soort.per_gemeente and self.gemeente_id is None:
            raise ValidationError({"gemeente": "Kies de gemeente: dit document is er per gemeente."})
        if not soort.per_gemeente and self.gemeente_id is not None:
            raise ValidationError({"gemeente": "Laat de gemeente leeg: dit document is voor alle gemeenten."})
        if not self.bestand or self.bestand.size > MAX_GROOTTE:
            return  # the field's own message says it
        formaat = bestandsformaat(self.bestand)
        if formaat not in soort.formaten:
            namen = " of ".join(NAMEN[f] for f in soort.formaten).replace("bestand of ", "- of ")
            voorbeeld = soort.downloadnaam(
                gemeentecode=self.gemeente.code if self.gemeente_id else "0000", formaat=soort.formaten[0]
            )
            raise ValidationError(
                {"bestand": f"Dit bestand is geen {namen}. Kies een {namen} (bijvoorbeeld {voorbeeld})."},
                code="verkeerd_formaat",
            )
        self.formaat = formaat
