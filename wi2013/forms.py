"""Forms of the Wi2013 pages: "Zoeken personen" (13-1), "Wijzigen" (13-3) and the factuur (13-4).

The forms only parse what was typed; the domain rules live in `wi2013.regels`, whose refusals (raised by
`wi2013.services`) `Wi2013FormMixin.service_fouten` puts next to their fields, so the page keeps what the
user typed.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from inburgering.bsn import normalize_bsn, validate_bsn
from inburgering.forms import DatumVeld, NLDesignFormMixin
from inburgering.versie import VersieFormMixin

from .constants import RedenNietVoldaan

# The NL Design System's 10-character width (named after voorvoegsels) fits dd-mm-jjjj and a BSN.
TIEN_TEKENS = "utrecht-textbox--voorvoegsel-size"
DATUM = {"placeholder": "dd-mm-jjjj", "inputmode": "numeric", "autocomplete": "off", "class": TIEN_TEKENS}
JA_NEE = [("J", "Ja"), ("N", "Nee")]


def _datum(label: str, **kwargs) -> DatumVeld:
    return DatumVeld(label=label, required=False, widget=forms.DateInput(attrs=dict(DATUM)), **kwargs)


def _ja_nee(label: str, **kwargs) -> forms.ChoiceField:
    """J/N radio buttons with nothing chosen by default: empty means "no criterion"."""
    return forms.ChoiceField(label=label, required=False, choices=JA_NEE, widget=forms.RadioSelect, **kwargs)


class Wi2013FormMixin(NLDesignFormMixin):
    """NL Design System classes, radio buttons as radio buttons, and the service's errors on the form."""

    def _component(self, widget) -> str:
        if isinstance(widget, forms.RadioSelect):
            return "utrecht-radio-button"
        return super()._component(widget)

    def service_fouten(self, fout: ValidationError) -> None:
        """Show a service's ValidationError: per field when it names fields of this form, else on top."""
        if hasattr(fout, "error_dict"):
            for veld, fouten in fout.message_dict.items():
                self.add_error(veld if veld in self.fields else None, fouten)
        else:
            self.add_error(None, fout)
        for naam in self.errors:
            if naam == NON_FIELD_ERRORS or naam not in self.fields:
                continue
            field, attrs = self.fields[naam], self.fields[naam].widget.attrs
            if field.help_text and field.help_text in self.errors[naam]:
                # The manual's help text is also the service's message: say it once, as the error.
                field.help_text = self[naam].help_text = ""
                ids = attrs.get("aria-describedby", "").split()
                attrs["aria-describedby"] = " ".join(i for i in ids if i != f"{self[naam].auto_id}_help")
            if "aria-invalid" not in attrs:
                attrs["class"] += f" {self._component(self.fields[naam].widget)}--invalid"
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = " ".join(
                    i for i in (attrs.get("aria-describedby", ""), f"{self[naam].auto_id}_error") if i
                )


class ZoekPersonenForm(Wi2013FormMixin, forms.Form):
    """Seed 000 §3.2/§4.2. A filled BSN makes every other criterion ignored, errors included."""

    VERBLIJF = [("woonachtig", "Woonachtig in gemeente"), ("gewezen", "Gewezen ingezetenen")]
    PERIODES = (
        ("datum_pvt_plicht_vanaf", "datum_pvt_plicht_tm"),
        ("datum_deelname_vanaf", "datum_deelname_tm"),
    )

    bsn = forms.CharField(label="Burgerservicenummer", required=False, max_length=20,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": TIEN_TEKENS}),
                          help_text="Als het BSN is ingevoerd worden de overige zoekcriteria genegeerd.")  # fmt: skip
    pvt_plichtig = _ja_nee("PVT-plichtig")
    datum_pvt_plicht_vanaf = _datum("Datum PVT-plicht vanaf")
    datum_pvt_plicht_tm = _datum("Datum PVT-plicht t/m")
    datum_deelname_vanaf = _datum("Datum deelname PV-traject vanaf")
    datum_deelname_tm = _datum("Datum deelname PV-traject t/m")
    voldaan = _ja_nee("Voldaan aan PVT-plicht")
    recht_op_mb = _ja_nee("Recht op maatschappelijke begeleiding")
    verblijf = forms.ChoiceField(label="Verblijf", required=False, choices=VERBLIJF, initial="woonachtig",
                                 help_text="De gemeente waar de inburgeraar staat ingeschreven.")  # fmt: skip
    factuur = _ja_nee(
        "Factuur aanwezig",
        help_text=(
            "Wilt u personen zoeken waarvoor nog geen factuur is ingediend maar waarvoor dit wél mogelijk is? "
            "Dan moet u hier 'Nee' aanvinken."
        ),
    )

    def clean_bsn(self) -> str:
        bsn = normalize_bsn(self.cleaned_data["bsn"])
        if bsn:
            validate_bsn(bsn)
        return bsn

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("bsn"):
            for naam in [n for n in self._errors if n != "bsn"]:
                del self._errors[naam]
            return {"bsn": cleaned["bsn"]}
        for vanaf, tm in self.PERIODES:
            if cleaned.get(vanaf) and cleaned.get(tm) and cleaned[vanaf] > cleaned[tm]:
                self.add_error(tm, "De datum t/m ligt voor de datum vanaf.")
        return cleaned


class PvtWijzigenForm(VersieFormMixin, Wi2013FormMixin, forms.Form):
    """13-3: the four gemeente fields of seed 000 §4.5; their rules are `regels.pvt_gegevens`."""

    datum_start_deelname = _datum("Datum start deelname PV-traject")
    datum_einde_deelname = _datum("Datum einde deelname PV-traject")
    datum_voldaan = _datum("Datum voldaan aan PVT-plicht")
    reden_niet_voldaan = forms.ChoiceField(
        label="Reden niet voldaan aan PVT-plicht",
        required=False,
        choices=[("", ""), *RedenNietVoldaan.choices],
    )


class FactuurForm(VersieFormMixin, Wi2013FormMixin, forms.Form):
    """13-4, with the help texts of seed 000 §4.4. The amount is no field: it is always € 150,-.

    No length or character checks here: `regels.factuur_gegevens` gives the manual's own messages."""

    factuurnummer = forms.CharField(
        label="Factuurnummer", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text="Het factuurnummer mag maximaal 16 posities en moet alfanumeriek zijn. Bijvoorbeeld ABCDEF1234567890.",
    )  # fmt: skip
    factuurdatum = _datum("Factuurdatum", help_text="De datum van de factuur, als dd-mm-jjjj.")
    debiteurnummer = forms.CharField(
        label="Debiteurnummer", required=False, widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text="Het debiteurnummer mag maximaal 10 posities en moet alfanumeriek zijn.",
    )  # fmt: skip

    def clean_factuurnummer(self) -> str:
        return self.cleaned_data["factuurnummer"].strip()

    def clean_debiteurnummer(self) -> str:
        return self.cleaned_data["debiteurnummer"].strip()
