"""Zoeken signalen (S-3), Selecteren signalen (S-4) with bulk status (S-5), Download alle signalen (S-6)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from django_tables2 import RequestConfig

from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.downloads.stroom import csv_stroom
from inburgering.models import AuditActie
from inburgering.tables import BegrensdePaginator

from .extracten import KOLOMMEN, VELDEN, signaalrijen
from .filters import FILTERS
from .models import Signaal
from .selectors import open_aantallen, signalen_voor
from .services import signalen_status_wijzigen
from .tables import SignaalTable
from .workflow import Status


@dataclass(frozen=True)
class SignaalWet:
    wet: str
    titel: str  # as the page headings write it: "Zoeken signalen WI2021"
    per_pagina: int


# Page sizes as the manuals show them (seed 002 §3.6: 10; seed 001 §3.2.1: 20; seed 000: adjustable).
WETTEN = {
    "wi2007": SignaalWet(Wet.WI2007, "WI2007", 10),
    "wi2013": SignaalWet(Wet.WI2013, "WI2013", 20),
    "wi2021": SignaalWet(Wet.WI2021, "WI2021", 20),
}


def _wet(request, wet: str) -> SignaalWet:
    config = WETTEN.get(wet)
    if config is None:
        raise Http404("Onbekende wet")
    if not request.toegang.mag_lezen(config.wet):
        raise PermissionDenied("U hebt geen rol voor deze signalen.")
    return config


def _zoekscherm(request, config: SignaalWet, filterset, status: int = 200):
    return render(
        request,
        "signalen/zoeken.html",
        {
            "config": config,
            "filter": filterset,
            "open_aantal": open_aantallen(request.toegang.gemeente).get(config.wet, 0),
        },
        status=status,
    )


def zoeken(request, wet: str):
    config = _wet(request, wet)
    return _zoekscherm(request, config, FILTERS[config.wet](queryset=Signaal.objects.none()))


def selecteren(request, wet: str):
    config = _wet(request, wet)
    if request.method == "POST":
        return _status_wijzigen(request, config)
    qs = signalen_voor(toegang=request.toegang, wet=config.wet).order_by("-datum", "-id")
    filterset = FILTERS[config.wet](request.GET, queryset=qs)
    if not filterset.is_valid():
        return _zoekscherm(request, config, filterset)
    # "Printen" without JavaScript: the same list as a print page, without forms and checkboxes.
    printen = request.GET.get("printen") == "1"
    selecteerbaar = request.toegang.mag_muteren(config.wet) and not printen
    # the list shows person data (BSN, achternaam), so viewing it is recorded like a search.
    audit(actor=request.user, actie=AuditActie.ZOEKEN, gemeente=request.toegang.gemeente,
          bsn=filterset.form.cleaned_data.get("bsn") or "",
          omschrijving=f"Selecteren signalen {config.titel}")  # fmt: skip
    table = SignaalTable(filterset.qs, wet=config.wet, selecteerbaar=selecteerbaar)
    RequestConfig(
        request, paginate={"per_page": config.per_pagina, "paginator_class": BegrensdePaginator}
    ).configure(table)
    return render(
        request,
        "signalen/selecteren.html",
        {
            "config": config,
            "table": table,
            "selecteerbaar": selecteerbaar,
            "statussen": Status,
            "printen": printen,
        },
    )


def _status_wijzigen(request, config: SignaalWet):
    """POST of "Selecteren signalen": the chosen rows (or the whole page) get the chosen status."""
    terug = request.get_full_path()
    if request.POST.get("alle_op_pagina"):
        ids = request.POST.getlist("op_pagina")
    else:
        ids = request.POST.getlist("signaal")
    ids = [int(i) for i in ids if i.isdigit()]
    if not ids:
        messages.error(request, "Selecteer ten minste één signaal.")
        return HttpResponseRedirect(terug)
    status = request.POST.get("status", "")
    try:
        aantal = signalen_status_wijzigen(
            actor=request.user, gemeente=request.toegang.gemeente, wet=config.wet, ids=ids, status=status
        )
    except ValidationError as fout:
        messages.error(request, fout.messages[0])
        return HttpResponseRedirect(terug)
    label = Status(status).label
    if aantal == len(ids):
        messages.success(request, f"De status van {aantal} signalen is gewijzigd in '{label}'.")
    else:
        messages.warning(
            request,
            f"De status van {aantal} van de {len(ids)} geselecteerde signalen is gewijzigd in '{label}'; "
            "de andere hadden die status al.",
        )
    return HttpResponseRedirect(terug)


def download(request, wet: str):
    """S-6 "Download alle signalen": every signal of the gemeente for this law, whatever filter or status."""
    config = _wet(request, wet)
    gemeente = request.toegang.gemeente
    rijen = (
        signalen_voor(toegang=request.toegang, wet=config.wet)
        .order_by("-datum", "-id")
        .values_list(*VELDEN)
        .iterator(chunk_size=2000)
    )
    bestandsnaam = f"signalen_{config.wet.lower()}_{gemeente.code}_{timezone.localdate():%Y%m%d}.csv"
    audit(actor=request.user, actie=AuditActie.DOWNLOADEN, gemeente=gemeente, omschrijving=bestandsnaam)
    response = StreamingHttpResponse(
        csv_stroom(KOLOMMEN, signaalrijen(config.wet, rijen)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
