"""Forms of the BIO advice (S-46, S-48) and "Waardepapieren bestellen" (S-54). They only parse what was typed;
every check is `wi2021.regels_bio`'s or `wi2021.regels_waardepapieren`', whose findings land next to their
fields, so a page keeps what the user typed."""

from django import forms

from inburgering.forms import NLDesignFormMixin

from . import meldingen as m
from . import regels_bio as rb
from . import regels_waardepapieren as rw
from .forms_pip import PipFormMixin
from .models import BioAdvies, SoortWaardepapier

JA_NEE = [("ja", "Ja"), ("nee", "Nee")]


class _RegelsMixin(NLDesignFormMixin):
    def _component(self, widget) -> str:
        if isinstance(widget, forms.RadioSelect):
            return "utrecht-radio-button"
        return super()._component(widget)

    def bevindingen_tonen(self, bevindingen) -> None:
        for b in bevindingen:
            self.add_error(b.veld if b.veld in self.fields else None, b.tekst)


class ElkeKeuze(forms.ChoiceField):
    """Shows its choices but passes any value on, so a value outside them meets the rules' message (FS 999
    "Veld is verplicht", or FS 650 for a foreign or unknown contactpersoon, D-20) rather than Django's own."""

    def valid_value(self, value) -> bool:
        return True


class BioContactForm(_RegelsMixin, forms.Form):
    """S-46: the contact question (Ja/Nee)."""

    contact = ElkeKeuze(label=m.BIO_CONTACT_VRAAG, choices=JA_NEE, required=False, widget=forms.RadioSelect)


class BioAdviesForm(_RegelsMixin, forms.Form):
    """S-48. `contact` travels from S-46/S-47 as a hidden field; `bevestigd` marks the second submit, from the
    once-only confirmation (D-24)."""

    contact = forms.CharField(required=False, widget=forms.HiddenInput)
    advies = ElkeKeuze(label=rb.LABELS["advies"], choices=BioAdvies.choices, required=False,
                       widget=forms.RadioSelect)  # fmt: skip
    contactpersoon = ElkeKeuze(label=rb.LABELS["contactpersoon"], required=False,
                                         help_text=m.BIO_CONTACTPERSOON_HINT)  # fmt: skip
    aanvullende_informatie = forms.CharField(label=m.BIO_VRAGEN[0], required=False, strip=False)
    omstandigheden = forms.CharField(label=m.BIO_VRAGEN[1], required=False, strip=False)
    schrijnend = forms.CharField(label=m.BIO_VRAGEN[2], required=False, strip=False)
    bevestigd = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, contactpersonen=(), **kwargs):
        for veld in rb.VRAAGVELDEN:
            self.base_fields[veld].widget = forms.Textarea(
                attrs={"rows": 6, "maxlength": rb.MAX_TEKENS, "data-maximum": rb.MAX_TEKENS,
                       "data-teller": f"id_{veld}_teller"}  # static/js/tekenteller.js
            )  # fmt: skip
            self.base_fields[veld].help_text = m.BIO_MAXIMUM
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].choices = [("", "Selecteer een contactpersoon"),
                                                 *((str(c.pk), c.naam) for c in contactpersonen)]  # fmt: skip

    def gegevens(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "bevestigd"}


class WaardepapierForm(PipFormMixin, forms.Form):
    """S-54, with the D-07 confirmation of "more than 4 sets"."""

    naam = forms.CharField(label=rw.LABELS["naam"], required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))  # fmt: skip
    email = forms.CharField(label=rw.LABELS["email"], required=False,
                            widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": "email"}))  # fmt: skip
    telefoon = forms.CharField(label=rw.LABELS["telefoon"], required=False,
                               widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))  # fmt: skip
    soort = forms.ChoiceField(label=rw.LABELS["soort"], required=False,
                              choices=[("", "Kies een soort"), *SoortWaardepapier.choices])  # fmt: skip
    aantal_sets = forms.CharField(label=m.WP_LABEL_AANTAL, required=False,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))  # fmt: skip
    postcode = forms.CharField(label="postcode", required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))  # fmt: skip
    huisnummer = forms.CharField(label="huisnummer", required=False,
                                 widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))  # fmt: skip
    toevoeging = forms.CharField(label="toevoeging", required=False,
                                 widget=forms.TextInput(attrs={"autocomplete": "off"}))  # fmt: skip
    straat = forms.CharField(label=rw.LABELS["straat"], required=False,
                             widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))  # fmt: skip
    plaats = forms.CharField(label=rw.LABELS["plaats"], required=False,
                             widget=forms.TextInput(attrs={"autocomplete": "address-level2"}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An unknown soort meets the rules' FS 999 Formaatfout, not Django's own choice text.
        self.fields["soort"].valid_value = lambda waarde: True

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data.get(veld) or "" for veld in rw.LABELS}
