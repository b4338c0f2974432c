from django import forms
from django.contrib.auth.forms import AuthenticationForm

from .forms import NLDesignFormMixin


class InlogForm(NLDesignFormMixin, AuthenticationForm):
    """Dutch login form; the error never tells which of the two fields was wrong."""

    username = forms.CharField(
        label="Gebruikersnaam",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label="Wachtwoord",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": "De combinatie van gebruikersnaam en wachtwoord is onjuist.",
        "inactive": "Dit account is niet actief. Neem contact op met uw beheerder.",
    }


class CodeForm(NLDesignFormMixin, forms.Form):
    code = forms.CharField(
        label="Code uit uw authenticator-app", max_length=6, min_length=6,
        error_messages={"required": "Het veld 'Code' is verplicht",
                        "min_length": "De code bestaat uit 6 cijfers.", "max_length": "De code bestaat uit 6 cijfers."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )  # fmt: skip

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not (code.isascii() and code.isdigit()):
            raise forms.ValidationError("De code bestaat uit 6 cijfers.", code="cijfers")
        return code


class ActivatiecodeForm(NLDesignFormMixin, forms.Form):
    activatiecode = forms.CharField(
        label="Activatiecode",
        max_length=40,
        help_text="De code van 12 tekens die u van uw beheerder heeft gekregen, bijvoorbeeld ABCD-EFGH-JKMN.",
        error_messages={"required": "Het veld 'Activatiecode' is verplicht"},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )


class ReservecodeForm(NLDesignFormMixin, forms.Form):
    reservecode = forms.CharField(
        label="Reservecode",
        max_length=40,
        help_text="Een van de reservecodes die u bij het koppelen van uw app heeft bewaard. Elke code werkt één keer.",
        error_messages={"required": "Het veld 'Reservecode' is verplicht"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autofocus": True}),
    )

    def clean_reservecode(self) -> str:
        # The codes are shown in lower case; people retype them with spaces or in capitals.
        return "".join(self.cleaned_data["reservecode"].split()).lower()
