"""Forms of the contactpersonen pages (S-07, S-08, S-11, S-12). They only parse what was typed; the §4.2 i
checks, FS 650 and D-46 are `wi2021.regels_contactpersonen`, whose findings land next to their fields, so a
page keeps what the user typed."""

import re

from django import forms

from inburgering.forms import NLDesignFormMixin
from inburgering.regels import Geweigerd
from inburgering.versie import VersieFormMixin

from . import regels_contactpersonen as r

JA_NEE = [("ja", "Ja"), ("nee", "Nee")]
ALGEMEEN_UITLEG = (
    "Is deze persoon de algemene contactpersoon van uw gemeente voor DUO? Per gemeente is er maximaal 1 "
    "algemeen contactpersoon aan te wijzen."
)


class RegelFormMixin:
    def _component(self, widget) -> str:
        # Radio buttons as radio buttons (NLDesignFormMixin knows textboxes, selects and checkboxes).
        return "utrecht-radio-button" if isinstance(widget, forms.RadioSelect) else super()._component(widget)

    def bevindingen_tonen(self, fout: Geweigerd) -> None:
        for b in fout.bevindingen:
            self.add_error(b.veld if b.veld in self.fields else None, b.tekst)


class ContactpersoonForm(RegelFormMixin, VersieFormMixin, NLDesignFormMixin, forms.Form):
    """S-07 / S-08. No max_length or required here: what is too long or missing is the rules' FS 999."""

    naam = forms.CharField(label=r.LABELS["naam"], required=False, strip=True)
    telefoon = forms.CharField(
        label=r.LABELS["telefoon"],
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=r.LABELS["email"], required=False, widget=forms.TextInput(attrs={"inputmode": "email"})
    )
    algemeen = forms.ChoiceField(
        label=r.LABELS["algemeen"],
        choices=JA_NEE,
        required=False,
        initial="nee",
        help_text=ALGEMEEN_UITLEG,
        widget=forms.RadioSelect,
    )

    def gegevens(self) -> dict:
        data = dict(self.cleaned_data)
        data["algemeen"] = data.get("algemeen") == "ja"
        data.pop("versie", None)
        return data


class ContactpersoonSelect(forms.Select):
    """A select whose options carry the telefoon and e-mail, for "Details contactpersoon" (S-11); the label
    already holds the e-mail, so the page is complete without JavaScript."""

    def __init__(self, *args, details=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.details = details or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        optie = super().create_option(name, value, label, selected, index, subindex, attrs)
        telefoon, email = self.details.get(str(value), ("", ""))
        if value:
            optie["attrs"].update({"data-telefoon": telefoon, "data-email": email})
        return optie


class ContactpersoonKeuzeForm(RegelFormMixin, NLDesignFormMixin, forms.Form):
    """S-11 / S-12: a contactpersoon of the gemeente by id. An id that is not one of them (or not a number)
    reaches the service, which answers FS 650 (D-20)."""

    contactpersoon = forms.CharField(label="Contactpersoon", required=False)

    def __init__(self, *args, keuzes=(), **kwargs):
        super().__init__(*args, **kwargs)
        details = {str(cp.pk): (cp.telefoon, cp.email) for cp in keuzes}
        opties = [("", "")] + [(str(cp.pk), f"{cp.naam} ({cp.email})") for cp in keuzes]
        self.fields["contactpersoon"].widget = ContactpersoonSelect(
            choices=opties, details=details, attrs={"class": "utrecht-select utrecht-select--html-select"}
        )

    def clean_contactpersoon(self) -> int | None:
        waarde = (self.cleaned_data.get("contactpersoon") or "").strip()
        if not waarde:
            return None
        return int(waarde) if re.fullmatch(r"[0-9]{1,18}", waarde) else -1  # -1: nobody's, so FS 650
