"""A-9: the second factor. After the password, a TOTP code from an authenticator app. A user without one
first enters the activation code from a beheerder, then links an app (QR code or key), confirms it with a
code and gets backup codes, shown once. Wrong codes are throttled by django-otp (each failure doubles the
wait) and audited."""

import base64

from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

import segno
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import activatie
from .audit import audit
from .forms_auth import ActivatiecodeForm, CodeForm, ReservecodeForm
from .inlogpogingen import client_ip
from .models import AuditActie

APP_NAAM = "Authenticator-app"
# The activation code was accepted in this session for this user id: linking may start.
SESSIE_GEACTIVEERD = "pib_tweefactor_geactiveerd"
TE_VAAK = "Te vaak een onjuiste code. Wacht even en probeer het opnieuw."


def _volgende(request) -> str:
    volgende = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return volgende
    return reverse("inburgering:start")


def _mislukt(request, omschrijving: str) -> None:
    audit(
        actor=request.user,
        actie=AuditActie.INLOGGEN_MISLUKT,
        obj=request.user,
        omschrijving=f"{omschrijving} vanaf {client_ip(request)}",
    )


def tweefactor(request):
    """Ask for the TOTP code; without a linked app first the activation code, then the linking."""
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_verified():
        return redirect(_volgende(request))
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is not None:
        return _code(request, device)
    if request.session.get(SESSIE_GEACTIVEERD) == request.user.pk:
        return _koppelen(request)
    return _activeren(request)


def _activeren(request):
    form = ActivatiecodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if activatie.activatiecode_inwisselen(
            user=request.user, code=form.cleaned_data["activatiecode"], ip=client_ip(request)
        ):
            request.session[SESSIE_GEACTIVEERD] = request.user.pk
            return redirect(reverse("tweefactor") + "?" + urlencode({"next": _volgende(request)}))
        form.add_error(
            "activatiecode",
            "De activatiecode is onjuist, verlopen of al gebruikt. Vraag uw beheerder om een nieuwe code.",
        )
    return render(
        request,
        "registration/tweefactor.html",
        {"form": form, "stap": "activeren", "next": _volgende(request)},
    )


def _koppelen(request):
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False
    ).first() or TOTPDevice.objects.create(user=request.user, name=APP_NAAM, confirmed=False)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        toegestaan, _ = device.verify_is_allowed()
        if not toegestaan:
            form.add_error("code", TE_VAAK)
        elif device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            del request.session[SESSIE_GEACTIVEERD]
            otp_login(request, device)
            audit(
                actor=request.user,
                actie=AuditActie.TWEEDE_FACTOR,
                obj=request.user,
                omschrijving=f"Authenticator-app gekoppeld vanaf {client_ip(request)}",
            )
            codes = activatie.reservecodes_aanmaken(user=request.user)
            # Rendered, not redirected: the codes exist in plain text only in this one response.
            return render(
                request, "registration/reservecodes.html", {"codes": codes, "next": _volgende(request)}
            )
        else:
            _mislukt(request, "Onjuiste code bij het koppelen van de app")
            form.add_error("code", "De code is onjuist of verlopen. Probeer de nieuwste code uit de app.")
    context = {
        "form": form,
        "stap": "koppelen",
        "next": _volgende(request),
        "sleutel": base64.b32encode(device.bin_key).decode(),
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2),
    }
    return render(request, "registration/tweefactor.html", context)


def _code(request, device):
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        toegestaan, _ = device.verify_is_allowed()
        if not toegestaan:
            form.add_error("code", TE_VAAK)
        elif device.verify_token(form.cleaned_data["code"]):
            otp_login(request, device)
            return redirect(_volgende(request))
        else:
            _mislukt(request, "Onjuiste code tweede factor")
            form.add_error("code", "De code is onjuist of verlopen. Probeer de nieuwste code uit de app.")
    return render(
        request, "registration/tweefactor.html", {"form": form, "stap": "code", "next": _volgende(request)}
    )


def reservecode(request):
    """The second step with a backup code instead of the app (phone not at hand); each code works once."""
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_verified():
        return redirect(_volgende(request))
    device = activatie.reservecodes_device(request.user)
    form = ReservecodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if device is None:
            form.add_error(
                "reservecode", "U heeft geen reservecodes. Vraag uw beheerder de tweede factor te resetten."
            )
        elif not device.verify_is_allowed()[0]:
            form.add_error("reservecode", TE_VAAK)
        elif device.verify_token(form.cleaned_data["reservecode"]):
            otp_login(request, device)
            over = device.token_set.count()
            audit(
                actor=request.user,
                actie=AuditActie.INLOGGEN,
                obj=request.user,
                omschrijving=f"Tweede stap met een reservecode vanaf {client_ip(request)}; nog {over} over",
            )
            if over <= 3:
                messages.warning(
                    request,
                    f"U heeft nog {over} reservecode(s). Vraag uw beheerder om de tweede factor opnieuw in te stellen.",
                )
            return redirect(_volgende(request))
        else:
            _mislukt(request, "Onjuiste reservecode")
            form.add_error("reservecode", "Deze reservecode is onjuist of al gebruikt.")
    return render(request, "registration/reservecode.html", {"form": form, "next": _volgende(request)})


def afbreken(request):
    """'Annuleren' on the code page: log out completely (POST)."""
    if request.method == "POST":
        logout(request)
    return redirect("login")
