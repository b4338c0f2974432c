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
