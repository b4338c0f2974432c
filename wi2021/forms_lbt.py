"""The form of S-22 "Leerbaarheidstoets — Opnieuw inplannen". It only carries what was typed: the reason
must be one of the list and "Overig" needs its own text of at most 140 characters, which `regels_lbt`
decides (the page shows its findings next to the fields and keeps the input)."""

from django import forms

from inburgering.versie import VersieFormMixin

from .constants import RedenOpnieuwLbt
from .forms_map_pvt_uren import RegelsFormMixin
from .regels_lbt import LABELS

OVERIG_HINT = (
    "Alleen bij 'Overig'. U kunt hiervoor maximaal 140 karakters gebruiken."  # fn 15 (verbatim) added
)


class OpnieuwAanvragenForm(VersieFormMixin, RegelsFormMixin, forms.Form):
    # A CharField behind the select: an unknown value reaches the rule ("Veld is verplicht"), not a
    # second message of Django's own.
    reden = forms.CharField(
        label=LABELS["reden"], required=False,
        widget=forms.Select(choices=[("", "Kies een reden"), *RedenOpnieuwLbt.choices]),
    )  # fmt: skip
    reden_overig = forms.CharField(
        label=LABELS["reden_overig"], required=False, strip=False, help_text=OVERIG_HINT,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )  # fmt: skip


class OntheffenForm(forms.Form):
    """S-21 has nothing to fill in: the POST is the confirmation."""
