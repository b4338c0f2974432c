"""The Leerbaarheidstoets pages (§3.6.5): the "Onthef" confirmation (S-21, a page instead of a pop-up: no
JavaScript needed), "Opnieuw inplannen" (S-22) and "Leerbaarheidstoets historie" (S-23). Which action is
possible is `regels_lbt`' answer; `services_lbt` checks it again."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from inburgering.access import rol_vereist
from inburgering.constants import Wet
from inburgering.regels import Geweigerd
from inburgering.versie import is_verouderd

from . import meldingen as m
from . import regels, regels_lbt, services_lbt
from .forms_lbt import OpnieuwAanvragenForm
from .selectors_lbt import lbt_historie as historie_rijen
from .views_gedeeld import audit_bekijken, blokkade, foutenlijst, mutatiepagina, overzicht_url
from .views_overzicht import _audit, _context, persoonspagina

ONTHEF, OPNIEUW = "Onthef", "Leerbaarheidstoets"


def _b6_url(s: regels.Situatie) -> str:
    return f"{overzicht_url(s)}#leerbaarheidstoets"


@rol_vereist(Wet.WI2021)
def lbt_onthef(request, persoon: int):
    """S-21: "Weet u zeker …? De ontheffing is definitief, u kunt deze niet meer intrekken." Onthef / annuleer."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    oordeel = regels_lbt.onthef(regels_lbt.stand(s))
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, ONTHEF)
    context = {"s": s, "persoon": s.persoon, "titel": ONTHEF, "vraag": m.LBT_ONTHEF_VRAAG.tekst, "fout": "",
               "overzicht_url": _b6_url(s)}  # fmt: skip
    if request.method == "POST":
        try:
            services_lbt.lbt_ontheffen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon)
        except Geweigerd as fout:
            context["fout"] = fout.bevindingen[0].tekst
        else:
            return redirect(_b6_url(s))  # B-6 now shows "Deze persoon is ontheven van de leerbaarheidstoets."
    else:
        audit_bekijken(request, s, "Onthef leerbaarheidstoets (bevestiging)")
    return render(request, "wi2021/lbt_onthef.html", context)


@rol_vereist(Wet.WI2021)
def lbt_opnieuw(request, persoon: int):
    """S-22 "Opnieuw inplannen": a reason from the list or Overig (≤ 140), "Bevestig" / "Annuleer"."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    st = regels_lbt.stand(s)
    oordeel = regels_lbt.opnieuw_aanvragen(st)
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, OPNIEUW)
    if request.method == "POST":
        form = OpnieuwAanvragenForm(request.POST)
        form.is_valid()
        data = form.cleaned_data
        try:
            services_lbt.lbt_opnieuw_aanvragen(
                actor=request.user, gemeente=s.gemeente, persoon=s.persoon, reden=data.get("reden") or "",
                overig=data.get("reden_overig") or "", versie=data.get("versie"),
            )  # fmt: skip
        except Geweigerd as fout:
            form.bevindingen_tonen(fout.bevindingen)
        except ValidationError as fout:
            if not is_verouderd(fout):
                raise
            form.add_error(None, fout.messages[0])
            actueel = regels_lbt.stand(regels.situatie(s.persoon, s.gemeente)).huidige
            if actueel is not None:
                form.nieuwe_versie(actueel)
        else:
            return redirect(_b6_url(s))  # B-6 shows that the request was sent (D-22)
    else:
        form = OpnieuwAanvragenForm(versiebron=st.huidige)
        audit_bekijken(request, s, "Leerbaarheidstoets opnieuw inplannen (formulier)")
    return render(request, "wi2021/lbt_opnieuw.html", {
        "s": s, "persoon": s.persoon, "titel": OPNIEUW, "form": form, "fouten": foutenlijst(form),
        "overzicht_url": _b6_url(s),
    })  # fmt: skip


@persoonspagina
def lbt_historie(request, s: regels.Situatie, bekijken):
    """S-23 (R-LBT-5): Datum aanmelding, Datum toetsafname, Benodigde score, Behaalde score per attempt; only
    for the own gemeente's inburgeringsplichtigen (R-ACC-10)."""
    zichtbaar = regels_lbt.zichtbaar(s)
    rijen = list(historie_rijen(s)) if zichtbaar else []
    _audit(request, s, "Leerbaarheidstoets historie")
    return render(
        request, "wi2021/lbt_historie.html", _context(s, bekijken, rijen=rijen, zichtbaar=zichtbaar, m=m)
    )
