import re
from datetime import date

from django import forms

from .bsn import normalize_bsn, validate_bsn
from .models import ContactBericht

VERPLICHT = "Het veld '{}' is verplicht"


class NLDesignFormMixin:
    """Puts NL Design System classes and ARIA on every widget, and marks invalid ones after validation."""

    def _component(self, widget) -> str:
        if isinstance(widget, forms.Select):
            return "utrecht-select"
        if isinstance(widget, forms.Textarea):
            return "utrecht-textarea"
        if isinstance(widget, forms.CheckboxInput):
            return "utrecht-checkbox"
        return "utrecht-textbox"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        html = {"utrecht-select": "html-select", "utrecht-textarea": "html-textarea"}
        for name, field in self.fields.items():
            component = self._component(field.widget)
            modifier = html.get(component, "html-input")
            classes = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{classes} {component} {component}--{modifier}".strip()
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_help"

    def add_error(self, field, error):
        # Every error passes here: validation's own and those a view adds afterwards (a wrong code), so each
        # invalid field is announced with its message (issue 14: aria-invalid + aria-describedby).
        super().add_error(field, error)
        for name in self._errors:
            if name not in self.fields or self.fields[name].widget.attrs.get("aria-invalid") == "true":
                continue
            attrs = self.fields[name].widget.attrs
            component = self._component(self.fields[name].widget)
            attrs["class"] += f" {component}--invalid"
            attrs["aria-invalid"] = "true"
            ids = [attrs.get("aria-describedby", ""), f"{self[name].auto_id}_error"]
            attrs["aria-describedby"] = " ".join(i for i in ids if i)


# No person, signal or factuur in the portal is older; earlier dates are typing errors (or probes).
EERSTE_DATUM = date(1900, 1, 1)


class DatumVeld(forms.DateField):
    """Every date typed in the portal: dd-mm-jjjj (pib/formats), not before 01-01-1900, one message."""

    def to_python(self, value):
        datum = super().to_python(value)
        if datum is not None and datum < EERSTE_DATUM:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return datum


class BsnForm(NLDesignFormMixin, forms.Form):
    bsn = forms.CharField(
        label="Burgerservicenummer",
        max_length=20,
        error_messages={"required": VERPLICHT.format("Burgerservicenummer")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self) -> str:
        bsn = normalize_bsn(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn


class ContactForm(NLDesignFormMixin, forms.ModelForm):
    """Contact met DUO (seed 001 §2.3): Telefoonnummer is required once 'DUO mag mij bellen' is ticked."""

    class Meta:
        model = ContactBericht
        fields = ["naam", "email", "bellen", "telefoonnummer", "onderwerp", "bericht"]
        labels = {"email": "E-mail", "bellen": "Ja", "bericht": "Bericht"}
        help_texts = {
            "email": "Vul hier het e-mailadres in waarop u het antwoord wilt ontvangen.",
            "telefoonnummer": "Vul hier het telefoonnummer in waarop u gebeld wilt worden.",
        }
        widgets = {"bericht": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (
            ("naam", "Naam"),
            ("email", "E-mail"),
            ("onderwerp", "Onderwerp"),
            ("bericht", "Bericht"),
        ):
            self.fields[name].error_messages["required"] = VERPLICHT.format(label)
        self.fields["email"].error_messages["invalid"] = "Vul een geldig e-mailadres in."
        self.fields["onderwerp"].choices = [("", "Kies een onderwerp")] + list(
            self.fields["onderwerp"].choices
        )[1:]
        self.fields["bericht"].error_messages["max_length"] = (
            "Het bericht mag maximaal %(limit_value)d tekens bevatten (u gebruikte er %(show_value)d)."
        )

    def clean_telefoonnummer(self) -> str:
        telefoon = self.cleaned_data.get("telefoonnummer", "").strip()
        if telefoon and not re.fullmatch(r"[0-9+\- ]+", telefoon):
            raise forms.ValidationError(
                "Het telefoonnummer mag alleen cijfers, een + of een - bevatten.", code="telefoon"
            )
        return telefoon

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("bellen")
            and not cleaned.get("telefoonnummer")
            and "telefoonnummer" not in self.errors
        ):
            self.add_error(
                "telefoonnummer", forms.ValidationError(VERPLICHT.format("Telefoonnummer"), code="required")
            )
        return cleaned
