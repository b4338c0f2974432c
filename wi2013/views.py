"""Wi2013 gemeente pages: "Zoeken personen" (13-1), the person screen (13-2), "Wijzigen" (13-3) and the
factuur (13-4). Views parse and show; what the user may do (buttons, blocking messages) is the answer of
the action's `wi2013.regels` function, and every write is a `wi2013.services` call that asks the same
function again under the row lock, so a hidden button is never the only guard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from inburgering.access import rol_vereist
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie
from inburgering.regels import Geweigerd, Oordeel
from inburgering.versie import is_verouderd
from inburgering.zoeken import VERLOPEN, naar_resultaat, zoekopdracht, zoekresultaat

from . import meldingen as m
from . import regels, selectors, services
from .constants import FACTUURBEDRAG
from .forms import FactuurForm, PvtWijzigenForm, ZoekPersonenForm
from .tables import GevondenPersonenTable, PvtHistorieTable, euro, ja_nee

SOORT = "wi2013"  # the kind of stored search (inburgering.zoeken)
TABS = (("persoonsgegevens", "Persoonsgegevens"), ("factuur", "Factuur"))


@rol_vereist(Wet.WI2013, zoekformulier=True)
def zoeken(request):
    """The form; its POST keeps the criteria in the session and goes on to `gevonden` (no BSN in URLs)."""
    if request.method == "POST":
        form = ZoekPersonenForm(request.POST)
        if form.is_valid():
            return naar_resultaat(request, SOORT, reverse("wi2013:gevonden"))
    else:
        # "Terug naar zoeken" comes back with the criteria of the search filled in.
        form = ZoekPersonenForm(zoekopdracht(request, SOORT))
    return render(request, "wi2013/zoeken.html", {"form": form, "geen_resultaten": False})


@rol_vereist(Wet.WI2013)
def gevonden(request):
    data = zoekopdracht(request, SOORT)
    if data is None:
        messages.warning(request, VERLOPEN)
        return redirect("wi2013:zoeken")
    form = ZoekPersonenForm(data)
    if not form.is_valid():
        return render(request, "wi2013/zoeken.html", {"form": form, "geen_resultaten": False})
    qs = selectors.zoek_personen(toegang=request.toegang, criteria=form.cleaned_data)
    bsn = form.cleaned_data.get("bsn", "")
    audit(actor=request.user, actie=AuditActie.ZOEKEN, gemeente=request.toegang.gemeente, bsn=bsn,
          omschrijving=f"Zoeken personen WI2013 ({'BSN' if bsn else 'overige criteria'})")  # fmt: skip
    resultaat = zoekresultaat(request, qs, tabel=GevondenPersonenTable, persoon_url="wi2013:persoon",
                              zoek_url="wi2013:zoeken", template="wi2013/gevonden.html")  # fmt: skip
    return resultaat or render(request, "wi2013/zoeken.html", {"form": form, "geen_resultaten": True})


def _registratie(gegevens) -> str:
    """Where a registered datum voldaan / reden niet voldaan stands in its two-week window (13-3)."""
    if not services.is_geregistreerd(gegevens):
        return ""
    if gegevens.definitief:
        return "Definitief vastgelegd"
    if gegevens.geregistreerd_op is None:
        return ""
    op = timezone.localtime(gegevens.geregistreerd_op)
    tot = timezone.localtime(services.definitief_op(gegevens))
    return f"Voorlopig geregistreerd op {op:%d-%m-%Y}; kan tot {tot:%d-%m-%Y} worden gecorrigeerd"


def _scherm(request, persoon_pk: int, actief: str = "persoonsgegevens") -> dict:
    """The blocks Persoon and Signalen, the tabs, and the answer of each action's rule for this user."""
    toegang = request.toegang
    persoon, data = selectors.persoonsscherm(toegang=toegang, pk=persoon_pk)
    gegevens = data["gegevens"]
    factuur = selectors.factuur_van(gegevens)
    s = regels.situatie(gegevens=gegevens, factuur=factuur, gemeente=toegang.gemeente,
                        mag_muteren=toegang.mag_muteren(Wet.WI2013))  # fmt: skip
    return {
        "persoon": persoon,
        "gegevens": gegevens,
        "signalen": data["signalen"],
        "factuur": factuur,
        "tabs": TABS,
        "actief": actief,
        # The buttons (Wijzigen, Toevoegen, Verwijderen) show when their rule allows the action.
        "mag": {
            "pvt_wijzigen": regels.pvt_wijzigen(s),
            "factuur_toevoegen": regels.factuur_toevoegen(s),
            "factuur_wijzigen": regels.factuur_wijzigen(s),
            "factuur_verwijderen": regels.factuur_verwijderen(s),
        },
        "registratie": _registratie(gegevens),
        "bedrag": euro(factuur.bedrag if factuur else FACTUURBEDRAG),
        "ja_nee": {
            "indicatie_inburgeringsplicht": ja_nee(gegevens.indicatie_inburgeringsplicht),
            "pvt_plichtig": ja_nee(gegevens.pvt_plichtig),
            "recht_op_mb": ja_nee(gegevens.recht_op_mb),
            "mb_gemeld_bzk": ja_nee(gegevens.mb_gemeld_bzk),
            "geaccepteerd": ja_nee(factuur.geaccepteerd) if factuur else "",
        },
    }


