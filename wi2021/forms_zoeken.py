"""The two tabs of "Zoeken personen WI2021": S-15 "Zoek met burgerservicenummer" and S-16 "Zoek met overige
velden" (seed 001 §3.5.1, §3.5.2). The forms only parse what was typed; what a gemeente may see is the
rules layer's (`regels.bekijken`) and the selector's."""

from django import forms

from inburgering.bsn import is_valid_bsn, normalize_bsn
from inburgering.forms import VERPLICHT, NLDesignFormMixin

from . import meldingen as m
from .constants import Doelgroep
from .selectors_contactpersonen import contactpersoon_keuzes

# The NL Design System's 10-character width (named after voorvoegsels) fits dd-mm-jjjj and a BSN.
TIEN_TEKENS = "utrecht-textbox--voorvoegsel-size"
DATUM = {"placeholder": "dd-mm-jjjj", "inputmode": "numeric", "autocomplete": "off", "class": TIEN_TEKENS}


class ZoekMetBsnForm(NLDesignFormMixin, forms.Form):
    bsn = forms.CharField(
        label="Burgerservicenummer",
        max_length=20,
        error_messages={"required": VERPLICHT.format("Burgerservicenummer")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": TIEN_TEKENS}),
    )

    def clean_bsn(self) -> str:
        bsn = normalize_bsn(self.cleaned_data["bsn"])
        if not is_valid_bsn(bsn):
            raise forms.ValidationError(m.FS603.weergave(), code="FS603")  # §4.2 a1, with its code (D-19)
        return bsn


def _datum(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs=dict(DATUM)))


class ZoekMetOverigeVeldenForm(NLDesignFormMixin, forms.Form):
    """S-16. Criteria combine with AND. Contactpersoon lists the gemeente's contactpersonen (R-CP-10: both
    roles); an id that is not one of them is refused as an invalid choice."""

    contactpersoon = forms.ChoiceField(label="Contactpersoon", required=False)
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=200)
    doelgroep = forms.ChoiceField(label="Doelgroep", required=False, choices=[("", ""), *Doelgroep.choices])
    datum_start_vanaf = _datum("Datum start inburgeringsplicht vanaf")
    datum_start_tm = _datum("Datum start inburgeringsplicht tot en met")
    # "Zoek personen waarvoor geldt" (D-44; the conditions are selectors.WAARVOOR_GELDT).
    lbt_niet_afgenomen = forms.BooleanField(label="LBT niet afgenomen", required=False)
    pip_niet_doorgegeven = forms.BooleanField(label="PIP niet doorgegeven", required=False)
    inburgeringsaanbod_niet_doorgegeven = forms.BooleanField(
        label="Inburgeringsaanbod niet doorgegeven",
        required=False,
        help_text="Alleen beschikbaar voor personen met de doelgroep 'Asielstatushouder'.",
    )
    pvt_niet_doorgegeven = forms.BooleanField(label="PVT niet doorgegeven", required=False)
    map_niet_doorgegeven = forms.BooleanField(label="MAP niet doorgegeven", required=False)

    WAARVOOR_GELDT = (
        "lbt_niet_afgenomen",
        "pip_niet_doorgegeven",
        "inburgeringsaanbod_niet_doorgegeven",
        "pvt_niet_doorgegeven",
        "map_niet_doorgegeven",
    )

    def __init__(self, *args, gemeente=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].choices = contactpersoon_keuzes(gemeente)

    def waarvoor_geldt(self):
        return [self[naam] for naam in self.WAARVOOR_GELDT]

    def clean(self):
        cleaned = super().clean()
        # Judge what was typed, not what survived cleaning: one invalid date is not "nothing filled in".
        if not any(str(self.data.get(naam, "")).strip() for naam in self.fields):
            raise forms.ValidationError(m.MINSTENS_EEN_CRITERIUM.weergave(), code="minstens_een")
        vanaf, tot = cleaned.get("datum_start_vanaf"), cleaned.get("datum_start_tm")
        if vanaf and tot and vanaf > tot:
            self.add_error("datum_start_tm", "De datum tot en met ligt voor de datum vanaf.")
        return cleaned

    def gebruikte_criteria(self) -> list[tuple[str, str]]:
        """S-17's left column: every criterion with what was used, "-" when empty."""
        data = self.cleaned_data
        namen = dict(self.fields["contactpersoon"].choices)
        rijen = [
            ("Contactpersoon", namen.get(data.get("contactpersoon") or "") or "-"),
            ("Achternaam", data.get("achternaam") or "-"),
            ("Doelgroep", Doelgroep(data["doelgroep"]).label if data.get("doelgroep") else "-"),
        ]
        for naam in ("datum_start_vanaf", "datum_start_tm"):
            rijen.append(
                (self.fields[naam].label, data[naam].strftime("%d-%m-%Y") if data.get(naam) else "-")
            )
        aangevinkt = [str(self.fields[naam].label) for naam in self.WAARVOOR_GELDT if data.get(naam)]
        rijen.append(("Zoek personen waarvoor geldt", ", ".join(aangevinkt) or "-"))
        return rijen
