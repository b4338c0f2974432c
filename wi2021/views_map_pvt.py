"""MAP and PVT pages: "MAP doorgeven"/"MAP wijzigen" (S-37, S-38), "PVT doorgeven"/"PVT Wijzigen" (S-40, S-41)
and the delete confirmations "Verwijderen MAP resultaat"/"Verwijderen PVT resultaat" (S-39, S-42) as pages
(no JavaScript needed). Which action is possible is `regels.TRAJECT_ACTIES`' answer; the services check it
again."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from inburgering.access import rol_vereist
from inburgering.constants import Wet
from inburgering.regels import Geweigerd
from inburgering.versie import is_verouderd

from . import meldingen as m
from . import regels, services_map_pvt
from .forms_map_pvt_uren import TrajectForm, VerwijderForm
from .models import TRAJECT_DATUM, Traject
from .views_gedeeld import audit_bekijken, blokkade, foutenlijst, mutatiepagina, overzicht_url

# The person checks, the refusal pages and the audit of a view are the PIP pages' (one place for them).

TITELS = {
    (Traject.MAP, "doorgeven"): "MAP doorgeven",
    (Traject.MAP, "wijzigen"): "MAP wijzigen",
    (Traject.MAP, "verwijderen"): "Verwijderen MAP resultaat",
    (Traject.PVT, "doorgeven"): "PVT doorgeven",
    (Traject.PVT, "wijzigen"): "PVT Wijzigen",  # sic (S-41)
    (Traject.PVT, "verwijderen"): "Verwijderen PVT resultaat",
}
UITLEG = {
    (
        Traject.MAP,
        "doorgeven",
    ): "Vul de datum in dat het eindgesprek heeft plaatsgevonden en klik op 'Bewaar' om "
    "afronding van de MAP te registreren.",
    (
        Traject.MAP,
        "wijzigen",
    ): "Pas de 'Datum eindgesprek' aan en klik op 'Bewaar' om de wijziging van de MAP te registreren.",
    (
        Traject.PVT,
        "doorgeven",
    ): "Vul de datum in dat de participatieverklaring is ondertekend en klik op 'Bewaar' "
    "om afronding van de PVT te registreren.",
    (
        Traject.PVT,
        "wijzigen",
    ): "Pas de 'Datum ondertekening' aan en klik op 'Bewaar' om de wijziging van de PVT te registreren.",
}  # §3.6.8.1–§3.6.9.2
VRAGEN = {
    Traject.MAP: (m.MAP_VERWIJDEREN_VRAAG, m.MAP_VERWIJDEREN_UREN),
    Traject.PVT: (m.PVT_VERWIJDEREN_VRAAG, m.PVT_VERWIJDEREN_UREN),
}
GELUKT = {
    "doorgeven": "Het {} resultaat is doorgegeven.",
    "wijzigen": "Het {} resultaat is gewijzigd.",
    "verwijderen": "Het {} resultaat is verwijderd.",
}


def _formulier(request, persoon: int, traject: str, actie: str):
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    titel = TITELS[traject, actie]
    v = regels.voortgang(s)
    oordeel = regels.TRAJECT_ACTIES[traject, actie](v)
    # On a POST the service answers (a result registered meanwhile is the outdated-form message).
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, titel)
    wijziging = actie == "wijzigen"
    resultaat = v.resultaten.get(traject)
    actueel = None
    if request.method == "POST":
        form = TrajectForm(request.POST, traject=traject)
        if form.is_valid():
            try:
                kwargs = {"actor": request.user, "gemeente": s.gemeente, "persoon": s.persoon, "traject": traject,
                          "datum": form.cleaned_data["datum"]}  # fmt: skip
                if wijziging:
                    services_map_pvt.traject_wijzigen(**kwargs, versie=form.cleaned_data["versie"])
                else:
                    services_map_pvt.traject_doorgeven(**kwargs)
            except Geweigerd as fout:
                form.bevindingen_tonen(fout.bevindingen)
            except ValidationError as fout:
                if not is_verouderd(fout):
                    raise
                # Someone else was first: show what is registered now; a resubmit overwrites knowingly.
                actueel = regels.voortgang(regels.situatie(s.persoon, s.gemeente)).resultaten.get(traject)
                form.add_error(None, fout.messages[0])
                if actueel is not None:
                    form.nieuwe_versie(actueel)
            else:
                messages.success(request, GELUKT[actie].format(traject))
                return redirect(overzicht_url(s))
    else:
        initial = {"datum": resultaat.datum} if wijziging and resultaat else {}
        form = TrajectForm(traject=traject, initial=initial, versiebron=resultaat if wijziging else None)
        audit_bekijken(request, s, f"{titel} (formulier)")
    return render(request, "wi2021/map_pvt_formulier.html", {
        "s": s, "persoon": s.persoon, "titel": titel, "uitleg": UITLEG[traject, actie], "form": form,
        "fouten": foutenlijst(form), "actueel": actueel, "datumlabel": TRAJECT_DATUM[traject],
        "overzicht_url": overzicht_url(s),
    })  # fmt: skip


def _verwijderen(request, persoon: int, traject: str):
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    titel = TITELS[traject, "verwijderen"]
    v = regels.voortgang(s)
    oordeel = regels.TRAJECT_ACTIES[traject, "verwijderen"](v)
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, titel)
    resultaat = v.resultaten.get(traject)
    context = {"s": s, "persoon": s.persoon, "titel": titel, "traject": traject, "resultaat": resultaat,
               "datumlabel": TRAJECT_DATUM[traject], "vraag": VRAGEN[traject], "fout": "",
               "sluit": traject == Traject.MAP, "overzicht_url": overzicht_url(s)}  # fmt: skip
    if request.method == "POST":
        form = VerwijderForm(request.POST)
        form.is_valid()
        try:
            services_map_pvt.traject_verwijderen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon,
                                                 traject=traject, versie=form.cleaned_data.get("versie"))  # fmt: skip
        except Geweigerd as fout:
            context.update(fout=fout.bevindingen[0].tekst, geweigerd=True)
        except ValidationError as fout:
            if not is_verouderd(fout):
                raise
            # Changed or deleted since the page was shown: confirm again on what is registered now.
            actueel = regels.voortgang(regels.situatie(s.persoon, s.gemeente)).resultaten.get(traject)
            context.update(fout=fout.messages[0], resultaat=actueel)
            form = VerwijderForm(initial={"versie": actueel.versiekenmerk if actueel else ""})
        else:
            messages.success(request, GELUKT["verwijderen"].format(traject))
            return redirect(overzicht_url(s))
    else:
        form = VerwijderForm(versiebron=resultaat)
        audit_bekijken(request, s, f"{titel} (bevestiging)")
    context["form"] = form
    return render(request, "wi2021/map_pvt_verwijderen.html", context)


@rol_vereist(Wet.WI2021)
def map_doorgeven(request, persoon: int):
    return _formulier(request, persoon, Traject.MAP, "doorgeven")


@rol_vereist(Wet.WI2021)
def map_wijzigen(request, persoon: int):
    return _formulier(request, persoon, Traject.MAP, "wijzigen")


@rol_vereist(Wet.WI2021)
def map_verwijderen(request, persoon: int):
    return _verwijderen(request, persoon, Traject.MAP)


@rol_vereist(Wet.WI2021)
def pvt_doorgeven(request, persoon: int):
    return _formulier(request, persoon, Traject.PVT, "doorgeven")


@rol_vereist(Wet.WI2021)
def pvt_wijzigen(request, persoon: int):
    return _formulier(request, persoon, Traject.PVT, "wijzigen")


@rol_vereist(Wet.WI2021)
def pvt_verwijderen(request, persoon: int):
    return _verwijderen(request, persoon, Traject.PVT)