def _persoon_url(context, tab: str = "") -> str:
    url = reverse("wi2013:persoon", kwargs={"persoon": context["persoon"].pk})
    return f"{url}?tab={tab}" if tab else url


def _blokkade(bevindingen) -> str:
    """The text of a refusal that leaves nothing to fill in (the page shows it instead of the form)."""
    return next((b.tekst for b in bevindingen if b.melding in m.BLOKKADES), "")


def _service_blokkade(fout: ValidationError) -> str:
    return _blokkade(fout.bevindingen) if isinstance(fout, Geweigerd) else ""


def _weigering(request, context, oordeel: Oordeel, *, tab: str = ""):
    """GET of a change page: 403 without the MUT role or outside the woongemeente (A-4, A-6); for a
    deceased person (A-5) back to the screen with its message. POSTs go to the service, which asks the
    same rule."""
    fout = oordeel.eerste_fout
    if fout is None:
        return None
    if fout.melding in m.TOEGANG:
        raise PermissionDenied(fout.tekst)
    if fout.melding == m.OVERLEDEN:
        messages.error(request, fout.tekst)
        return redirect(_persoon_url(context, tab))
    return None


def _audit_bekijken(request, context, omschrijving: str) -> None:
    audit(actor=request.user, actie=AuditActie.BEKIJKEN, gemeente=request.toegang.gemeente,
          persoon=context["persoon"], omschrijving=omschrijving)  # fmt: skip


@rol_vereist(Wet.WI2013)
def persoon(request, persoon: int):
    actief = request.GET.get("tab") if request.GET.get("tab") in dict(TABS) else TABS[0][0]
    context = _scherm(request, persoon, actief)
    _audit_bekijken(request, context, f"Persoonsscherm WI2013, tab {actief}")
    if actief == "persoonsgegevens":
        context["historie"] = PvtHistorieTable(list(context["gegevens"].historie.all()))
    else:
        # Seed 000 §4.4: without the gemeente's IBAN the tab says why there is no "Toevoegen".
        fout = context["mag"]["factuur_toevoegen"].eerste_fout
        context["geen_iban"] = fout.tekst if fout and fout.melding == m.GEEN_IBAN else ""
    return render(request, "wi2013/persoon.html", context)


@rol_vereist(Wet.WI2013)
def wijzigen(request, persoon: int):
    """13-3: the four gemeente fields; the rules and the two-week window are `services.pvt_wijzigen`'s."""
    context = _scherm(request, persoon)
    gegevens, blokkade = context["gegevens"], ""
    if request.method == "POST":
        form = PvtWijzigenForm(request.POST)
        if form.is_valid():
            oud = [getattr(gegevens, veld) for veld in services.PVT_VELDEN]
            try:
                gegevens = services.pvt_wijzigen(actor=request.user, gemeente=request.toegang.gemeente,
                                                 persoon=context["persoon"], data=form.cleaned_data,
                                                 versie=form.cleaned_data["versie"])  # fmt: skip
            except ValidationError as fout:
                blokkade = _service_blokkade(fout)
                form.service_fouten(fout)
                if is_verouderd(fout):
                    _actueel(request, context, "Wijzigen PVT-gegevens")
                    form.nieuwe_versie(context["gegevens"])
            else:
                if oud == [getattr(gegevens, veld) for veld in services.PVT_VELDEN]:
                    messages.info(request, "Er zijn geen gegevens gewijzigd.")
                    return redirect(_persoon_url(context))
                bericht = "De gegevens zijn gewijzigd."
                if services.is_geregistreerd(gegevens) and not gegevens.definitief:
                    tot = timezone.localtime(services.definitief_op(gegevens))
                    bericht += (
                        " De datum voldaan of de reden niet voldaan wordt twee weken na de registratie definitief "
                        f"vastgelegd; tot {tot:%d-%m-%Y} kunt u deze nog corrigeren."
                    )
                messages.success(request, bericht)
                return redirect(_persoon_url(context))
    else:
        oordeel = context["mag"]["pvt_wijzigen"]
        if weigering := _weigering(request, context, oordeel):
            return weigering
        blokkade = _blokkade(oordeel.fouten)
        form = PvtWijzigenForm(
            initial={veld: getattr(gegevens, veld) for veld in services.PVT_VELDEN}, versiebron=gegevens
        )
        _audit_bekijken(request, context, "Wijzigen PVT-gegevens WI2013 (formulier)")
    context.update(form=form, blokkade=blokkade)
    return render(request, "wi2013/wijzigen.html", context)


