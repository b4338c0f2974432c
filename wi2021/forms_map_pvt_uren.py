"""Forms of MAP and PVT (S-37…S-42) and the uren (S-43, S-44). They only parse what was typed, with the §4.2
f/g/h format texts; every other rule is `wi2021.regels`', whose findings `bevindingen_tonen` puts next to
their fields, so a page keeps what the user typed."""

import re

from django import forms

from inburgering.forms import DatumVeld, NLDesignFormMixin
from inburgering.versie import VersieFormMixin

from . import meldingen as m
from .constants import SoortInstelling
from .models import TRAJECT_DATUM, Traject

DATUM = {"placeholder": "dd-mm-jjjj", "inputmode": "numeric", "autocomplete": "off",
         "class": "utrecht-textbox--voorvoegsel-size"}  # fmt: skip
ONGELDIG = {Traject.MAP: m.MAP_DATUM_ONGELDIG, Traject.PVT: m.PVT_DATUM_ONGELDIG}
# S-44's radio labels (§3.6.10.1), which differ from the reference data's own labels.
SOORT_INSTELLING_KEUZES = [
    (SoortInstelling.BOW, "Blik-op-Werk instelling"),
    (SoortInstelling.TAALSCHAKEL, "Taalschakeltrajectinstelling"),
]


class RegelsFormMixin(NLDesignFormMixin):
    def _component(self, widget) -> str:
        if isinstance(widget, forms.RadioSelect):
            return "utrecht-radio-button"
        return super()._component(widget)

    def aanvullen(self, oordeel) -> None:
        """After a format error: the rules' findings on the other fields too, so one submit shows them all."""
        self.bevindingen_tonen(
            b for b in oordeel.fouten if b.veld in self.fields and b.veld not in self.errors
        )

    def bevindingen_tonen(self, bevindingen) -> None:
        for b in bevindingen:
            veld = b.veld if b.veld in self.fields else None
            self.add_error(veld, b.tekst)
            if veld is not None:
                attrs = self.fields[veld].widget.attrs
                if "aria-invalid" not in attrs:
                    attrs["class"] += f" {self._component(self.fields[veld].widget)}--invalid"
                    attrs["aria-invalid"] = "true"
                    attrs["aria-describedby"] = f"{self[veld].auto_id}_error"


def _datum(label: str, fout) -> DatumVeld:
    return DatumVeld(label=label, required=False, widget=forms.DateInput(attrs=dict(DATUM)),
                     error_messages={"invalid": fout.weergave(label)})  # fmt: skip


def _uren(label: str, help_text: str = "") -> forms.IntegerField:
    fout = m.UREN_FORMAATFOUT.weergave(label)
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=99999, help_text=help_text,
        error_messages={"invalid": fout, "min_value": fout, "max_value": fout},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off",
                                      "class": "utrecht-textbox--voorvoegsel-size"}),
    )  # fmt: skip


class TrajectForm(VersieFormMixin, RegelsFormMixin, forms.Form):
    """S-37/S-38 "Datum eindgesprek", S-40/S-41 "Datum ondertekening"."""

    def __init__(self, *args, traject: str, **kwargs):
        self.base_fields = {"datum": _datum(TRAJECT_DATUM[traject], ONGELDIG[traject])}
        super().__init__(*args, **kwargs)


class VerwijderForm(VersieFormMixin, forms.Form):
    """S-39 / S-42: the version the confirmation was shown for."""


class UrenForm(VersieFormMixin, RegelsFormMixin, forms.Form):
    """S-43 "Doorgeven <soort uren>"."""

    aantal = _uren("Nieuw totaal aantal uren", m.UREN_TEL_OP)
    datum_tot = _datum("Datum totaal aantal uren", m.UREN_DATUM_ONGELDIG)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum_tot"].help_text = m.UREN_DATUM_HINT
        self.fields["datum_tot"].widget.attrs["aria-describedby"] = f"{self['datum_tot'].auto_id}_help"


class InstellingUrenForm(VersieFormMixin, RegelsFormMixin, forms.Form):
    """S-44 (D-17): soort instelling (Onderwijsroute only, R-UR-7), the instelling, three optional totals and
    one date. The instelling is parsed, not validated, here: FS 646 and FS 659 are the rules layer's.
    `getoond` is the instelling whose "Tot nu toe doorgegeven" the page showed."""

    def __init__(self, *args, instellingen, onderwijsroute: bool, **kwargs):
        velden = {}
        if onderwijsroute:
            velden["soort_instelling"] = forms.ChoiceField(
                label="Soort instelling",
                required=False,
                choices=SOORT_INSTELLING_KEUZES,
                widget=forms.RadioSelect,
            )
        velden["instelling"] = forms.TypedChoiceField(
            label="Instelling", required=False, coerce=int, empty_value=None,
            choices=[("", "Kies een instelling"), *((i.pk, str(i)) for i in instellingen)],
        )  # fmt: skip
        velden["6"] = _uren("Uren taalles en KNM", m.UREN_TEL_OP)
        velden["8"] = _uren("Geoorloofd verzuim")
        velden["9"] = _uren("Ongeoorloofd verzuim")
        velden["datum_tot"] = _datum("Datum totaal aantal uren", m.UREN_DATUM_ONGELDIG)
        velden["datum_tot"].help_text = m.UREN_DATUM_HINT
        velden["getoond"] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.base_fields = velden
        super().__init__(*args, **kwargs)
        self.fields["instelling"].valid_value = lambda waarde: (
            True
        )  # unknown ids meet FS 646, not Django's text
        self.fields["instelling"].error_messages["invalid_choice"] = m.FS646_UREN.weergave()

    def gekozen_instelling(self) -> int | None:
        """The instelling id as posted (or shown), None if empty or not a number."""
        waarde = (self.data.get("instelling") if self.is_bound else self.initial.get("instelling")) or ""
        # ASCII digits only: "²³".isdigit() is True, but int("²³") fails.
        return int(waarde) if re.fullmatch(r"[0-9]{1,11}", str(waarde)) else None

    def soort_velden(self):
        return [self["6"], self["8"], self["9"]]
