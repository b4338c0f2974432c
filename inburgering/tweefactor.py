"""A-9: the second factor. After the password, a TOTP code from an authenticator app; a user without
one first links an app (QR code or key) and confirms it with a code. Wrong codes are throttled by
django-otp (each failure doubles the wait)."""

import base64

from django import forms
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import NLDesignFormMixin

APP_NAAM = "Authenticator-app"


class CodeForm(NLDesignFormMixin, forms.Form):
    code = forms.CharField(
        label="Code uit uw authenticator-app", max_length=6, min_length=6,
        error_messages={"required": "Het veld 'Code' is verplicht",
                        "min_length": "De code bestaat uit 6 cijfers.", "max_length": "De code bestaat uit 6 cijfers."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )  # fmt: skip

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError("De code bestaat uit 6 cijfers.", code="cijfers")
        return code


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse("inburgering:start")


def tweefactor(request):
    """Ask for the TOTP code, or link an authenticator app first when the user has none."""
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_verified():
        return redirect(_volgende(request))
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    koppelen = device is None
    if koppelen:
        device = TOTPDevice.objects.filter(
            user=request.user, confirmed=False
        ).first() or TOTPDevice.objects.create(user=request.user, name=APP_NAAM, confirmed=False)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        toegestaan, _ = device.verify_is_allowed()
        if not toegestaan:
            form.add_error("code", "Te vaak een onjuiste code. Wacht even en probeer het opnieuw.")
        elif device.verify_token(form.cleaned_data["code"]):
            if koppelen:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_volgende(request))
        else:
            form.add_error("code", "De code is onjuist of verlopen. Probeer de nieuwste code uit de app.")
    context = {"form": form, "koppelen": koppelen, "next": _volgende(request)}
    if koppelen:
        context["sleutel"] = base64.b32encode(device.bin_key).decode()
        context["qr"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)
    return render(request, "registration/tweefactor.html", context)


def afbreken(request):
    """'Annuleren' on the code page: log out completely (POST)."""
    if request.method == "POST":
        logout(request)
    return redirect("login")
