"""The contactpersonen pages (seed 001 §3.3): "Contactpersonen 2021" (S-04), caseload and its history (S-05,
S-06), toevoegen/wijzigen (S-07, S-08) with the S-09 notice, verwijderen (S-10), caseload overdragen (S-11),
and, from the overview, koppelen (S-12) and ontkoppelen (S-13).

Every page here is for the MUT role only (fn 7): the read role gets 403 on GET as well as on POST. The
manual's pop-ups are confirmation pages, so everything works without JavaScript.
"""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from django_tables2 import RequestConfig

from inburgering.access import rol_vereist
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.messages import GEEN_TOEGANG
from inburgering.models import AuditActie, Persoon
from inburgering.regels import Geweigerd
from inburgering.tables import BegrensdePaginator
from inburgering.versie import is_verouderd

from . import meldingen as m
from . import regels
from . import regels_contactpersonen as r
from . import selectors_contactpersonen as sel
from . import services_contactpersonen as services
from .forms_contactpersonen import ContactpersoonForm, ContactpersoonKeuzeForm
from .tables_contactpersonen import (
    PER_PAGINA_CASELOAD,
    CaseloadHistorieTable,
    CaseloadTable,
    ContactpersonenTable,
)

S09_SLEUTEL = "wi2021:algemeen_gewijzigd"  # S-09 is shown once, on the next S-04
STATUS = {m.FS617.code: 404, m.FS636.code: 404, m.FS655.code: 403}


def alleen_muteren(view):
    """fn 7: MUT only. `rol_vereist` refuses the read role's POSTs; its GETs are refused here."""

    @rol_vereist(Wet.WI2021)
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.toegang.mag_muteren(Wet.WI2021):
            raise PermissionDenied(GEEN_TOEGANG)
        return view(request, *args, **kwargs)

    return wrapped


def _audit(request, omschrijving: str, persoon=None) -> None:
    audit(actor=request.user, actie=AuditActie.BEKIJKEN, gemeente=request.toegang.gemeente, persoon=persoon,
          omschrijving=f"WI2021 {omschrijving}")  # fmt: skip


def _lijst_url() -> str:
    return reverse("wi2021:contactpersonen")


# --- S-04 ----------------------------------------------------------------------------------------------


@alleen_muteren
def contactpersonen(request):
    gemeente = request.toegang.gemeente
    table = ContactpersonenTable(sel.contactpersonen(gemeente))
    RequestConfig(request, paginate=False).configure(table)
    _audit(request, "Contactpersonen 2021")
    return render(request, "wi2021/contactpersonen.html", {
        "table": table,
        "leeg": r.GEEN_CONTACTPERSONEN,
        "algemeen_gewijzigd": request.session.pop(S09_SLEUTEL, False),
        "s09_kop": r.ALGEMEEN_GEWIJZIGD_KOP,
        "s09_tekst": r.ALGEMEEN_GEWIJZIGD,
    })  # fmt: skip


# --- S-07 / S-08 -----------------------------------------------------------------------------------------


@alleen_muteren
def toevoegen(request):
    return _formulierpagina(request, None)


@alleen_muteren
def wijzigen(request, contactpersoon: int):
    return _formulierpagina(request, sel.contactpersoon(request.toegang.gemeente, contactpersoon))


def _formulierpagina(request, cp):
    gemeente = request.toegang.gemeente
    titel = "Contactpersoon wijzigen" if cp else "Contactpersoon toevoegen"
    if request.method == "POST":
        form = ContactpersoonForm(request.POST)
        if form.is_valid():
            try:
                if cp is None:
                    opgeslagen = services.contactpersoon_toevoegen(actor=request.user, gemeente=gemeente,
                                                                   data=form.gegevens())  # fmt: skip
                else:
                    opgeslagen = services.contactpersoon_wijzigen(
                        actor=request.user, gemeente=gemeente, contactpersoon_id=cp.pk, data=form.gegevens(),
                        versie=form.cleaned_data.get("versie"),
                    )  # fmt: skip
            except Geweigerd as fout:
                form.bevindingen_tonen(fout)
            except ValidationError as fout:
                if not is_verouderd(fout):
                    raise
                cp = sel.contactpersoon(gemeente, cp.pk)  # someone else changed it: show the new token
                form.add_error(None, fout.messages[0])
                form.nieuwe_versie(cp)
            else:
                if opgeslagen.vervangen is not None:
                    request.session[S09_SLEUTEL] = True
                actie = "gewijzigd" if cp else "toegevoegd"
                messages.success(request, f"De contactpersoon {opgeslagen.contactpersoon.naam} is {actie}.")
                return redirect("wi2021:contactpersonen")
    else:
        initial = {}
        if cp is not None:
            initial = {"naam": cp.naam, "telefoon": cp.telefoon, "email": cp.email,
                       "algemeen": "ja" if cp.algemeen else "nee"}  # fmt: skip
        form = ContactpersoonForm(initial=initial, versiebron=cp)
        _audit(request, f"{titel} (formulier)")
    return render(request, "wi2021/contactpersoon_form.html", {"form": form, "titel": titel, "cp": cp})


