"""'Downloaden bestanden' (seed 001 §3.7, seed 002 §3.8, seed 000 §3.7/§4.9): files of the active gemeente."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from ..access import Toegang
from ..audit import audit
from ..constants import Wet
from ..models import AuditActie, Downloadbestand
from .builder import bestandspad
from .registry import Extract, extracten_voor_wet


@dataclass(frozen=True)
class Regel:
    """One line of a law's table: the extract and its newest file, if one was built yet."""

    extract: Extract
    bestand: Downloadbestand | None


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
    secties = [
        Sectie(
            wet=wet,
            titel=f"Downloads {wet}",
            regels=[Regel(extract=e, bestand=nieuwste.get(e.sleutel)) for e in lijst_],
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
