"""'Downloaden bestanden' by machine: the nightly extracts and fixed documents the key's roles may read
(`inburgering.downloads.selectors`, as the page), each download in the audit trail."""

from django.http import FileResponse
from django.urls import reverse
from django.utils import timezone

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import renderers, serializers
from rest_framework.response import Response

from inburgering.downloads import selectors

from . import fouten
from .basis import ApiView, operatie

TAG = ["Downloads"]
NIET_GEVONDEN = [(404, fouten.NIET_GEVONDEN.code, selectors.NIET_GEVONDEN)]


class BestandSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=["extract", "document"])
    sleutel = serializers.CharField()
    titel = serializers.CharField(help_text="De omschrijving zoals de pagina haar toont.")
    bestandsnaam = serializers.CharField(help_text="Leeg zolang er nog niets te downloaden is.")
    grootte = serializers.IntegerField(help_text="In bytes.")
    datum = serializers.DateField(allow_null=True)
    peildatum = serializers.DateField(allow_null=True, help_text="Extracten: bijgewerkt tot en met.")
    url = serializers.CharField(allow_null=True, help_text="Het pad om het bestand op te halen, of null.")


class SectieSerializer(serializers.Serializer):
    wet = serializers.CharField()
    titel = serializers.CharField()
    bestanden = BestandSerializer(many=True)


def _extract(extract, bestand) -> dict:
    regel = {"soort": "extract", "sleutel": extract.sleutel, "titel": extract.titel_voor(getattr(bestand, "peildatum", None)), "bestandsnaam": "",
             "grootte": 0, "datum": None, "peildatum": None, "url": None}  # fmt: skip
    if bestand is not None:
        regel.update(bestandsnaam=bestand.bestandsnaam, grootte=bestand.grootte, peildatum=bestand.peildatum,
                     datum=timezone.localdate(bestand.aangemaakt_op),
                     url=reverse("api:download", kwargs={"bestand_id": bestand.pk}))  # fmt: skip
    return regel


def _document(document, upload, gemeente) -> dict:
    regel = {"soort": "document", "sleutel": document.sleutel, "titel": document.titel, "bestandsnaam": "",
             "grootte": 0, "datum": None, "peildatum": None, "url": None}  # fmt: skip
    if upload is not None:
        regel.update(bestandsnaam=selectors.documentnaam(document, upload, gemeente), grootte=upload.grootte, datum=upload.datum,
                     url=reverse("api:document", kwargs={"sleutel": document.sleutel}))  # fmt: skip
    return regel


class Bestandsrenderer(renderers.BaseRenderer):
    """Lets a client ask for the file's own type; the view answers with the file itself."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class ZipRenderer(Bestandsrenderer):
    media_type, format = "application/zip", "zip"


class PdfRenderer(Bestandsrenderer):
    media_type, format = "application/pdf", "pdf"


class LijstView(ApiView):
    @operatie(
        naam="downloads_lijst",
        samenvatting="Downloaden bestanden: de lijst",
        beschrijving="Per wet waarvoor de sleutel een rol heeft: de nachtelijke extracten van uw gemeente "
        "(nieuwste bestand) en de vaste documenten.",
        antwoorden={200: SectieSerializer(many=True)},
        tags=TAG,
    )
    def get(self, request):
        secties = [
            {
                "wet": deel.wet,
                "titel": f"Downloads {deel.wet}",
                "bestanden": [_extract(e, b) for e, b in deel.extracten]
                + [_document(d, u, self.gemeente) for d, u in deel.documenten],
            }
            for deel in selectors.aanbod(self.toegang)
        ]
        return Response(SectieSerializer(secties, many=True).data)


class BestandView(ApiView):
    renderer_classes = [renderers.JSONRenderer, ZipRenderer]

    @operatie(
        naam="downloads_bestand",
        samenvatting="Een extract downloaden (zip)",
        meldingen=NIET_GEVONDEN,
        antwoorden={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="Het zipbestand.")
        },
        tags=TAG,
    )
    def get(self, request, bestand_id: int):
        bestand = selectors.bestand_voor(self.toegang, bestand_id)
        handle = selectors.geaudit_openen(actor=request.user, gemeente=self.gemeente, obj=bestand,
                                          omschrijving=f"API: bestand {bestand.bestandsnaam} gedownload")  # fmt: skip
        return FileResponse(
            handle, as_attachment=True, filename=bestand.bestandsnaam, content_type="application/zip"
        )


class DocumentView(ApiView):
    renderer_classes = [renderers.JSONRenderer, PdfRenderer]

    @operatie(
        naam="downloads_document",
        samenvatting="Een vast document downloaden (pdf)",
        meldingen=NIET_GEVONDEN,
        antwoorden={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Het document.")
        },
        tags=TAG,
    )
    def get(self, request, sleutel: str):
        soort, upload = selectors.document_voor(self.toegang, sleutel)
        naam = selectors.documentnaam(soort, upload, self.gemeente)
        handle = selectors.geaudit_openen(actor=request.user, gemeente=self.gemeente, obj=upload,
                                          omschrijving=f"API: document {naam} gedownload")  # fmt: skip
        return FileResponse(
            handle, as_attachment=True, filename=naam, content_type=selectors.content_type(upload)
        )
