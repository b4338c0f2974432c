"""Zoeken signalen (S-3), Selecteren signalen (S-4) with bulk status (S-5), Download alle signalen (S-6)."""

from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from django_tables2 import RequestConfig

from inburgering.access import persoon_voor
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.downloads.stroom import csv_stroom
from inburgering.messages import FS617
from inburgering.models import AuditActie
from inburgering.tables import BegrensdePaginator
from inburgering.zoeken import PARAMETER, VERLOPEN, naar_resultaat, zoekopdracht

from . import uitbreidingen
from .extracten import csv_rijen, kolommen
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


def _soort(config: SignaalWet) -> str:
    return f"signalen:{config.wet}"  # the kind of stored search (inburgering.zoeken)


def zoeken(request, wet: str):
    """S-3. The form POSTs (a BSN stays out of the URL); a valid search goes on to "Selecteren signalen"."""
    config = _wet(request, wet)
    if request.method == "POST":
        filterset = FILTERS[config.wet](request.POST, queryset=Signaal.objects.none(), request=request)
        if filterset.is_valid():
            return naar_resultaat(request, _soort(config), reverse("signalen:selecteren", args=[wet]))
        return _zoekscherm(request, config, filterset)
    # "Terug naar zoeken" comes back with the criteria of the search filled in.
    data = zoekopdracht(request, _soort(config))
    return _zoekscherm(
        request, config, FILTERS[config.wet](data, queryset=Signaal.objects.none(), request=request)
    )


# The list's fixed links ("Toon deze signalen", "Toon alle signalen") carry no person data, nor do the links of
# the weekly contactpersoon e-mail (a law's registered criteria, such as a contactpersoon, and a start date).
LINK_CRITERIA = ("open", "alle", "datum_vanaf")


def _persoon_met_signalen(request, config: SignaalWet, pk: int):
    """The person of a person screen's "Raadplegen": a resident, or someone of whom this gemeente holds
    signals of this law (an old gemeente after a move, A-6 / D-03). Anyone else is "niet gevonden"."""
    try:
        return persoon_voor(toegang=request.toegang, wet=config.wet, pk=pk)
    except Http404:
        signaal = (
            Signaal.objects.filter(gemeente=request.toegang.gemeente, wet=config.wet, persoon_id=pk)
            .select_related("persoon")
            .first()
            if request.toegang.gemeente is not None and request.toegang.mag_lezen(config.wet)
            else None
        )
        if signaal is None:
            raise
        return signaal.persoon


def _criteria(request, config: SignaalWet) -> QueryDict | None:
    """What the list is filtered on: a stored search, the person of a person screen's "Raadplegen" (by
    internal id), or a fixed link. Criteria typed into the URL, a BSN above all, are not used.
    None: the stored search is gone (another session, or pushed out by newer ones)."""
    if PARAMETER in request.GET:
        return zoekopdracht(request, _soort(config))
    data = QueryDict(mutable=True)
    if "persoon" in request.GET:
        persoon_id = request.GET["persoon"]
        if not (persoon_id.isascii() and persoon_id.isdigit()) or len(persoon_id) > 18:
            raise Http404(FS617)
        data["bsn"] = _persoon_met_signalen(request, config, int(persoon_id)).bsn
    for naam in (*LINK_CRITERIA, *(c.naam for c in uitbreidingen.criteria(config.wet))):
        if request.GET.get(naam):
            data[naam] = request.GET[naam]
    return data


def selecteren(request, wet: str):
    config = _wet(request, wet)
    if request.method == "POST":
        return _status_wijzigen(request, config)
    criteria = _criteria(request, config)
    if criteria is None:
        messages.warning(request, VERLOPEN)
        return redirect("signalen:zoeken", wet=wet)
    qs = signalen_voor(toegang=request.toegang, wet=config.wet).order_by("-datum", "-id")
    filterset = FILTERS[config.wet](criteria, queryset=qs, request=request)
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
            "getoond_op": timezone.now().isoformat(),
            "printen": printen,
        },
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
                                            wet=config.wet, ids=form.cleaned_data["ids"], status=status,
                                            getoond_op=_getoond_op(request))  # fmt: skip
    except ValidationError as fout:
        messages.error(request, fout.messages[0])
        return HttpResponseRedirect(terug)
    niveau = messages.success if uitkomst.gewijzigd == len(form.cleaned_data["ids"]) else messages.warning
    niveau(request, statusbericht(uitkomst, Status(status).label))
    return HttpResponseRedirect(terug)


def _getoond_op(request):
    """When the list the POST came from was read. Without a valid moment every signal whose status was
    ever changed counts as changed since, so nothing newer is overwritten."""
    try:
        moment = parse_datetime(request.POST.get("getoond_op", ""))
    except ValueError:
        moment = None
    if moment is None or timezone.is_naive(moment):
        return datetime(1900, 1, 1, tzinfo=UTC)
    return moment


def _signalen(aantal: int) -> str:
    return f"{aantal} signaal" if aantal == 1 else f"{aantal} signalen"


def statusbericht(uitkomst: StatusWijziging, label: str) -> str:
    """One sentence per outcome, so an id of another gemeente is never reported as "had that status"."""
    zinnen = []
    if uitkomst.gewijzigd or not (
        uitkomst.ongewijzigd or uitkomst.niet_gevonden or uitkomst.intussen_gewijzigd
    ):
        zinnen.append(f"De status van {_signalen(uitkomst.gewijzigd)} is gewijzigd in '{label}'.")
    if uitkomst.ongewijzigd:
        had = "had" if uitkomst.ongewijzigd == 1 else "hadden"
        zinnen.append(f"{_signalen(uitkomst.ongewijzigd).capitalize()} {had} die status al.")
    if uitkomst.intussen_gewijzigd:
        is_ = "is" if uitkomst.intussen_gewijzigd == 1 else "zijn"
        zinnen.append(
            f"{_signalen(uitkomst.intussen_gewijzigd).capitalize()} {is_} intussen door een ander gewijzigd; "
            "controleer de actuele status in de lijst."
        )
    if uitkomst.niet_gevonden:
        is_ = "is" if uitkomst.niet_gevonden == 1 else "zijn"
        zinnen.append(f"{_signalen(uitkomst.niet_gevonden).capitalize()} {is_} niet gevonden.")
    return " ".join(zinnen)


def download(request, wet: str):
    """S-6 "Download alle signalen": every signal of the gemeente for this law, whatever filter or status."""
    config = _wet(request, wet)
    gemeente = request.toegang.gemeente
    rijen = csv_rijen(signalen_voor(toegang=request.toegang, wet=config.wet), config.wet)
    bestandsnaam = f"signalen_{config.wet.lower()}_{gemeente.code}_{timezone.localdate():%Y%m%d}.csv"
    audit(actor=request.user, actie=AuditActie.DOWNLOADEN, gemeente=gemeente, omschrijving=bestandsnaam)
    response = StreamingHttpResponse(
        csv_stroom(kolommen(config.wet), rijen), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
