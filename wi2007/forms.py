"""The two tabs of "Zoeken personen WI2007" (seed 002 §3.2) and their "at least one field" rules."""

from django import forms

from inburgering.anummer import normalize_a_nummer, validate_a_nummer
from inburgering.bsn import normalize_bsn, validate_bsn
from inburgering.constants import Geslacht
from inburgering.forms import DatumVeld, NLDesignFormMixin

from .constants import Herkomst

DATUM = forms.DateInput(attrs={"placeholder": "dd-mm-jjjj", "inputmode": "numeric"})


class ZoekMetNummersForm(NLDesignFormMixin, forms.Form):
    bsn = forms.CharField(label="Burgerservicenummer", required=False, max_length=20)
    a_nummer = forms.CharField(label="A-nummer", required=False, max_length=20)

    def clean_bsn(self) -> str:
        bsn = normalize_bsn(self.cleaned_data["bsn"])
        if bsn:
            validate_bsn(bsn)
        return bsn

    def clean_a_nummer(self) -> str:
        a_nummer = normalize_a_nummer(self.cleaned_data["a_nummer"])
        if a_nummer:
            validate_a_nummer(a_nummer)
        return a_nummer

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("bsn") or cleaned.get("a_nummer")):
            raise forms.ValidationError(
                "U dient ten minste een van de velden in te vullen.", code="minstens_een"
            )
        return cleaned


class ZoekMetOverigeVeldenForm(NLDesignFormMixin, forms.Form):
    VERBLIJF = [("woonachtig", "Woonachtig in gemeente"), ("gewezen", "Gewezen ingezetenen")]

    geboortedatum_vanaf = DatumVeld(label="Geboortedatum vanaf", required=False, widget=DATUM)
    geboortedatum_tm = DatumVeld(label="Geboortedatum tot en met", required=False, widget=DATUM)
    geslacht = forms.ChoiceField(label="Geslacht", required=False, choices=[("", "")] + Geslacht.choices)
    nationaliteit = forms.CharField(label="Nationaliteit", required=False, max_length=80,
                                    help_text="De eerste nationaliteit volgens de BRP, bijvoorbeeld Syrische.")  # fmt: skip
    zoeken_in = forms.ChoiceField(label="Zoeken in ISI", required=False,
                                  choices=[("", "Actief en Definitief"), *Herkomst.choices])  # fmt: skip
    verblijf = forms.ChoiceField(label="Verblijf", choices=VERBLIJF, initial="woonachtig",
                                 widget=forms.RadioSelect)  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        vanaf, tot = cleaned.get("geboortedatum_vanaf"), cleaned.get("geboortedatum_tm")
        if vanaf and tot and vanaf > tot:
            self.add_error(
                "geboortedatum_tm", "De geboortedatum tot en met ligt voor de geboortedatum vanaf."
            )
        gevuld = any(
            cleaned.get(v) for v in ("geboortedatum_vanaf", "geboortedatum_tm", "geslacht", "nationaliteit")
        )
        typed = any(str(self.data.get(v, "")).strip() for v in ("geboortedatum_vanaf", "geboortedatum_tm"))
        if not gevuld and not typed:
            raise forms.ValidationError(
                "U dient minimaal één van de volgende velden in te vullen: geboortedatum, geslacht of nationaliteit.",
                code="minstens_een",
            )
        return cleaned
