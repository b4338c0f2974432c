"""A-9 / issue 8 item 5: who may link an authenticator app, backup codes, and a beheerder's reset.

A password alone is not enough to link an app: the user also needs a one-time activation code that a
beheerder issued (valid 72 hours, kept only as a hash). After linking, the user gets single-use backup codes.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .audit import audit
from .models import Activatiecode, AuditActie

GELDIGHEID = timedelta(hours=72)
AANTAL_RESERVECODES = 10
RESERVECODES_NAAM = "Reservecodes"
# No 0/O, 1/I/L: the code is read from a screen and typed over by someone else.
_TEKENS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_LENGTE = 12  # about 59 bits: not guessable, even without throttling


def normaliseer(code: str) -> str:
    return "".join(teken for teken in code.upper() if teken.isalnum())


def _mag_beheren(actor) -> None:
    if not actor.has_perm("auth.change_user"):
        raise PermissionDenied("Alleen een beheerder mag de tweede factor van een gebruiker beheren.")


@transaction.atomic
def activatiecode_uitgeven(*, actor, user) -> str:
    """A new activation code for `user`, replacing an unused earlier one; returned once, stored as a hash."""
    _mag_beheren(actor)
    code = "".join(secrets.choice(_TEKENS) for _ in range(_LENGTE))
    Activatiecode.objects.filter(user=user, gebruikt_op__isnull=True).delete()
    Activatiecode.objects.create(
        user=user, code_hash=make_password(code), uitgegeven_door=actor.get_username()
    )
    audit(
        actor=actor,
        actie=AuditActie.TWEEDE_FACTOR,
        obj=user,
        omschrijving=f"Activatiecode uitgegeven voor {user.get_username()} (72 uur geldig)",
    )
    return "-".join(code[i : i + 4] for i in range(0, _LENGTE, 4))


@transaction.atomic
def activatiecode_inwisselen(*, user, code: str, ip: str = "") -> bool:
    """Spend `user`'s activation code; False for a wrong, expired or already used code."""
    actueel = (
        Activatiecode.objects.select_for_update()
        .filter(user=user, gebruikt_op__isnull=True, aangemaakt_op__gte=timezone.now() - GELDIGHEID)
        .first()
    )
    if actueel is None or not check_password(normaliseer(code), actueel.code_hash):
        audit(
            actor=user,
            actie=AuditActie.INLOGGEN_MISLUKT,
            obj=user,
            omschrijving=f"Onjuiste, verlopen of gebruikte activatiecode vanaf {ip}",
        )
        return False
    actueel.gebruikt_op = timezone.now()
    actueel.save(update_fields=["gebruikt_op"])
    audit(
        actor=user,
        actie=AuditActie.TWEEDE_FACTOR,
        obj=user,
        omschrijving=f"Activatiecode gebruikt vanaf {ip}",
    )
    return True


@transaction.atomic
def reservecodes_aanmaken(*, user) -> list[str]:
    """Fresh single-use backup codes (earlier ones stop working); shown to the user once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RESERVECODES_NAAM, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(AANTAL_RESERVECODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit(
        actor=user,
        actie=AuditActie.TWEEDE_FACTOR,
        obj=user,
        omschrijving=f"{AANTAL_RESERVECODES} reservecodes aangemaakt",
    )
    return codes


def reservecodes_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def tweede_factor_resetten(*, actor, user) -> int:
    """Remove every linked app and backup code of `user` (lost phone); the next login links anew."""
    _mag_beheren(actor)
    devices = list(devices_for_user(user, confirmed=None))
    for device in devices:
        device.delete()
    Activatiecode.objects.filter(user=user, gebruikt_op__isnull=True).delete()
    audit(
        actor=actor,
        actie=AuditActie.TWEEDE_FACTOR,
        obj=user,
        omschrijving=f"Tweede factor gereset voor {user.get_username()} ({len(devices)} koppelingen verwijderd)",
    )
    return len(devices)
