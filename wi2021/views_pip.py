"""The PIP pages: the wizards "PIP doorgeven" (S-24…S-26) and "PIP wijzigen" (S-27…S-29) and the delete
confirmation (S-30).

What was typed is kept in the session, per gemeente, person and wizard, so "Verder" and the back
buttons never lose input (R-PIP-21). "Verder" asks `regels.pip_gegevens` and shows only the findings
for that step's fields; "Bewaar" calls the service, which checks everything again. Attentions (AS,
the 30-day and 18-month warnings) are confirmed per step (D-07) and the confirmed keys go to the
service, which records them in the audit entry.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html

from inburgering.access import rol_vereist
from inburgering.constants import Wet
from inburgering.regels import BevestigingNodig, Geweigerd
from inburgering.versie import is_verouderd

from . import regels, selectors_aanbod, services
from .constants import Alfabetisering, Leerroute, Niveau
from .forms_pip import PipBewaarForm, PipStap1Form, PipStap2Form, PipVerwijderenForm
from .views_gedeeld import audit_bekijken, blokkade, foutenlijst, mutatiepagina, overzicht_url

STAP_VELDEN = {
    1: ("dagtekening_initieel", "dagtekening", "leerroute", "alfabetisering"),
    2: ("niveau", "geschatte_uren", "aangepaste_uren_participatie", "toestemming_nvo"),
}
PIP_GEMELD_KOP = "PIP gemeld bij DUO."
PIP_GEMELD = (
    "Het persoonlijk plan inburgering en participatie (PIP) is gemeld bij DUO. Het PIP is nu nog niet "
    "definitief bij DUO geregistreerd. DUO hanteert hiervoor een termijn van 2 weken. U kunt de datum "
    "dagtekening PIP nog wijzigen. Ook kunt u het PIP nog verwijderen. Twee weken na registratie van het PIP "
    "is deze definitief geregistreerd en stelt DUO de inburgeringstermijn vast op basis van de datum "
    "dagtekening PIP."
)  # B-7 (§3.6.6.3), shown at the top after S-26 (R-PIP-20)
PIP_GEWIJZIGD = "Het gewijzigde persoonlijk plan inburgering en participatie (PIP) is gemeld bij DUO."
PIP_VERWIJDERD = "Het PIP is verwijderd."
VERWIJDEREN_A = "Weet u zeker dat u dit PIP wilt verwijderen?"
VERWIJDEREN_B = (
    "Weet u zeker dat u dit PIP (en daarmee ook de inburgeringsaanbiedingen en eventueel daaraan gekoppelde "
    "deelgenomen uren) wilt verwijderen?"
)


# Refusals that are about access rather than about the PIP (R-ACC-1, D-37): a 404/403 page.
@dataclass(frozen=True)
class Wizard:
    naam: str
    titel: str
    wijziging: bool

    @property
    def url_naam(self) -> str:
        return f"wi2021:pip_{self.naam}"

    def oordeel(self, s: regels.Situatie):
        return regels.pip_wijzigen(s) if self.wijziging else regels.pip_doorgeven(s)

    def url(self, s: regels.Situatie, stap: int) -> str:
        return reverse(self.url_naam, kwargs={"persoon": s.persoon.pk, "stap": stap})


DOORGEVEN = Wizard("doorgeven", "PIP doorgeven", wijziging=False)
WIJZIGEN = Wizard("wijzigen", "PIP wijzigen", wijziging=True)


class Toestand:
    """The wizard's server-side state: the raw input per step, the attention keys confirmed per step,
    the last step that passed its checks, and (wijzigen) the version of the PIP being changed."""

    def __init__(self, request, wizard: Wizard, s: regels.Situatie):
        self.session = request.session
        self.sleutel = f"wi2021:pip:{wizard.naam}:{s.gemeente.pk}:{s.persoon.pk}"
        d = self.session.get(self.sleutel) or {}
        self.invoer: dict[str, dict[str, str]] = d.get("invoer", {})
        self.bevestigd: dict[str, list[str]] = d.get("bevestigd", {})
        self.klaar: int = d.get("klaar", 0)
        self.versie: str | None = d.get("versie", s.pip.versiekenmerk if s.pip and wizard.wijziging else None)

    def bewaar(self) -> None:
        self.session[self.sleutel] = {
            "invoer": self.invoer, "bevestigd": self.bevestigd, "klaar": self.klaar, "versie": self.versie,
        }  # fmt: skip

    def wis(self) -> None:
        self.session.pop(self.sleutel, None)

    def alle_bevestigingen(self) -> set[str]:
        return {sleutel for sleutels in self.bevestigd.values() for sleutel in sleutels}


# --- the wizard -----------------------------------------------------------------------------------------


def _formulier(wizard: Wizard, stap: int, s: regels.Situatie, toestand: Toestand, data=None, initial=None):
    initial = dict(initial or {})
    initial.setdefault("versie", toestand.versie)
    if stap == 1:
        return PipStap1Form(data, initial=initial, wijziging=wizard.wijziging,
                            initieel_wijzigbaar=s.pip_in_correctietermijn)  # fmt: skip
    if stap == 2:
        leerroute = _gegevens(wizard, s, toestand, stappen=(1,)).get("leerroute") or ""
        return PipStap2Form(data, initial=initial, leerroute=leerroute, wijziging=wizard.wijziging,
                            asielstatushouder=s.is_asielstatushouder)  # fmt: skip
    return PipBewaarForm(data, initial=initial)


def _gegevens(wizard: Wizard, s: regels.Situatie, toestand: Toestand, stappen=(1, 2)) -> dict[str, Any]:
    """The cleaned data of the stored steps (a stored step that does not parse contributes nothing)."""
    gegevens: dict[str, Any] = {}
    for stap in stappen:
        if str(stap) not in toestand.invoer:
            continue
        form = _formulier(wizard, stap, s, toestand, data=toestand.invoer[str(stap)])
        if form.is_valid():
            gegevens.update({veld: form.cleaned_data[veld] for veld in form.invoervelden})
    return gegevens


def _beginwaarden(wizard: Wizard, stap: int, s: regels.Situatie, toestand: Toestand) -> dict[str, Any]:
    """What a step shows: the input kept in the session, else (wijzigen) the current PIP."""
    if str(stap) in toestand.invoer:
        return dict(toestand.invoer[str(stap)])
    if wizard.wijziging and s.pip is not None:
        return {veld: getattr(s.pip, veld) for veld in STAP_VELDEN[stap]}
    return {}


def _stap(request, wizard: Wizard, persoon: int, stap: int):
    if stap not in (1, 2, 3):
        raise Http404
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    oordeel = wizard.oordeel(s)
    if not oordeel.toegestaan:
        return blokkade(request, s, oordeel, wizard.titel)
    toestand = Toestand(request, wizard, s)
    if stap > toestand.klaar + 1:
        return redirect(wizard.url(s, toestand.klaar + 1))
    if stap == 3:
        return _bewaren(request, wizard, s, toestand)
    if request.method == "POST":
        form = _formulier(wizard, stap, s, toestand, data=request.POST)
        if "vorige" in request.POST:  # "of naar vorige stap": keep what was typed, check nothing yet
            toestand.invoer[str(stap)] = form.ruwe_invoer()
            toestand.klaar = min(toestand.klaar, stap - 1)
            toestand.bewaar()
            return redirect(wizard.url(s, stap - 1))
        if form.is_valid() and _stap_akkoord(wizard, s, toestand, stap, form):
            toestand.bewaar()
            return redirect(wizard.url(s, stap + 1))
    else:
        form = _formulier(wizard, stap, s, toestand, initial=_beginwaarden(wizard, stap, s, toestand))
        audit_bekijken(request, s, f"{wizard.titel} stap {stap} (formulier)")
    return render(request, f"wi2021/pip_stap{stap}.html", _context(wizard, s, stap, form))


def _stap_akkoord(wizard: Wizard, s: regels.Situatie, toestand: Toestand, stap: int, form) -> bool:
    """Check one step with the rules layer; on success record it in the state (not yet saved)."""
    gegevens = _gegevens(wizard, s, toestand, stappen=[n for n in (1, 2) if n != stap])
    gegevens.update({veld: form.cleaned_data[veld] for veld in form.invoervelden})
    oordeel = regels.pip_gegevens(s, gegevens, wijziging=wizard.wijziging)
    fouten = [b for b in oordeel.fouten if b.veld in STAP_VELDEN[stap]]
    if fouten:
        form.bevindingen_tonen(fouten)
        return False
    attenties = [b for b in oordeel.attenties if b.veld in STAP_VELDEN[stap]]
    invoer = form.ruwe_invoer()
    # A confirmation holds as long as the step's input stays the same (back and forth without changes).
    eerder = toestand.bevestigd.get(str(stap), []) if toestand.invoer.get(str(stap)) == invoer else []
    bevestigd = {*eerder, *form.bevestigde_sleutels()}
    open_ = [b for b in attenties if b.melding.bevestigingssleutel not in bevestigd]
    if open_:
        form.vraag_bevestiging(open_)
        return False
    toestand.invoer[str(stap)] = invoer
    toestand.bevestigd[str(stap)] = sorted({b.melding.bevestigingssleutel for b in attenties})
    toestand.klaar = stap
    if wizard.wijziging:
        toestand.versie = form.cleaned_data.get("versie") or toestand.versie
    return True


def _context(wizard: Wizard, s: regels.Situatie, stap: int, form, **extra) -> dict[str, Any]:
    return {
        "wizard": wizard,
        "s": s,
        "persoon": s.persoon,
        "stap": stap,
        "form": form,
        "fouten": extra.pop("fouten", None) or foutenlijst(form),
        "vorige_url": wizard.url(s, stap - 1) if stap > 1 else overzicht_url(s),
        "overzicht_url": overzicht_url(s),
        "initieel_vast": wizard.wijziging and s.pip is not None and not s.pip_in_correctietermijn,
        **extra,
    }


def _bewaren(request, wizard: Wizard, s: regels.Situatie, toestand: Toestand):
    """S-26 / S-29: the overview of everything entered; "Bewaar" hands it to the service."""
    gegevens = _gegevens(wizard, s, toestand)
    extra: dict[str, Any] = {}
    if request.method == "POST":
        form = _formulier(wizard, 3, s, toestand, data=request.POST)
        if "vorige" in request.POST:
            return redirect(wizard.url(s, 2))
        form.is_valid()
        bevestigd = toestand.alle_bevestigingen() | form.bevestigde_sleutels()
        try:
            if wizard.wijziging:
                services.pip_wijzigen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon, data=gegevens,
                                      versie=form.cleaned_data.get("versie"), bevestigd=bevestigd)  # fmt: skip
            else:
                services.pip_doorgeven(actor=request.user, gemeente=s.gemeente, persoon=s.persoon, data=gegevens,
                                       bevestigd=bevestigd)  # fmt: skip
        except BevestigingNodig as vraag:
            form.vraag_bevestiging(vraag.attenties)
        except Geweigerd as fout:
            extra["fouten"] = [(b.tekst, _stap_anker(wizard, s, b.veld)) for b in fout.bevindingen]
        except ValidationError as fout:
            if not is_verouderd(fout):
                raise
            # Someone else changed the PIP: show what it is now next to the input, hand out its version.
            s = regels.situatie(s.persoon, s.gemeente)
            extra.update(fouten=[(fout.messages[0], "")], actueel=s.pip)
            if s.pip is not None:
                toestand.versie = s.pip.versiekenmerk
                toestand.bewaar()
                form.nieuwe_versie(s.pip)
        else:
            toestand.wis()
            _gemeld(request, wizard, s)
            return redirect(overzicht_url(s))
    else:
        form = _formulier(wizard, 3, s, toestand)
        audit_bekijken(request, s, f"{wizard.titel} stap 3 (overzicht)")
    extra["rijen"] = _overzicht(wizard, gegevens, s, extra.get("actueel"))
    return render(request, "wi2021/pip_stap3.html", _context(wizard, s, 3, form, **extra))


def _stap_anker(wizard: Wizard, s: regels.Situatie, veld: str | None) -> str:
    for stap, velden in STAP_VELDEN.items():
        if veld in velden:
            return f"{wizard.url(s, stap)}#id_{veld}"
    return ""


def _gemeld(request, wizard: Wizard, s: regels.Situatie) -> None:
    """R-PIP-20: the B-7 text at the top of the overview; after the window a wijziging is simply reported."""
    s = regels.situatie(s.persoon, s.gemeente)
    tekst = PIP_GEMELD if s.pip_in_correctietermijn else PIP_GEWIJZIGD
    messages.info(request, format_html("<strong>TER INFORMATIE</strong><br><strong>{}</strong><br>{}",
                                       PIP_GEMELD_KOP, tekst))  # fmt: skip


def _weergave(veld: str, waarde) -> str:
    if waarde is None or waarde == "":
        return ""
    if veld.startswith("dagtekening"):
        return f"{waarde:%d-%m-%Y}"
    keuzes = {"leerroute": Leerroute, "niveau": Niveau, "alfabetisering": Alfabetisering}
    if veld in keuzes:
        return str(keuzes[veld](waarde).label)
    if veld == "toestemming_nvo":
        return "Ja" if waarde else ""
    return str(waarde)


def _overzicht(wizard: Wizard, gegevens: dict[str, Any], s: regels.Situatie, actueel) -> list[dict[str, str]]:
    """The rows of step 3: label, the value entered, and after a refused stale save the current value."""
    niveau = gegevens.get("niveau") or (regels.standaard_niveau(gegevens["leerroute"])
                                        if gegevens.get("leerroute") else "")  # fmt: skip
    gegevens = {**gegevens, "niveau": niveau}
    velden = ["dagtekening", "leerroute", "alfabetisering", "niveau"]
    if wizard.wijziging:
        velden.insert(0, "dagtekening_initieel")
    velden += [v for v in ("geschatte_uren", "aangepaste_uren_participatie") if v in gegevens]
    velden.append("toestemming_nvo")
    labels = {**regels.LABELS, "toestemming_nvo": "Toestemming niet-vrijstellende opleiding"}
    if wizard.wijziging:
        labels["dagtekening"] = regels.LABELS["dagtekening_gewijzigd"]
    rijen = []
    for veld in velden:
        waarde = gegevens.get(veld)
        if veld == "dagtekening_initieel" and waarde is None and s.pip is not None:
            waarde = s.pip.dagtekening_initieel  # read-only after the window (R-PIP-12)
        rij = {"label": labels[veld], "waarde": _weergave(veld, waarde)}
        if actueel is not None:
            rij["actueel"] = _weergave(veld, getattr(actueel, veld))
        rijen.append(rij)
    return rijen


@rol_vereist(Wet.WI2021)
def pip_doorgeven(request, persoon: int, stap: int):
    return _stap(request, DOORGEVEN, persoon, stap)


@rol_vereist(Wet.WI2021)
def pip_wijzigen(request, persoon: int, stap: int):
    return _stap(request, WIJZIGEN, persoon, stap)


# --- S-30 ----------------------------------------------------------------------------------------------


@rol_vereist(Wet.WI2021)
def pip_verwijderen(request, persoon: int):
    """S-30 as a confirmation page; "Verwijder" goes to the service (FS 645 after the window, FS 643)."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return weigering
    oordeel = regels.pip_verwijderen(s)
    context = {"s": s, "persoon": s.persoon, "pip": s.pip, "overzicht_url": overzicht_url(s), "fout": "",
               "vraag": VERWIJDEREN_A}  # fmt: skip
    if selectors_aanbod.heeft_aanbiedingen(s.plicht):
        context["vraag"] = VERWIJDEREN_B  # R-PIP-11: the service withdraws them (and their uren) too
    if not oordeel.toegestaan and request.method != "POST":
        return blokkade(request, s, oordeel, "PIP verwijderen")
    if request.method == "POST":
        form = PipVerwijderenForm(request.POST)
        form.is_valid()
        try:
            services.pip_verwijderen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon,
                                     versie=form.cleaned_data.get("versie"))  # fmt: skip
        except Geweigerd as fout:
            context.update(fout=fout.bevindingen[0].tekst, geweigerd=True)
        except ValidationError as fout:
            if not is_verouderd(fout):
                raise
            # Changed since the page was shown: confirm again on what the PIP is now.
            s = regels.situatie(s.persoon, s.gemeente)
            context.update(fout=fout.messages[0], pip=s.pip)
            form = PipVerwijderenForm(initial={"versie": s.pip.versiekenmerk if s.pip else ""})
        else:
            messages.success(request, PIP_VERWIJDERD)
            return redirect(overzicht_url(s))
    else:
        form = PipVerwijderenForm(versiebron=s.pip)
        audit_bekijken(request, s, "PIP verwijderen (bevestiging)")
    context["form"] = form
    return render(request, "wi2021/pip_verwijderen.html", context)
