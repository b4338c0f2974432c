"""Forms of the PIP wizard (S-24…S-29) and the delete confirmation (S-30).

The forms only parse what was typed (format errors are §4.2's FS 999 texts); every other rule is
`wi2021.regels.pip_gegevens`, whose findings `bevindingen_tonen` puts next to their fields, so a page
keeps what the user typed. The attention confirmation (D-07) is part of every step form.
"""

from django import forms

from inburgering.forms import NLDesignFormMixin
from inburgering.regels import BEVESTIGING, Bevinding
from inburgering.versie import VersieFormMixin

from . import meldingen as m
from . import regels
from .constants import ALFABETISERING_UITLEG, Alfabetisering, Leerroute, Niveau

# The NL Design System's 10-character width fits dd-mm-jjjj (as the Wi2013 forms).
DATUM = {
    "placeholder": "dd-mm-jjjj",
    "inputmode": "numeric",
    "autocomplete": "off",
    "class": "utrecht-textbox--voorvoegsel-size",
}
NIET_AANGEVINKT = "Vink aan dat u de melding hebt gelezen als u toch wilt doorgaan."

# D-10: what step 2 offers per leerroute; the full matrix (FS 641, AS 605) stays in the rules layer.
NIVEAUS_INITIEEL = {Leerroute.B1: [Niveau.B1], Leerroute.O: [Niveau.B1], Leerroute.Z: [Niveau.A2, Niveau.NVT]}
NIVEAUS_WIJZIGING = {**NIVEAUS_INITIEEL, Leerroute.B1: [Niveau.B1, Niveau.A2]}


def _datum(naam: str) -> forms.DateField:
    label = regels.LABELS[naam]
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=dict(DATUM)),
        error_messages={"invalid": m.DATUM_ONGELDIG.weergave(label)},
    )


def _formaat(label: str) -> dict[str, str]:
    fout = m.FORMAATFOUT.weergave(label)
    return {"invalid": fout, "invalid_choice": fout, "min_value": fout, "max_value": fout}


class Vinkje(forms.BooleanField):
    """A checkbox that only takes what a browser sends for it: any other value is a Formaatfout, not a silent
    "Ja" (BooleanField treats every non-empty string as checked)."""

    class Widget(forms.CheckboxInput):
        def value_from_datadict(self, data, files, name):
            return data.get(name)  # the raw value: CheckboxInput would already have made it a bool

    widget = Widget
    AAN, UIT = {"on", "true", "True", "1"}, {"", "off", "false", "False", "0"}

    def to_python(self, value):
        if value in (None, True, False) or value in self.AAN | self.UIT:
            return super().to_python(value)
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def _uren(naam: str) -> forms.IntegerField:
    label = regels.LABELS[naam]
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=99999,
        error_messages=_formaat(label),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class NiveauField(forms.ChoiceField):
    """Shows the values allowed for the leerroute, but accepts any niveau, so a value outside the list
    gets the rules layer's own message (FS 641) rather than a second copy of the matrix here."""

    def valid_value(self, value) -> bool:
        return value in Niveau.values


