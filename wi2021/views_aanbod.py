"""The Inburgeringsaanbod pages (seed 001 §3.6.7): the per-person overview (S-32), toevoegen (S-33),
wijzigen (S-34), the delete confirmation (S-35) and the history (S-36).

Access as on the PIP pages (`views_pip`): another gemeente's person is a 404 with FS 617, the read role may
look (S-32, S-36) but gets 403 on the forms and on every POST, and an action the rules refuse shows its
message instead of the form. Attentions are confirmed on the form (D-07) and audited by the service.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from inburgering.access import rol_vereist
from inburgering.constants import Wet
from inburgering.regels import BevestigingNodig, Geweigerd
from inburgering.versie import is_verouderd

from . import meldingen as m
from . import regels, selectors_aanbod, services_aanbod
from .forms_aanbod import AanbodForm, AanbodIntrekkenForm
from .models import Inburgeringsaanbod
from .views_gedeeld import (
    audit_bekijken,
    blokkade,
    foutenlijst,
    mutatiepagina,
    situatie_of_weigering,
)

TOEGEVOEGD = "Het inburgeringsaanbod is doorgegeven."
GEWIJZIGD = "Het inburgeringsaanbod is gewijzigd."
ONGEWIJZIGD = "Er is niets gewijzigd aan het inburgeringsaanbod."
INGETROKKEN = "Het inburgeringsaanbod is verwijderd."


def _aanbod_url(s: regels.Situatie) -> str:
    return reverse("wi2021:aanbod", kwargs={"persoon": s.persoon.pk})


def _context(s: regels.Situatie, **extra) -> dict[str, Any]:
    return {"s": s, "persoon": s.persoon, "pip": s.pip, "_aanbod_url": _aanbod_url(s),
            "persoon_url": reverse("wi2021:overzicht", kwargs={"persoon": s.persoon.pk}), **extra}  # fmt: skip


@rol_vereist(Wet.WI2021)
def aanbod(request, persoon: int):
    """S-32: the aanbiedingen with "Voeg inburgeringsaanbod toe", "Wijzig" and "Verwijder" where allowed."""
    s, weigering = situatie_of_weigering(request, persoon)
    if weigering:
        return weigering
    audit_bekijken(request, s, "Inburgeringsaanbod (overzicht)")
    overzicht = selectors_aanbod.overzicht(s, mag_muteren=request.toegang.mag_muteren(Wet.WI2021))
    attenties = [b.tekst for b in regels.bekijken(s).attenties]  # AS 602
    return render(
        request, "wi2021/aanbod_overzicht.html", _context(s, overzicht=overzicht, attenties=attenties)
    )


@rol_vereist(Wet.WI2021)
def aanbod_historie(request, persoon: int):
    """S-36."""
    s, weigering = situatie_of_weigering(request, persoon)
    if weigering:
        return weigering
    audit_bekijken(request, s, "Inburgeringsaanbod historie")
    return render(request, "wi2021/aanbod_historie.html", _context(s, tabel=selectors_aanbod.historie(s)))


def _aanbod(s: regels.Situatie, pk: int) -> tuple[Inburgeringsaanbod | None, list[Inburgeringsaanbod]]:
    """The aanbod of this person's plicht, or None (the rules answer e10 / e9 for it)."""
    alle = selectors_aanbod.aanbiedingen(s)
    return next((a for a in alle if a.pk == pk), None), alle


def _formulierpagina(request, s: regels.Situatie, form, *, titel: str, gevonden=None, **extra):
    context = _context(s, form=form, titel=titel, aanbod=gevonden, fouten=extra.pop("fouten", None)
                       or foutenlijst(form), termijn=_termijn(s), **extra)  # fmt: skip
    return render(request, "wi2021/aanbod_form.html", context)


def _termijn(s: regels.Situatie) -> tuple:
    """The header's "Inburgeringstermijn" (S-33): set once the initial PIP is final (R-PL-6)."""
    return (s.plicht.termijn_start, s.plicht.termijn_einde) if s.plicht else (None, None)


def _bewaard(form, opslaan) -> bool:
    """Run the service; on a refusal the form gets the messages at their fields (or the LET OP box)."""
    try:
        opslaan(form.cleaned_data, form.bevestigde_sleutels())
    except BevestigingNodig as vraag:
        form.vraag_bevestiging(vraag.attenties)
    except Geweigerd as fout:
        form.bevindingen_tonen(fout.bevindingen)
    else:
        return True
    return False


