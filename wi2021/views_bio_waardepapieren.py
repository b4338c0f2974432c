"""The BIO advice pages (seed 001 §3.6.14): the explanation and contact question (S-46), the "Nee" pop-up
(S-47) and "Toelichting advies ontheffing bijzondere individuele omstandigheden (BIO)" (S-48) with the
once-only confirmation (D-24); and "Waardepapieren bestellen" (§3.9, S-54).

The pop-ups are pages, so everything works without JavaScript. Every page here is for the MUT role (the read
role gets 403 on GET and POST); a person page of another gemeente is a 404 (`mutatiepagina`). Whether the
advice may be given is `regels_bio.advies_geven`'s answer at every step; the service asks again.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from inburgering.access import rol_vereist
from inburgering.audit import audit
from inburgering.constants import Wet
from inburgering.models import AuditActie
from inburgering.regels import BevestigingNodig, Geweigerd

from . import meldingen as m
from . import regels_bio as rb
from . import services_bio, services_waardepapieren
from .forms_bio_waardepapieren import BioAdviesForm, BioContactForm, WaardepapierForm
from .models import BioAdvies, Contactpersoon
from .views_contactpersonen import alleen_muteren
from .views_gedeeld import audit_bekijken, blokkade, foutenlijst, mutatiepagina, overzicht_url


def _bio(request, persoon: int):
    """(situatie, open request, refusal page or None) for every BIO step."""
    s, weigering = mutatiepagina(request, persoon)
    if weigering:
        return None, None, weigering
    verzoek = rb.laatste_verzoek(s)
    oordeel = rb.advies_geven(s, verzoek)
    if not oordeel.toegestaan:
        return s, verzoek, blokkade(request, s, oordeel, m.BIO_TITEL)
    return s, verzoek, None


def _context(s, **extra) -> dict:
    return {"s": s, "persoon": s.persoon, "overzicht_url": overzicht_url(s), "m": m, **extra}


def _fouten(form) -> list[tuple[str, str]]:
    """The error summary (D-19); a radio group's link goes to its first button."""
    lijst = [(fout, "") for fout in form.non_field_errors()]
    for veld, fouten in form.errors.items():
        if veld in form.fields:
            bound = form[veld]
            anker = f"#{bound.auto_id}_0" if veld in ("contact", "advies") else f"#{bound.id_for_label}"
            lijst += [(fout, anker) for fout in fouten]
    return lijst


def _toelichting_url(s, contact: str) -> str:
    return f"{reverse('wi2021:bio_toelichting', kwargs={'persoon': s.persoon.pk})}?contact={contact}"


@rol_vereist(Wet.WI2021)
def bio_advies(request, persoon: int):
    """S-46: the explanation and the contact question; "Nee" → S-47, "Ja" → S-48."""
    s, verzoek, weigering = _bio(request, persoon)
    if weigering:
        return weigering
    if request.method == "POST":
        form = BioContactForm(request.POST)
        form.is_valid()
        keuze = form.cleaned_data.get("contact")
        if keuze == "ja":
            return redirect(_toelichting_url(s, "ja"))
        if keuze == "nee":
            return redirect("wi2021:bio_geen_contact", persoon=s.persoon.pk)
        form.add_error("contact", m.VERPLICHT.weergave(rb.LABELS["contact"]))
    else:
        form = BioContactForm()
        audit_bekijken(request, s, f"{m.BIO_TITEL} (uitleg)")
    return render(request, "wi2021/bio_contact.html", _context(s, form=form, verzoek=verzoek,
                                                                fouten=_fouten(form)))  # fmt: skip


@rol_vereist(Wet.WI2021)
def bio_geen_contact(request, persoon: int):
    """S-47: no contact before the aanvraagformulier; continue anyway ("Ga door") or go back ("annuleer")."""
    s, _verzoek, weigering = _bio(request, persoon)
    if weigering:
        return weigering
    audit_bekijken(request, s, f"{m.BIO_TITEL} (geen contact)")
    return render(request, "wi2021/bio_geen_contact.html", _context(s, verder=_toelichting_url(s, "nee")))


@rol_vereist(Wet.WI2021)
def bio_toelichting(request, persoon: int):
    """S-48. "Verstuur" checks the answers and asks the once-only confirmation; "Geef door aan DUO" saves."""
    s, verzoek, weigering = _bio(request, persoon)
    if weigering:
        return weigering
    contactpersonen = list(Contactpersoon.objects.filter(gemeente=s.gemeente))
    if request.method == "POST":
        form = BioAdviesForm(request.POST, contactpersonen=contactpersonen)
        form.is_valid()
        data = services_bio.opgeschoond(form.gegevens())
        gekozen = services_bio.contactpersoon_van(s.gemeente, data.get("contactpersoon"))
        oordeel = rb.advies_gegevens(data, gekozen)
        if not oordeel.toegestaan:
            form.bevindingen_tonen(oordeel.fouten)
        elif form.cleaned_data.get("bevestigd") != "ja":
            return render(request, "wi2021/bio_bevestigen.html", _context(
                s, form=form, data=data, contactpersoon=gekozen, contact="Ja" if data["contact"] == "ja" else "Nee",
                advies=BioAdvies(data["advies"]).label, vragen=[(m.BIO_VRAGEN[i], data[v])
                                                                for i, v in enumerate(rb.VRAAGVELDEN)]))  # fmt: skip
        else:
            try:
                services_bio.advies_geven(
                    actor=request.user, gemeente=s.gemeente, persoon=s.persoon, data=data
                )
            except Geweigerd as fout:
                form.bevindingen_tonen(fout.bevindingen)
            else:
                messages.success(request, m.BIO_GELUKT)
                return redirect(overzicht_url(s))
    else:
        contact = request.GET.get("contact")
        if contact not in ("ja", "nee"):  # S-48 comes after the contact question
            return redirect("wi2021:bio_advies", persoon=s.persoon.pk)
        form = BioAdviesForm(initial={"contact": contact}, contactpersonen=contactpersonen)
        audit_bekijken(request, s, f"{m.BIO_TOELICHTING_TITEL} (formulier)")
    return render(request, "wi2021/bio_toelichting.html", _context(
        s, form=form, verzoek=verzoek, fouten=_fouten(form),
        vraagvelden=[form[v] for v in rb.VRAAGVELDEN]))  # fmt: skip


# --- S-54 -------------------------------------------------------------------------------------------------


@alleen_muteren
def waardepapieren(request):
    """S-54 for the active gemeente ("Gekozen gemeente", S-56)."""
    gemeente = request.toegang.gemeente
    if request.method == "POST":
        form = WaardepapierForm(request.POST)
        if form.is_valid():
            try:
                services_waardepapieren.bestellen(actor=request.user, gemeente=gemeente, data=form.gegevens(),
                                                  bevestigd=form.bevestigde_sleutels())  # fmt: skip
            except BevestigingNodig as vraag:
                form.vraag_bevestiging(vraag.attenties)
            except Geweigerd as fout:
                form.bevindingen_tonen(fout.bevindingen)
            else:
                messages.success(request, m.WP_GELUKT)
                return redirect("wi2021:waardepapieren")
    else:
        form = WaardepapierForm()
        audit(actor=request.user, actie=AuditActie.BEKIJKEN, gemeente=gemeente,
              omschrijving="WI2021 Waardepapieren bestellen (formulier)")  # fmt: skip
    return render(request, "wi2021/waardepapieren.html", {"form": form, "fouten": foutenlijst(form), "m": m})
