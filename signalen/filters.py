"""S-3: the search criteria of "Zoeken signalen" per law, as django-filter FilterSets."""

from django import forms

import django_filters

from inburgering.anummer import normalize_a_nummer, validate_a_nummer
from inburgering.bsn import normalize_bsn, validate_bsn
from inburgering.constants import Wet
from inburgering.forms import DatumVeld, NLDesignFormMixin

from . import uitbreidingen
from .catalogus import codes
from .workflow import OPEN, Status

MINSTENS_EEN = "Vul ten minste een van de onderstaande velden in."
DATUM = {"widget": forms.DateInput(attrs={"placeholder": "dd-mm-jjjj", "inputmode": "numeric"})}


class ZoekForm(NLDesignFormMixin, forms.Form):
    """At least one criterion, unless the user asked for all or all open signals."""

    def clean(self):
        cleaned = super().clean()
        if self.data.get("alle") or self.data.get("open"):
            return cleaned
        # Judge what was typed, not what survived cleaning: one invalid field is not "nothing filled in".
        if not any(str(self.data.get(naam, "")).strip() for naam in self.fields):
            raise forms.ValidationError(MINSTENS_EEN, code="minstens_een")
        vanaf, tot = cleaned.get("datum_vanaf"), cleaned.get("datum_tm")
        if vanaf and tot and vanaf > tot:
            self.add_error("datum_tm", "De datum tot en met ligt voor de datum vanaf.")
        return cleaned


class DatumFilter(django_filters.DateFilter):
    field_class = DatumVeld


class BsnFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        return super().filter(qs, normalize_bsn(value) if value else value)


class ANummerFilter(django_filters.CharFilter):
    def filter(self, qs, value):
        return super().filter(qs, normalize_a_nummer(value) if value else value)


class SignaalFilterBasis(django_filters.FilterSet):
    bsn = BsnFilter(field_name="persoon__bsn", label="Burgerservicenummer", validators=[validate_bsn])
    code = django_filters.ChoiceFilter(label="Code signaal", empty_label="")
    datum_vanaf = DatumFilter(field_name="datum", lookup_expr="gte", label="Datum vanaf", **DATUM)
    datum_tm = DatumFilter(field_name="datum", lookup_expr="lte", label="Datum tot en met", **DATUM)
    status = django_filters.ChoiceFilter(label="Status signaal", choices=Status.choices, empty_label="")

    wet: str = ""
    # Each manual words the criteria a little differently; its own labels override the defaults.
    labels: dict[str, str] = {}

    class Meta:
        form = ZoekForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each law shows its own criteria, in the manual's order; criteria a law app registered
        # (signalen.uitbreidingen) take their place among them.
        extra = uitbreidingen.criteria(self.wet)
        gemeente = getattr(getattr(self.request, "toegang", None), "gemeente", None)
        for criterium in extra:
            self.filters[criterium.naam] = _registerfilter(criterium, gemeente)
        self.filters = {naam: self.filters[naam] for naam in uitbreidingen.volgorde(self._meta.fields, extra)}
        self.filters["code"].extra["choices"] = codes(self.wet)
        for naam, label in self.labels.items():
            self.filters[naam].label = label

    @property
    def qs(self):
        qs = super().qs
        if self.data.get("open"):
            qs = qs.filter(status__in=OPEN)
        return qs


def _registerfilter(criterium: uitbreidingen.Criterium, gemeente) -> django_filters.ChoiceFilter:
    def filter_op(qs, naam, waarde):
        return qs.filter(criterium.voorwaarde(waarde)) if waarde else qs

    return django_filters.ChoiceFilter(
        label=criterium.label, choices=criterium.keuzes(gemeente), empty_label="", method=filter_op
    )


class SignaalFilterWi2007(SignaalFilterBasis):
    """Seed 002 §3.5: BSN, A-nummer, code, datum vanaf / t/m, status."""

    a_nummer = ANummerFilter(field_name="persoon__a_nummer", label="A-Nummer", validators=[validate_a_nummer])
    wet = Wet.WI2007

    class Meta(SignaalFilterBasis.Meta):
        fields = ["bsn", "a_nummer", "code", "datum_vanaf", "datum_tm", "status"]


class SignaalFilterWi2013(SignaalFilterBasis):
    """Seed 000 §3.5: BSN, code, datum t/m, status."""

    wet = Wet.WI2013
    labels = {"datum_tm": "Datum t/m"}

    class Meta(SignaalFilterBasis.Meta):
        fields = ["bsn", "code", "datum_tm", "status"]


class SignaalFilterWi2021(SignaalFilterBasis):
    """Seed 001 §3.2.1: BSN, Contactpersoon, Doelgroep, datum vanaf / t/m, code, status; wi2021 registers
    Contactpersoon and Doelgroep (signalen.uitbreidingen), so they need `request` for the gemeente."""

    wet = Wet.WI2021
    labels = {"datum_vanaf": "Datum signaal vanaf", "datum_tm": "Datum signaal tot en met"}

    class Meta(SignaalFilterBasis.Meta):
        fields = ["bsn", "datum_vanaf", "datum_tm", "code", "status"]


FILTERS = {Wet.WI2007: SignaalFilterWi2007, Wet.WI2013: SignaalFilterWi2013, Wet.WI2021: SignaalFilterWi2021}