@rol_vereist(Wet.WI2021)
def aanbod_toevoegen(request, persoon: int):
    """S-33."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    oordeel = regels.aanbod_toevoegen(s)
    if not oordeel.toegestaan:
        return blokkade(request, s, oordeel, "Inburgeringsaanbod toevoegen")
    if request.method == "POST":
        form = AanbodForm(request.POST, leerroute=s.pip.leerroute, toevoegen=True)
        if form.is_valid():

            def opslaan(data, bevestigd):
                services_aanbod.aanbod_toevoegen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon,
                                                 data=data, bevestigd=bevestigd)  # fmt: skip

            if _bewaard(form, opslaan):
                messages.success(request, TOEGEVOEGD)
                return redirect(_aanbod_url(s))
    else:
        form = AanbodForm(leerroute=s.pip.leerroute, toevoegen=True,
                          initial={"alfabetisering": s.pip.alfabetisering})  # fmt: skip
        audit_bekijken(request, s, "Inburgeringsaanbod toevoegen (formulier)")
    return _formulierpagina(request, s, form, titel="Inburgeringsaanbod toevoegen")


@rol_vereist(Wet.WI2021)
def aanbod_wijzigen(request, persoon: int, aanbod: int):
    """S-34: with optimistic locking; a stale save keeps the input and shows the current aanbod."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    gevonden, alle = _aanbod(s, aanbod)
    oordeel = regels.aanbod_wijzigen(s, gevonden, alle)
    if not oordeel.toegestaan:
        return blokkade(request, s, oordeel, "Inburgeringsaanbod wijzigen")
    extra: dict[str, Any] = {}
    if request.method == "POST":
        form = AanbodForm(request.POST, leerroute=s.pip.leerroute, toevoegen=False)
        if form.is_valid():
            gewijzigd = []

            def opslaan(data, bevestigd):
                gewijzigd.append(services_aanbod.aanbod_wijzigen(
                    actor=request.user, gemeente=s.gemeente, persoon=s.persoon, aanbod=gevonden.pk, data=data,
                    versie=data.get("versie"), bevestigd=bevestigd))  # fmt: skip

            try:
                if _bewaard(form, opslaan):
                    ongewijzigd = gewijzigd[0].versiekenmerk == form.cleaned_data.get("versie")
                    messages.success(request, ONGEWIJZIGD if ongewijzigd else GEWIJZIGD)
                    return redirect(_aanbod_url(s))
            except ValidationError as fout:
                if not is_verouderd(fout):
                    raise
                # Someone else changed it: show it as it is now next to the input, hand out its version.
                gevonden, _ = _aanbod(s, aanbod)
                extra.update(fouten=[(fout.messages[0], "")], actueel=gevonden)
                form.nieuwe_versie(gevonden)
    else:
        form = AanbodForm(leerroute=s.pip.leerroute, toevoegen=False, versiebron=gevonden,
                          initial={veld: getattr(gevonden, veld) for veld in services_aanbod.VELDEN})  # fmt: skip
        audit_bekijken(request, s, "Inburgeringsaanbod wijzigen (formulier)")
    return _formulierpagina(request, s, form, titel="Inburgeringsaanbod wijzigen", gevonden=gevonden, **extra)


@rol_vereist(Wet.WI2021)
def aanbod_intrekken(request, persoon: int, aanbod: int):
    """S-35 as a confirmation page: variant B when uren taalles en KNM hang under the aanbod (D-22)."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    gevonden, alle = _aanbod(s, aanbod)
    oordeel = regels.aanbod_intrekken(s, gevonden, alle)
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, "Inburgeringsaanbod verwijderen")
    context = _context(s, aanbod=gevonden, fout="")
    if gevonden is not None:
        met_uren = gevonden.pk in selectors_aanbod.met_uren([gevonden])
        context["vraag"] = (m.AANBOD_VERWIJDEREN_B if met_uren else m.AANBOD_VERWIJDEREN_A).weergave()
    if request.method == "POST":
        form = AanbodIntrekkenForm(request.POST)
        form.is_valid()
        try:
            services_aanbod.aanbod_intrekken(actor=request.user, gemeente=s.gemeente, persoon=s.persoon,
                                             aanbod=aanbod, versie=form.cleaned_data.get("versie"))  # fmt: skip
        except Geweigerd as fout:
            context.update(fout=fout.bevindingen[0].tekst, geweigerd=True)
        except ValidationError as fout:
            if not is_verouderd(fout):
                raise
            # Changed since the page was shown: confirm again on what it is now.
            gevonden, _ = _aanbod(s, aanbod)
            context.update(fout=fout.messages[0], aanbod=gevonden)
            form = AanbodIntrekkenForm(initial={"versie": gevonden.versiekenmerk})
        else:
            messages.success(request, INGETROKKEN)
            return redirect(_aanbod_url(s))
    else:
        form = AanbodIntrekkenForm(versiebron=gevonden)
        audit_bekijken(request, s, "Inburgeringsaanbod verwijderen (bevestiging)")
    context["form"] = form
    return render(request, "wi2021/aanbod_intrekken.html", context)
