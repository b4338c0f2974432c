"""Uren pages: "Doorgeven <soort uren>" for the gemeente kinds (S-43) and "Doorgeven uren taalles en KNM bij
instelling" (S-44, D-17). "Tot nu toe doorgegeven" is the own gemeente's latest total (D-31); the page
carries its version, so a save on a total someone else has changed meanwhile is refused (R-UR-2)."""

import re

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from inburgering.access import rol_vereist
from inburgering.constants import Wet
from inburgering.regels import Geweigerd, weiger
from inburgering.versie import is_verouderd

from . import meldingen as m
from . import regels, services_uren
from .constants import Leerroute
from .forms_map_pvt_uren import InstellingUrenForm, UrenForm
from .models import INSTELLING_UREN, Urensoort, urenkenmerk
from .selectors_map_pvt_uren import UREN_SLUGS, aanbod_instellingen, eigen_instelling_standen, eigen_stand
from .views_gedeeld import audit_bekijken, blokkade, foutenlijst, mutatiepagina, overzicht_url

# The person checks, the refusal pages and the audit of a view are the PIP pages' (one place for them).

GELUKT = "De uren zijn doorgegeven."
INSTELLING_TITEL = "Doorgeven uren taalles en KNM bij instelling"


def _onbekende_soort(request, s: regels.Situatie):
    """§4.2 h13 "Type uren: Formaatfout" for a kind that is not one of the three gemeente kinds."""
    response = blokkade(request, s, weiger(m.UREN_FORMAATFOUT, None, "Type uren"), "Doorgeven uren")
    response.status_code = 400
    return response


def _nieuwe_versie(form, token: str) -> None:
    form.data = form.data.copy()
    form.data["versie"] = token


@rol_vereist(Wet.WI2021)
def uren_doorgeven(request, persoon: int, soort: str):
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    if soort not in UREN_SLUGS:
        return _onbekende_soort(request, s)
    code = UREN_SLUGS[soort]
    titel = f"Doorgeven {Urensoort(code).label}"
    v = regels.voortgang(s)
    oordeel = regels.uren_doorgeven(v)
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, titel)
    stand = eigen_stand(s, code)
    if request.method == "POST":
        form = UrenForm(request.POST)
        if form.is_valid():
            try:
                services_uren.uren_doorgeven(
                    actor=request.user, gemeente=s.gemeente, persoon=s.persoon, soort=code,
                    aantal=form.cleaned_data["aantal"], datum_tot=form.cleaned_data["datum_tot"],
                    versie=form.cleaned_data["versie"], instelling_gevuld=bool(request.POST.get("instelling")),
                )  # fmt: skip
            except Geweigerd as fout:
                form.bevindingen_tonen(fout.bevindingen)
            except ValidationError as fout:
                if not is_verouderd(fout):
                    raise
                stand = eigen_stand(s, code)  # the total as it is now, with its version
                form.add_error(None, fout.messages[0])
                _nieuwe_versie(form, urenkenmerk([stand]))
            else:
                messages.success(request, GELUKT)
                return redirect(overzicht_url(s))
        else:
            form.aanvullen(regels.uren_gegevens(
                s, aantal=form.cleaned_data.get("aantal"), datum_tot=form.cleaned_data.get("datum_tot"), vorige=stand,
                instelling_gevuld=False,
            ))  # fmt: skip
    else:
        form = UrenForm(initial={"versie": urenkenmerk([stand])})
        audit_bekijken(request, s, f"{titel} (formulier)")
    return render(request, "wi2021/uren_gemeente.html", {
        "s": s, "persoon": s.persoon, "titel": titel, "form": form, "fouten": foutenlijst(form), "stand": stand,
        "overzicht_url": overzicht_url(s),
    })  # fmt: skip


@rol_vereist(Wet.WI2021)
def uren_instelling(request, persoon: int):
    """S-44. "Toon" (pressed by the select's script, or by hand without JavaScript) shows the chosen
    instelling's "Tot nu toe doorgegeven" without saving; Bewaar for another instelling than the one shown
    does the same first, because the totals typed must build on what that instelling has."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    v = regels.voortgang(s)
    oordeel = regels.uren_instelling_doorgeven(v)
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, INSTELLING_TITEL)
    instellingen = aanbod_instellingen(s)
    per_id = {i.pk: i for i in instellingen}
    opties = {
        "instellingen": instellingen,
        "onderwijsroute": s.pip is not None and s.pip.leerroute == Leerroute.O,
    }
    melding = ""
    if request.method == "POST":
        form = InstellingUrenForm(request.POST, **opties)
        gekozen = form.gekozen_instelling()
        standen = eigen_instelling_standen(s, per_id.get(gekozen))
        andere = request.POST.get("getoond", "") != str(gekozen or "")
        if "toon" in request.POST or (andere and gekozen in per_id):
            melding = "" if "toon" in request.POST else m.UREN_ANDERE_INSTELLING.weergave()
            form = _getoond(request.POST, opties, gekozen, standen)
        elif form.is_valid():
            try:
                services_uren.uren_instelling_doorgeven(
                    actor=request.user, gemeente=s.gemeente, persoon=s.persoon, instelling_id=gekozen,
                    soort_instelling=form.cleaned_data.get("soort_instelling") or "",
                    totalen={soort: form.cleaned_data[soort] for soort in INSTELLING_UREN},
                    datum_tot=form.cleaned_data["datum_tot"], versie=form.cleaned_data["versie"],
                )  # fmt: skip
            except Geweigerd as fout:
                form.bevindingen_tonen(fout.bevindingen)
            except ValidationError as fout:
                if not is_verouderd(fout):
                    raise
                standen = eigen_instelling_standen(s, per_id.get(gekozen))
                form.add_error(None, fout.messages[0])
                _nieuwe_versie(form, urenkenmerk(standen.values()))
            else:
                messages.success(request, GELUKT)
                return redirect(overzicht_url(s))
    else:
        # ?instelling= preselects one (B-10 links); a single aanbod is preselected anyway.
        gekozen = request.GET.get("instelling", "")
        gekozen = int(gekozen) if re.fullmatch(r"[0-9]{1,11}", gekozen) and int(gekozen) in per_id else None
        if gekozen is None and len(instellingen) == 1:
            gekozen = instellingen[0].pk
        standen = eigen_instelling_standen(s, per_id.get(gekozen))
        form = _getoond({"instelling": gekozen or ""}, opties, gekozen, standen)
        audit_bekijken(request, s, f"{INSTELLING_TITEL} (formulier)")
    return render(request, "wi2021/uren_instelling.html", {
        "s": s, "persoon": s.persoon, "titel": INSTELLING_TITEL, "form": form, "fouten": foutenlijst(form),
        "melding": melding, "standen": [(form[soort].label, standen[soort]) for soort in INSTELLING_UREN],
        "overzicht_url": overzicht_url(s), **opties,
    })  # fmt: skip


def _getoond(invoer, opties, gekozen: int | None, standen) -> InstellingUrenForm:
    """An unbound form with what was typed, carrying the version of the instelling whose totals it shows."""
    velden = ("soort_instelling", "instelling", *INSTELLING_UREN, "datum_tot")
    initial = {veld: invoer.get(veld) for veld in velden if invoer.get(veld) not in (None, "")}
    initial.update(instelling=gekozen or "", getoond=gekozen or "", versie=urenkenmerk(standen.values()))
    return InstellingUrenForm(initial=initial, **opties)
