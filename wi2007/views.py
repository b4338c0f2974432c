"""Wi2007, read only: "Zoeken personen WI2007" (7-1) and the person screen with its PDF (7-2)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from inburgering.access import rol_vereist
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie
from inburgering.zoeken import VERLOPEN, naar_resultaat, zoekopdracht, zoekresultaat

from . import selectors
from .forms import ZoekMetNummersForm, ZoekMetOverigeVeldenForm
from .pdf import persoon_pdf
from .tables import GevondenPersonenTable
from .weergave import IN_BALK, tabs

TABS = {"nummers": ZoekMetNummersForm, "overig": ZoekMetOverigeVeldenForm}
SOORT = "wi2007"  # the kind of stored search (inburgering.zoeken)
INITIAL = {"verblijf": "woonachtig"}


def _tab(data) -> str:
    return data.get("tab") if data.get("tab") in TABS else "nummers"


def _zoekpagina(request, tab: str, form, *, geen_resultaten: bool = False):
    context = {"tab": tab, "form": form, "geen_resultaten": geen_resultaten}
    return render(request, "wi2007/zoeken.html", context)


@rol_vereist(Wet.WI2007, zoekformulier=True)
def zoeken(request):
    """The form; its POST keeps the criteria in the session and goes on to `gevonden` (no BSN in URLs)."""
    if request.method == "POST":
        tab = _tab(request.POST)
        form = TABS[tab](request.POST, initial=INITIAL)
        if form.is_valid():
            return naar_resultaat(request, SOORT, reverse("wi2007:gevonden"))
        return _zoekpagina(request, tab, form)
    # "Terug naar zoeken" comes back with the criteria of the search filled in.
    data = zoekopdracht(request, SOORT)
    tab = _tab(data or request.GET)
    return _zoekpagina(request, tab, TABS[tab](data, initial=INITIAL))


@rol_vereist(Wet.WI2007)
def gevonden(request):
    data = zoekopdracht(request, SOORT)
    if data is None:
        messages.warning(request, VERLOPEN)
        return redirect("wi2007:zoeken")
    tab = _tab(data)
    form = TABS[tab](data, initial=INITIAL)
    if not form.is_valid():
        return _zoekpagina(request, tab, form)
    if tab == "nummers":
        qs = selectors.zoek_met_nummers(toegang=request.toegang, **form.cleaned_data)
        bsn = form.cleaned_data["bsn"]
    else:
        qs = selectors.zoek_met_overige_velden(toegang=request.toegang, criteria=form.cleaned_data)
        bsn = ""
    audit(actor=request.user, actie=AuditActie.ZOEKEN, gemeente=request.toegang.gemeente, bsn=bsn,
          omschrijving=f"Zoeken personen WI2007 ({tab})")  # fmt: skip
    # One hit opens the person, more show "Gevonden personen" (seed 002 §3.2).
    resultaat = zoekresultaat(request, qs, tabel=GevondenPersonenTable, persoon_url="wi2007:persoon",
                              zoek_url="wi2007:zoeken", template="wi2007/gevonden.html")  # fmt: skip
    return resultaat or _zoekpagina(request, tab, form, geen_resultaten=True)


def _scherm(request, persoon_pk: int) -> dict:
    persoon, data = selectors.persoonsscherm(toegang=request.toegang, pk=persoon_pk)
    return {"persoon": persoon, "tabs": tabs(persoon, data["gegevens"]), "signalen": data["signalen"],
            "gegevens": data["gegevens"]}  # fmt: skip


@rol_vereist(Wet.WI2007)
def persoon(request, persoon: int):
    context = _scherm(request, persoon)
    sleutels = [t.sleutel for t in context["tabs"]]
    actief = request.GET.get("tab") if request.GET.get("tab") in sleutels else sleutels[0]
    audit(actor=request.user, actie=AuditActie.BEKIJKEN, gemeente=request.toegang.gemeente,
          persoon=context["persoon"], omschrijving=f"Persoonsscherm WI2007, tab {actief}")  # fmt: skip
    context.update(
        actief=actief,
        tab=next(t for t in context["tabs"] if t.sleutel == actief),
        balk=context["tabs"][:IN_BALK],
        meer=context["tabs"][IN_BALK:],
    )
    return render(request, "wi2007/persoon.html", context)


@rol_vereist(Wet.WI2007)
def persoon_pdf_view(request, persoon: int):
    context = _scherm(request, persoon)
    context["gemeente"] = request.toegang.gemeente
    bestandsnaam = f"wi2007_{context['persoon'].bsn}.pdf"
    audit(actor=request.user, actie=AuditActie.DOWNLOADEN, gemeente=request.toegang.gemeente,
          persoon=context["persoon"], omschrijving=f"Download PDF persoonsscherm WI2007 ({bestandsnaam})")  # fmt: skip
    response = HttpResponse(persoon_pdf(context), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response