class PipFormMixin(NLDesignFormMixin):
    """NL Design classes, the D-07 confirmation, and the rules layer's findings on the fields."""

    attenties: tuple[Bevinding, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bevestiging"] = forms.BooleanField(label=BEVESTIGING, required=False)
        self.fields["bevestigd"] = forms.Field(required=False, widget=forms.MultipleHiddenInput)
        self.fields["bevestiging"].widget.attrs["class"] = "utrecht-checkbox utrecht-checkbox--html-input"

    def _component(self, widget) -> str:
        if isinstance(widget, forms.RadioSelect):
            return "utrecht-radio-button"
        return super()._component(widget)

    def voeg_velden_toe(self, velden: dict[str, forms.Field]) -> None:
        """Fields that depend on the person or the leerroute: first, and in the NL Design look."""
        self.fields = {**velden, **self.fields}
        for field in velden.values():
            component = self._component(field.widget)
            modifier = "html-select" if component == "utrecht-select" else "html-input"
            classes = f"{field.widget.attrs.get('class', '')} {component} {component}--{modifier}"
            field.widget.attrs["class"] = classes.strip()

    @property
    def invoervelden(self) -> list[str]:
        """The PIP fields of this form (not the confirmation or the version)."""
        return [naam for naam in self.fields if naam not in ("bevestiging", "bevestigd", "versie")]

    def ruwe_invoer(self) -> dict[str, str]:
        """What was typed, as typed, to keep in the session (R-PIP-21)."""
        return {naam: self.data[naam] for naam in self.invoervelden if self.data.get(naam) is not None}

    def bevestigde_sleutels(self) -> set[str]:
        """The attention keys the user confirmed with the ticked checkbox on this submit."""
        if not self.data.get("bevestiging"):
            return set()
        return set(self.data.getlist("bevestigd") if hasattr(self.data, "getlist") else [])

    def vraag_bevestiging(self, attenties) -> None:
        """D-07: show the LET OP box; a second submit without the tick is an error on the checkbox."""
        self.attenties = tuple(attenties)
        if self.data.getlist("bevestigd") and not self.data.get("bevestiging"):
            self.markeer("bevestiging", NIET_AANGEVINKT)
        # A new question is answered anew: the box comes back unticked.
        self.data = self.data.copy()
        self.data.pop("bevestiging", None)

    def bevindingen_tonen(self, bevindingen) -> None:
        for b in bevindingen:
            self.markeer(b.veld if b.veld in self.fields else None, b.tekst)

    def markeer(self, veld: str | None, tekst: str) -> None:
        self.add_error(veld, tekst)
        if veld is None:
            return
        attrs = self.fields[veld].widget.attrs
        if "aria-invalid" not in attrs:
            attrs["class"] += f" {self._component(self.fields[veld].widget)}--invalid"
            attrs["aria-invalid"] = "true"
            ids = (attrs.get("aria-describedby", ""), f"{self[veld].auto_id}_error")
            attrs["aria-describedby"] = " ".join(i for i in ids if i)


class PipStap1Form(VersieFormMixin, PipFormMixin, forms.Form):
    """S-24 / S-27. On a wijziging the dagtekening is "Datum dagtekening gewijzigde PIP" and, inside the
    two-week window, the initial dagtekening is a field too (R-PIP-10, R-PIP-12)."""

    def __init__(self, *args, wijziging: bool = False, initieel_wijzigbaar: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        velden = {}
        if wijziging and initieel_wijzigbaar:
            velden["dagtekening_initieel"] = _datum("dagtekening_initieel")
        velden["dagtekening"] = _datum("dagtekening_gewijzigd" if wijziging else "dagtekening")
        velden["leerroute"] = forms.ChoiceField(
            label=regels.LABELS["leerroute"],
            required=False,
            choices=[("", "Kies een leerroute"), *Leerroute.choices],
            error_messages=_formaat(regels.LABELS["leerroute"]),
        )
        velden["alfabetisering"] = forms.ChoiceField(
            label=regels.LABELS["alfabetisering"],
            required=False,
            choices=Alfabetisering.choices,
            widget=forms.RadioSelect,
            error_messages=_formaat(regels.LABELS["alfabetisering"]),
        )
        self.voeg_velden_toe(velden)

    def clean(self):
        cleaned = super().clean()
        # Inside the window the initial dagtekening is part of the wijziging; blank would silently keep it.
        veld = "dagtekening_initieel"
        if veld in self.fields and cleaned.get(veld) is None and veld not in self.errors:
            self.add_error(veld, m.VELD_VERPLICHT.weergave(regels.LABELS[veld]))
        return cleaned

    def alfabetisering_keuzes(self):
        """The radios with the manual's explanation under each value (§3.6.6 fn 16)."""
        return [(radio, ALFABETISERING_UITLEG[radio.data["value"]]) for radio in self["alfabetisering"]]


class PipStap2Form(VersieFormMixin, PipFormMixin, forms.Form):
    """S-25 / S-28: niveau per leerroute (D-10), the uren fields only where they apply (R-PIP-8, D-15)."""

    def __init__(self, *args, leerroute: str, asielstatushouder: bool, wijziging: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        niveaus = (NIVEAUS_WIJZIGING if wijziging else NIVEAUS_INITIEEL).get(leerroute, list(Niveau))
        velden = {
            "niveau": NiveauField(
                label=regels.LABELS["niveau"],
                required=False,
                choices=[(n.value, n.label) for n in niveaus],
                error_messages=_formaat(regels.LABELS["niveau"]),
            )
        }
        if asielstatushouder and leerroute == Leerroute.B1:
            velden["geschatte_uren"] = _uren("geschatte_uren")
        if asielstatushouder and leerroute == Leerroute.Z:
            velden["aangepaste_uren_participatie"] = _uren("aangepaste_uren_participatie")
        velden["toestemming_nvo"] = Vinkje(
            label="Ja", required=False,
            error_messages={"invalid": m.FORMAATFOUT.weergave("Toestemming niet-vrijstellende opleiding")},
        )  # fmt: skip
        self.voeg_velden_toe(velden)
        self.niveaus = [n.value for n in niveaus]
        if not self.is_bound and self.initial.get("niveau") not in self.niveaus:
            self.initial["niveau"] = regels.standaard_niveau(leerroute) if leerroute else niveaus[0].value


class PipBewaarForm(VersieFormMixin, PipFormMixin, forms.Form):
    """S-26 / S-29: only the confirmation and the version; the data are in the session."""


class PipVerwijderenForm(VersieFormMixin, forms.Form):
    """S-30: the version the confirmation was shown for."""