# --- S-10 ------------------------------------------------------------------------------------------------


@alleen_muteren
def verwijderen(request, contactpersoon: int):
    """S-10: variant A (no caseload) deletes; variant B leads to S-11, where delete and transfer happen
    together (D-46)."""
    gemeente = request.toegang.gemeente
    cp = sel.contactpersoon(gemeente, contactpersoon)
    caseload = sel.caseload_aantal(cp)
    fout = ""
    if request.method == "POST":
        if caseload:
            return redirect(reverse("wi2021:caseload_overdragen", args=[cp.pk]) + "?verwijderen=1")
        try:
            services.contactpersoon_verwijderen(
                actor=request.user, gemeente=gemeente, contactpersoon_id=cp.pk
            )
        except Geweigerd as geweigerd:  # a caseload arrived meanwhile
            fout = geweigerd.bevindingen[0].tekst
        else:
            messages.success(request, f"De contactpersoon {cp.naam} is verwijderd.")
            return redirect("wi2021:contactpersonen")
    else:
        _audit(request, "Contactpersoon verwijderen (bevestiging)")
    return render(request, "wi2021/contactpersoon_verwijderen.html", {
        "cp": cp, "caseload": caseload, "fout": fout, "vraag_a": r.VERWIJDEREN_A, "vraag_b": r.VERWIJDEREN_B,
        "is_algemeen": r.IS_ALGEMEEN,
    })  # fmt: skip


# --- S-05 / S-06 -----------------------------------------------------------------------------------------


class CaseloadPaginator(BegrensdePaginator):
    """A caseload is counted exactly ("Aantal inburgeringsplichtigen", S-05): it holds at most the gemeente's
    Wi2021 residents, and counting one contactpersoon's links reads an index. With the list's cap of 10 000
    a national caseload of Amsterdam's size showed 10001 and "Pagina 1 van 1001" (issue 15 demo)."""

    GRENS = 1_000_000


def _caseloadpagina(request, contactpersoon: int, *, historie: bool):
    cp = sel.contactpersoon(request.toegang.gemeente, contactpersoon)
    qs = sel.caseload_historie(cp) if historie else sel.caseload(cp)
    table = (CaseloadHistorieTable if historie else CaseloadTable)(qs)
    RequestConfig(
        request, paginate={"per_page": PER_PAGINA_CASELOAD, "paginator_class": CaseloadPaginator}
    ).configure(table)
    # the page lists BSNs; one entry for the page (the persons are its caseload).
    _audit(request, f"Caseload {'historie ' if historie else ''}contactpersoon {cp.pk}")
    return render(request, "wi2021/contactpersoon_caseload.html", {
        "cp": cp, "table": table, "historie": historie,
        "caseload": table.paginator.count if not historie else sel.caseload_aantal(cp),
    })  # fmt: skip


@alleen_muteren
def caseload(request, contactpersoon: int):
    return _caseloadpagina(request, contactpersoon, historie=False)


@alleen_muteren
def caseload_historie(request, contactpersoon: int):
    return _caseloadpagina(request, contactpersoon, historie=True)


# --- S-11 ------------------------------------------------------------------------------------------------


@alleen_muteren
def caseload_overdragen(request, contactpersoon: int):
    """S-11, from S-05 (transfer only) or from S-10 variant B (`?verwijderen=1`: transfer, then delete;
    "annuleer" leaves both undone, R-CP-4)."""
    gemeente = request.toegang.gemeente
    cp = sel.contactpersoon(gemeente, contactpersoon)
    bij_verwijderen = request.GET.get("verwijderen") == "1"
    keuzes = list(sel.contactpersonen(gemeente).exclude(pk=cp.pk))
    form = ContactpersoonKeuzeForm(request.POST or None, keuzes=keuzes)
    if request.method == "POST" and form.is_valid():
        naar = form.cleaned_data["contactpersoon"]
        try:
            if bij_verwijderen:
                aantal = services.contactpersoon_verwijderen(actor=request.user, gemeente=gemeente,
                                                             contactpersoon_id=cp.pk, overdragen_aan=naar,
                                                             gekozen=True)  # fmt: skip
            else:
                aantal = services.caseload_overdragen(actor=request.user, gemeente=gemeente, van_id=cp.pk,
                                                      naar_id=naar)  # fmt: skip
        except Geweigerd as fout:
            form.bevindingen_tonen(fout)
        else:
            ontvanger = next((k.naam for k in keuzes if k.pk == naar), "de gekozen contactpersoon")
            tekst = f"De caseload ({aantal}) van {cp.naam} is overgedragen aan {ontvanger}."
            messages.success(request, f"De contactpersoon {cp.naam} is verwijderd. {tekst}" if bij_verwijderen
                             else tekst)  # fmt: skip
            return redirect("wi2021:contactpersonen")
    elif request.method != "POST":
        _audit(request, "Caseload overdragen (formulier)")
    gekozen = form["contactpersoon"].value()
    details = next((k for k in keuzes if str(k.pk) == str(gekozen)), None)
    annuleer = _lijst_url() if bij_verwijderen else reverse("wi2021:caseload", args=[cp.pk])
    return render(request, "wi2021/contactpersoon_overdragen.html", {
        "cp": cp, "form": form, "uitleg": r.OVERDRAGEN_UITLEG, "details": details, "annuleer": annuleer,
        "bij_verwijderen": bij_verwijderen, "geen_andere": r.GEEN_ANDERE.tekst if not keuzes else "",
    })  # fmt: skip


