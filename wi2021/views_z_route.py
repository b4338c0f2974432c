"""The Z-route pages (§3.6.15, §3.6.16): "Eindgesprek Z-route doorgeven" — the explanation (S-49) and the date
(S-50), also to change it inside the two weeks — and "Z-route Certificaten" (S-51) with the download (the PDF,
D-26) and "Handel af" (S-52, a confirmation page: no JavaScript needed).

Whether the eindgesprek can be registered is `regels.eindgesprek_doorgeven`'s answer, the services check it
again. Every page here is for the MUT role (item 06; fn 27): the read role gets 403 on GET and POST. A
certificate of another gemeente is as unknown as a wrong id: 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from django_tables2 import RequestConfig

from inburgering.regels import Geweigerd
from inburgering.versie import is_verouderd

from . import meldingen as m
from . import regels, selectors_z_route, services_z_route
from .certificaat import certificaat_pdf
from .forms_z_route import CertificaatZoekForm, EindgesprekForm
from .tables_z_route import CertificatenTable
from .views_contactpersonen import _audit, alleen_muteren
from .views_gedeeld import audit_bekijken, blokkade, foutenlijst, mutatiepagina, overzicht_url

TITEL = "Eindgesprek Z-route doorgeven"
ZOEK_SLEUTEL = "wi2021:z_certificaten_bsn"  # the BSN searched for (POST → session → list, no BSN in URLs)


def _toegang(request, persoon: int):
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return None, None, weigering
    v = regels.voortgang(s)
    oordeel = regels.eindgesprek_doorgeven(v)
    if not oordeel.toegestaan and request.method != "POST":
        return None, None, blokkade(request, s, oordeel, TITEL)
    return s, v, None


@alleen_muteren
def eindgesprek_uitleg(request, persoon: int):
    """S-49: the explanation and "Verder". Only GET, but the person is checked first: another gemeente's
    person is a 404 whatever the method."""
    s, v, weigering = _toegang(request, persoon)
    if weigering:
        return weigering
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    audit_bekijken(request, s, f"{TITEL} (uitleg)")
    return render(request, "wi2021/eindgesprek_uitleg.html", {
        "s": s, "persoon": s.persoon, "titel": TITEL, "uitleg": m.EINDGESPREK_UITLEG,
        "overzicht_url": overzicht_url(s),
        "verder_url": reverse("wi2021:eindgesprek_datum", kwargs={"persoon": s.persoon.pk}),
    })  # fmt: skip


@alleen_muteren
def eindgesprek_datum(request, persoon: int):
    """S-50: "Datum eindgesprek", "Bewaar" of annuleer; the same page changes the date inside the window."""
    s, v, weigering = _toegang(request, persoon)
    if weigering:
        return weigering
    gesprek = v.eindgesprek_z_route
    if request.method == "POST":
        form = EindgesprekForm(request.POST)
        if form.is_valid():
            try:
                services_z_route.eindgesprek_doorgeven(actor=request.user, gemeente=s.gemeente, persoon=s.persoon,
                                                       datum=form.cleaned_data["datum"],
                                                       versie=form.cleaned_data.get("versie"))  # fmt: skip
            except Geweigerd as fout:
                form.bevindingen_tonen(fout.bevindingen)
            except ValidationError as fout:
                if not is_verouderd(fout):
                    raise
                # Registered or changed meanwhile: show what is registered now; a resubmit overwrites knowingly.
                gesprek = regels.eindgesprek_z_route(regels.situatie(s.persoon, s.gemeente))
                form.add_error(None, fout.messages[0])
                if gesprek is not None:
                    form.nieuwe_versie(gesprek)
            else:
                messages.success(request, m.EINDGESPREK_GELUKT)
                return redirect(overzicht_url(s) + "#eindgesprek")
    else:
        form = EindgesprekForm(initial={"datum": gesprek.datum} if gesprek else {}, versiebron=gesprek)
        audit_bekijken(request, s, f"{TITEL} (formulier)")
    return render(request, "wi2021/eindgesprek_datum.html", {
        "s": s, "persoon": s.persoon, "titel": TITEL, "form": form, "fouten": foutenlijst(form),
        "gesprek": gesprek, "uitleg": m.EINDGESPREK_BEWAAR_UITLEG, "twee_weken": m.EINDGESPREK_TWEE_WEKEN,
        "overzicht_url": overzicht_url(s),
    })  # fmt: skip


# --- S-51 / S-52 ------------------------------------------------------------------------------------------


def _lijst_url(alleen_open: bool = True) -> str:
    return reverse("wi2021:z_certificaten") + ("" if alleen_open else "?open=nee")


@alleen_muteren
def certificaten(request):
    """S-51 (R-Z-5): "Ja" (default) only the certificates not yet handled, "Nee" also the handled ones."""
    gemeente = request.toegang.gemeente
    alleen_open = request.GET.get("open") != "nee"
    if request.method == "POST":
        form = CertificaatZoekForm(request.POST)
        if form.is_valid():
            request.session[ZOEK_SLEUTEL] = form.cleaned_data["bsn"]
            return redirect(_lijst_url(alleen_open))
    else:
        form = CertificaatZoekForm(initial={"bsn": request.session.get(ZOEK_SLEUTEL, "")})
    bsn = request.session.get(ZOEK_SLEUTEL, "") if not form.errors else ""
    table = CertificatenTable(selectors_z_route.certificaten(gemeente, alleen_open=alleen_open, bsn=bsn))
    RequestConfig(request, paginate={"per_page": 20}).configure(table)
    _audit(request, "Z-route certificaten")
    return render(request, "wi2021/z_certificaten.html", {
        "table": table, "form": form, "alleen_open": alleen_open, "bsn": bsn, "leeg": m.GEEN_CERTIFICATEN,
        "ja_url": _lijst_url(True), "nee_url": _lijst_url(False),
    })  # fmt: skip


def _certificaat(request, certificaat: int):
    gevonden = selectors_z_route.certificaat(request.toegang.gemeente, certificaat)
    if gevonden is None:
        raise Http404(m.CERTIFICAAT_ONBEKEND.tekst)
    return gevonden


@alleen_muteren
@require_safe
def certificaat_download(request, certificaat: int):
    """R-Z-6: one certificate per click, as often as needed; `?proefafdruk=1` the test print on plain paper."""
    gevonden = _certificaat(request, certificaat)
    proef = request.GET.get("proefafdruk") == "1"
    persoon = gevonden.eindgesprek.plicht.persoon
    _audit(request, f"Z-route certificaat {'proefafdruk ' if proef else ''}gedownload", persoon=persoon)
    response = HttpResponse(certificaat_pdf(gevonden, proef=proef), content_type="application/pdf")
    naam = f"z-route-certificaat-{gevonden.pk}{'-proefafdruk' if proef else ''}.pdf"  # no BSN in file names
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@alleen_muteren
def certificaat_afhandelen(request, certificaat: int):
    """S-52: "Weet u zeker dat u dit certificaat wilt afhandelen?" → "Bewaar" → green message (R-Z-7)."""
    gevonden = _certificaat(request, certificaat)
    terug = _lijst_url(True)
    fout = ""
    if request.method == "POST":
        try:
            services_z_route.certificaat_afhandelen(actor=request.user, gemeente=request.toegang.gemeente,
                                                    certificaat_id=gevonden.pk)  # fmt: skip
        except Geweigerd as weigering:
            fout = weigering.bevindingen[0].tekst
        else:
            messages.success(request, m.CERTIFICAAT_AFGEHANDELD)
            return redirect(terug)
    else:
        _audit(
            request,
            "Z-route certificaat afhandelen (bevestiging)",
            persoon=gevonden.eindgesprek.plicht.persoon,
        )
    if gevonden.afgehandeld_op and not fout:
        fout = m.CERTIFICAAT_AL_AFGEHANDELD.tekst
    return render(request, "wi2021/z_certificaat_afhandelen.html", {
        "certificaat": gevonden, "persoon": gevonden.eindgesprek.plicht.persoon, "vraag": m.CERTIFICAAT_AFHANDELEN_VRAAG,
        "fout": fout, "terug": terug,
    })  # fmt: skip
