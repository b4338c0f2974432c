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
from .forms import StatusWijzigenForm
from .models import Signaal
from .selectors import open_aantallen, signalen_voor
from .services import StatusWijziging, signalen_status_wijzigen
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
    selecteerbaar = request.toegang.mag_muteren(config.wet)
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
        {"config": config, "table": table, "selecteerbaar": selecteerbaar, "statussen": Status},
    )


def _status_wijzigen(request, config: SignaalWet):
    """POST of "Selecteren signalen": the chosen rows (or the whole page) get the chosen status."""
    terug = request.get_full_path()
    form = StatusWijzigenForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.eerste_fout())
        return HttpResponseRedirect(terug)
    status = form.cleaned_data["status"]
    try:
        uitkomst = signalen_status_wijzigen(actor=request.user, gemeente=request.toegang.gemeente,
                                            wet=config.wet, ids=form.cleaned_data["ids"], status=status)  # fmt: skip
    except ValidationError as fout:
        messages.error(request, fout.messages[0])
        return HttpResponseRedirect(terug)
    niveau = messages.success if uitkomst.gewijzigd == len(form.cleaned_data["ids"]) else messages.warning
    niveau(request, statusbericht(uitkomst, Status(status).label))
    return HttpResponseRedirect(terug)


def _signalen(aantal: int) -> str:
    return f"{aantal} signaal" if aantal == 1 else f"{aantal} signalen"


def statusbericht(uitkomst: StatusWijziging, label: str) -> str:
    """One sentence per outcome, so an id of another gemeente is never reported as "had that status"."""
    zinnen = []
    if uitkomst.gewijzigd or not (uitkomst.ongewijzigd or uitkomst.niet_gevonden):
        zinnen.append(f"De status van {_signalen(uitkomst.gewijzigd)} is gewijzigd in '{label}'.")
    if uitkomst.ongewijzigd:
        had = "had" if uitkomst.ongewijzigd == 1 else "hadden"
        zinnen.append(f"{_signalen(uitkomst.ongewijzigd).capitalize()} {had} die status al.")
    if uitkomst.niet_gevonden:
        is_ = "is" if uitkomst.niet_gevonden == 1 else "zijn"
        zinnen.append(f"{_signalen(uitkomst.niet_gevonden).capitalize()} {is_} niet gevonden.")
    return " ".join(zinnen)


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