# --- S-12 / S-13 (from the overview) -----------------------------------------------------------------------


def _situatie(request, persoon: int):
    """The person as the active gemeente sees them; another gemeente's person is a 404 (FS 617)."""
    gemeente = request.toegang.gemeente
    gevonden = Persoon.objects.select_related("woongemeente").filter(pk=persoon).first()
    if gemeente is None or gevonden is None:
        raise Http404(m.FS617.weergave())
    s = regels.situatie(gevonden, gemeente)
    fout = regels.bekijken(s).eerste_fout
    if fout is not None:
        return None, render(request, "wi2021/pip_weigering.html", {"fout": fout.tekst},
                            status=STATUS.get(fout.melding.code, 404))  # fmt: skip
    return s, None


def _status(oordeel) -> int:
    """FS 617 (an old gemeente may not link) is a refusal of access; FS 602 (deceased) just a message."""
    fout = oordeel.eerste_fout
    return 403 if fout is not None and fout.melding.code == m.FS617.code else 200


def _overzicht_url(s) -> str:
    return reverse("wi2021:overzicht", kwargs={"persoon": s.persoon.pk})


@alleen_muteren
def koppelen(request, persoon: int):
    """S-12: "Koppel" (none linked) or "Wijzig" (another one) in B-3; "Bewaar" returns to the overview."""
    s, weigering = _situatie(request, persoon)
    if weigering:
        return weigering
    keuzes = list(sel.contactpersonen(s.gemeente))
    huidige = sel.huidige_koppeling(s.persoon, s.gemeente)
    oordeel = r.koppelen(s)
    form = ContactpersoonKeuzeForm(
        request.POST or None,
        keuzes=keuzes,
        initial={"contactpersoon": huidige.contactpersoon_id if huidige else ""},
    )
    if request.method == "POST" and oordeel.toegestaan and form.is_valid():
        try:
            koppeling = services.koppelen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon,
                                          contactpersoon_id=form.cleaned_data["contactpersoon"])  # fmt: skip
        except Geweigerd as fout:
            form.bevindingen_tonen(fout)
        else:
            messages.success(request, f"Contactpersoon {koppeling.contactpersoon.naam} is gekoppeld.")
            return redirect(_overzicht_url(s))
    elif request.method != "POST":
        _audit(request, "Contactpersoon koppelen (formulier)", persoon=s.persoon)
    return render(request, "wi2021/contactpersoon_koppelen.html", {
        "s": s, "persoon": s.persoon, "form": form, "huidige": huidige, "overzicht_url": _overzicht_url(s),
        "blokkade": oordeel.eerste_fout.tekst if not oordeel.toegestaan else "",
    }, status=_status(oordeel))  # fmt: skip


@alleen_muteren
def ontkoppelen(request, persoon: int):
    """S-13 as a confirmation page."""
    s, weigering = _situatie(request, persoon)
    if weigering:
        return weigering
    huidige = sel.huidige_koppeling(s.persoon, s.gemeente)
    oordeel = r.ontkoppelen(s)
    fout = "" if oordeel.toegestaan else oordeel.eerste_fout.tekst
    if request.method == "POST" and oordeel.toegestaan:
        try:
            services.ontkoppelen(actor=request.user, gemeente=s.gemeente, persoon=s.persoon)
        except Geweigerd as geweigerd:
            fout = geweigerd.bevindingen[0].tekst
        else:
            messages.success(
                request, f"De koppeling met contactpersoon {huidige.contactpersoon.naam} is verwijderd."
            )
            return redirect(_overzicht_url(s))
    elif request.method != "POST":
        _audit(request, "Contactpersoon ontkoppelen (bevestiging)", persoon=s.persoon)
    return render(request, "wi2021/contactpersoon_ontkoppelen.html", {
        "s": s, "persoon": s.persoon, "huidige": huidige, "vraag": r.ONTKOPPELEN_VRAAG, "fout": fout,
        "overzicht_url": _overzicht_url(s),
    }, status=_status(oordeel))  # fmt: skip
