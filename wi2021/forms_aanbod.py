"""Forms of "Inburgeringsaanbod toevoegen" (S-33), "wijzigen" (S-34) and the delete confirmation (S-35).

As the PIP forms: they only parse what was typed (a date that is no date is §4.2 d15); every other rule is
`wi2021.regels.aanbod_gegevens`, whose findings `bevindingen_tonen` puts next to their fields. The D-07
confirmation and the version token come from the PIP form mixins.
"""

from django import forms

from inburgering.forms import DatumVeld
from inburgering.versie import VersieFormMixin

from . import meldingen as m
from . import regels
from .constants import ALFABETISERING_UITLEG, Alfabetisering, Leerroute, SoortInstelling
from .forms_pip import DATUM, PipFormMixin, _formaat
from .models import Instelling

# S-33's radio labels (the manual's wording, not the reference list's).
SOORTEN = [(SoortInstelling.BOW.value, "Blik-op-Werk instelling"),
           (SoortInstelling.TAALSCHAKEL.value, "Taalschakeltrajectinstelling")]  # fmt: skip


def _datum(naam: str) -> DatumVeld:
    label = regels.AANBOD_LABELS[naam]
    return DatumVeld(
        label=label,
        required=False,
        widget=forms.DateInput(attrs=dict(DATUM)),
        error_messages={"invalid": m.AANBOD_DATUM_ONGELDIG.weergave(label)},
    )


class InstellingVeld(forms.ChoiceField):
    """Offers the active instellingen the leerroute allows, "naam, plaats", but takes any value: an empty,
    unknown, inactive or not allowed instelling gets the rules layer's FS 646, not a second check here."""

    def valid_value(self, value) -> bool:
        return True

    def clean(self, value):
        waarde = super().clean(value)
        if not waarde or not (str(waarde).isascii() and str(waarde).isdigit()) or len(str(waarde)) > 9:
            return None
        return Instelling.objects.filter(pk=int(waarde)).first()


def instelling_keuzes(leerroute: str) -> list:
    """B1-route and Z-route: the Blik op Werk instellingen; Onderwijsroute: both lists, grouped (R-AB-4)."""
    soorten = regels.toegestane_soorten(leerroute)
    instellingen = list(Instelling.objects.filter(actief=True, soort__in=soorten).order_by("naam", "plaats"))
    keuzes: list = [("", "Kies een instelling")]
    if len(soorten) == 1:
        return keuzes + [(str(i.pk), str(i)) for i in instellingen]
    for soort, label in SOORTEN:
        keuzes.append((label, [(str(i.pk), str(i)) for i in instellingen if i.soort == soort]))
    return keuzes


class AanbodForm(VersieFormMixin, PipFormMixin, forms.Form):
    """S-33 (`toevoegen=True`: soort instelling for the Onderwijsroute, instelling) and S-34 (the instelling
    read-only, M-22): the three dates and the alfabetisering."""

    def __init__(self, *args, leerroute: str, toevoegen: bool, **kwargs):
        super().__init__(*args, **kwargs)
        labels = regels.AANBOD_LABELS
        velden: dict[str, forms.Field] = {}
        if toevoegen and leerroute == Leerroute.O:
            velden["soort_instelling"] = forms.ChoiceField(
                label=labels["soort_instelling"], required=False, choices=SOORTEN, widget=forms.RadioSelect,
                error_messages=_formaat(labels["soort_instelling"]),
            )  # fmt: skip
            self.initial.setdefault("soort_instelling", SoortInstelling.BOW.value)
        if toevoegen:
            velden["instelling"] = InstellingVeld(
                label=labels["instelling"], required=False, choices=instelling_keuzes(leerroute)
            )
        for naam in ("datum_inschrijving", "datum_start", "datum_einde"):
            velden[naam] = _datum(naam)
        velden["alfabetisering"] = forms.ChoiceField(
            label=labels["alfabetisering"], required=False, choices=Alfabetisering.choices,
            widget=forms.RadioSelect, error_messages=_formaat(labels["alfabetisering"]),
        )  # fmt: skip
        self.voeg_velden_toe(velden)

    def soort_keuzes(self):
        return [(radio, "") for radio in self["soort_instelling"]]

    def alfabetisering_keuzes(self):
        """The radios with the manual's explanation under each value (§3.6.7.1)."""
        return [(radio, ALFABETISERING_UITLEG[radio.data["value"]]) for radio in self["alfabetisering"]]


class AanbodIntrekkenForm(VersieFormMixin, forms.Form):
    """S-35: the version the confirmation was shown for."""
