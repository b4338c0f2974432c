"""Forms of the Z-route pages: S-50 "Datum eindgesprek" and the BSN search of S-51. They only parse what was
typed; the date rules (R-Z-2) are `regels.eindgesprek_datum`'s, shown next to the field."""

from django import forms

from inburgering.bsn import is_valid_bsn, normalize_bsn
from inburgering.forms import NLDesignFormMixin
from inburgering.versie import VersieFormMixin

from . import meldingen as m
from .forms_map_pvt_uren import RegelsFormMixin, _datum
from .forms_zoeken import TIEN_TEKENS


class EindgesprekForm(VersieFormMixin, RegelsFormMixin, forms.Form):
    """S-50: "Datum eindgesprek" (dag maand jaar as one dd-mm-jjjj field, like every date of the portal)."""

    datum = _datum("Datum eindgesprek", m.DATUM_ONGELDIG)


class CertificaatZoekForm(NLDesignFormMixin, forms.Form):
    """S-51 "Burgerservicenummer" + "Zoek"; empty shows every certificate again."""

    bsn = forms.CharField(
        label="Burgerservicenummer",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": TIEN_TEKENS}),
    )

    def clean_bsn(self) -> str:
        bsn = normalize_bsn(self.cleaned_data["bsn"] or "")
        if bsn and not is_valid_bsn(bsn):
            raise forms.ValidationError(m.FS603.weergave(), code="FS603")
        return bsn
