"""S-15/S-16 "Zoeken personen WI2021" (two tabs) and S-17 "Gevonden personen" (seed 001 §3.5).

The form POSTs and the result page carries only an opaque key (inburgering.zoeken), so a BSN never lands
in a URL. A BSN is judged by the rules layer exactly as the overview judges it (§4.2 a, D-02); the other
criteria search only the own gemeente.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from django_tables2 import RequestConfig

from inburgering.access import rol_vereist
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie
from inburgering.regels import weiger
from inburgering.tables import BegrensdePaginator
from inburgering.zoeken import PARAMETER, VERLOPEN, met_zoekopdracht, naar_resultaat, zoekopdracht

from . import meldingen as m
from . import regels, selectors
from .forms_zoeken import ZoekMetBsnForm, ZoekMetOverigeVeldenForm
from .tables import PER_PAGINA, GevondenPersonenTable

SOORT = "wi2021"  # the kind of stored search (inburgering.zoeken)
TABS = {"bsn": ZoekMetBsnForm, "overig": ZoekMetOverigeVeldenForm}
TAB_TITELS = (("bsn", "Zoek met burgerservicenummer"), ("overig", "Zoek met overige velden"))


def _tab(data) -> str:
    return data.get("tab") if data and data.get("tab") in TABS else "bsn"


def _formulier(request, tab: str, data):
    """S-16's Contactpersoon lists the active gemeente's contactpersonen."""
    if tab == "overig":
        return ZoekMetOverigeVeldenForm(data, gemeente=request.toegang.gemeente)
    return ZoekMetBsnForm(data)


def _zoekpagina(request, tab: str, form, *, meldingen=(), geen_resultaten: bool = False):
    context = {
        "tab": tab,
        "tabs": TAB_TITELS,
        "form": form,
        "meldingen": meldingen,
        "geen_resultaten": m.GEEN_RESULTATEN.weergave() if geen_resultaten else "",
        "minstens_een": m.MINSTENS_EEN_CRITERIUM.weergave(),
    }
    return render(request, "wi2021/zoeken.html", context)


@rol_vereist(Wet.WI2021, zoekformulier=True)
def zoeken(request):
    """The form; its POST keeps the criteria in the session and goes on to `gevonden`."""
    if request.method == "POST":
        tab = _tab(request.POST)
        form = _formulier(request, tab, request.POST)
        if form.is_valid():
            return naar_resultaat(request, SOORT, reverse("wi2021:gevonden"))
        return _zoekpagina(request, tab, form)
    # "Terug naar zoeken" comes back with the criteria of the search filled in.
    data = zoekopdracht(request, SOORT)
    tab = _tab(data or request.GET)
    return _zoekpagina(request, tab, _formulier(request, tab, data))


@rol_vereist(Wet.WI2021)
def gevonden(request):
    data = zoekopdracht(request, SOORT)
    if data is None:
        messages.warning(request, VERLOPEN)
        return redirect("wi2021:zoeken")
    tab = _tab(data)
    form = _formulier(request, tab, data)
    if not form.is_valid():
        return _zoekpagina(request, tab, form)
    if tab == "bsn":
        return _met_bsn(request, form)
    return _met_overige_velden(request, form)


def _met_bsn(request, form):
    """S-15: the overview when the rules layer lets this gemeente see the person (AS 602 is the overview's
    to show), else the §4.2 a message: FS 642 unknown, FS 636 other law, FS 617 not visible, FS 655 never
    plichtig (D-02)."""
    bsn = form.cleaned_data["bsn"]
    gemeente = request.toegang.gemeente
    persoon = selectors.persoon_met_bsn(bsn)
    oordeel = weiger(m.FS642) if persoon is None else regels.bekijken(regels.situatie(persoon, gemeente))
    uitkomst = "; ".join(b.tekst for b in oordeel.bevindingen) or "gevonden"
    audit(actor=request.user, actie=AuditActie.ZOEKEN, gemeente=gemeente, bsn=bsn,
          omschrijving=f"Zoeken personen WI2021 (burgerservicenummer): {uitkomst}")  # fmt: skip
    if not oordeel.toegestaan:
        return _zoekpagina(request, "bsn", form, meldingen=[b.tekst for b in oordeel.fouten])
    return redirect("wi2021:overzicht", persoon=persoon.pk)


def _met_overige_velden(request, form):
    """S-16/S-17: none → the no-results message, one → the overview, more → "Gevonden personen"."""
    gemeente = request.toegang.gemeente
    qs = selectors.zoek_personen(gemeente=gemeente, criteria=form.cleaned_data)
    audit(actor=request.user, actie=AuditActie.ZOEKEN, gemeente=gemeente,
          omschrijving="Zoeken personen WI2021 (overige velden)")  # fmt: skip
    eerste = list(qs.values_list("persoon_id", flat=True)[:2])
    if not eerste:
        return _zoekpagina(request, "overig", form, geen_resultaten=True)
    if len(eerste) == 1:
        return redirect("wi2021:overzicht", persoon=eerste[0])
    table = GevondenPersonenTable(qs)
    RequestConfig(
        request, paginate={"per_page": PER_PAGINA, "paginator_class": BegrensdePaginator}
    ).configure(table)
    context = {
        "table": table,
        "criteria": form.gebruikte_criteria(),
        "terug": met_zoekopdracht(reverse("wi2021:zoeken"), request.GET.get(PARAMETER, "")),
        # "Printen" without JavaScript: the same list as a print page (templates/afdrukken.html).
        "printen": request.GET.get("printen") == "1",
    }
    return render(request, "wi2021/gevonden.html", context)