def _actueel(request, context, omschrijving: str) -> None:
    """A stale save was refused: reload the screen, so the page shows the current data (and hands out
    their version) next to the typed input."""
    context.update(_scherm(request, context["persoon"].pk, context["actief"]), actueel=True)
    _audit_bekijken(request, context, f"{omschrijving} WI2013 (actuele gegevens na wijziging door een ander)")


def _factuur_formulier(request, context, *, actie: str, titel: str, service, gelukt: str):
    """Add and change; a change is made on the version of the factuur the form was opened with."""
    factuur, wijzigt = context["factuur"], actie == "factuur_wijzigen"
    oordeel = context["mag"][actie]
    blokkade = _blokkade(oordeel.fouten)
    if request.method == "POST":
        form = FactuurForm(request.POST)
        if form.is_valid():
            versie = {"versie": form.cleaned_data["versie"]} if wijzigt else {}
            try:
                service(actor=request.user, gemeente=request.toegang.gemeente, persoon=context["persoon"],
                        data=form.cleaned_data, **versie)  # fmt: skip
            except ValidationError as fout:
                blokkade = _service_blokkade(fout)
                form.service_fouten(fout)
                if is_verouderd(fout):
                    _actueel(request, context, titel)
                    # Changed in the meantime: go on with the current version, unless it is gone or locked now.
                    blokkade = _blokkade(context["mag"][actie].fouten)
                    if context["factuur"]:
                        form.nieuwe_versie(context["factuur"])
            else:
                messages.success(request, gelukt)
                return redirect(_persoon_url(context, "factuur"))
    else:
        if weigering := _weigering(request, context, oordeel, tab="factuur"):
            return weigering
        initial = (
            {veld: getattr(factuur, veld) for veld in services.FACTUURVELDEN} if wijzigt and factuur else {}
        )
        form = FactuurForm(initial=initial, versiebron=factuur if wijzigt else None)
        _audit_bekijken(request, context, f"{titel} WI2013 (formulier)")
    context.update(actief="factuur", form=form, titel=titel, blokkade=blokkade)
    return render(request, "wi2013/factuur_form.html", context)


@rol_vereist(Wet.WI2013)
def factuur_toevoegen(request, persoon: int):
    context = _scherm(request, persoon, "factuur")
    return _factuur_formulier(request, context, actie="factuur_toevoegen", titel="Factuur toevoegen",
                              gelukt="De factuur is toegevoegd.", service=services.factuur_toevoegen)  # fmt: skip


@rol_vereist(Wet.WI2013)
def factuur_wijzigen(request, persoon: int):
    context = _scherm(request, persoon, "factuur")
    return _factuur_formulier(request, context, actie="factuur_wijzigen", titel="Factuur wijzigen",
                              gelukt="De factuur is gewijzigd.", service=services.factuur_wijzigen)  # fmt: skip


@rol_vereist(Wet.WI2013)
def factuur_verwijderen(request, persoon: int):
    """Confirmation page; the POST deletes through `services.factuur_verwijderen`."""
    context = _scherm(request, persoon, "factuur")
    if request.method == "POST":
        try:
            services.factuur_verwijderen(actor=request.user, gemeente=request.toegang.gemeente,
                                         persoon=context["persoon"], versie=request.POST.get("versie"))  # fmt: skip
        except ValidationError as fout:
            if not is_verouderd(fout):
                messages.error(request, " ".join(fout.messages))
                return redirect(_persoon_url(context, "factuur"))
            # The factuur changed after the confirmation page was shown: confirm again on what it is now.
            _actueel(request, context, "Factuur verwijderen")
            context.update(
                fout=fout.messages[0], blokkade=_blokkade(context["mag"]["factuur_verwijderen"].fouten)
            )
            return render(request, "wi2013/factuur_verwijderen.html", context)
        messages.success(request, "De factuur is verwijderd.")
        return redirect(_persoon_url(context, "factuur"))
    oordeel = context["mag"]["factuur_verwijderen"]
    if weigering := _weigering(request, context, oordeel, tab="factuur"):
        return weigering
    _audit_bekijken(request, context, "Factuur verwijderen WI2013 (bevestiging)")
    context["blokkade"] = _blokkade(oordeel.fouten)
    return render(request, "wi2013/factuur_verwijderen.html", context)
