"""Issue 8 item 7: logging in, failing to and logging out go to the audit trail (A-8), with the client
address. The lockout tables of django-axes are not enough: a beheerder can empty them."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit
from .inlogpogingen import client_ip
from .models import AuditActie


def _adres(request) -> str:
    return client_ip(request) if request is not None else "onbekend"


@receiver(user_logged_in, dispatch_uid="pib_audit_ingelogd")
def ingelogd(sender, request, user, **kwargs):
    audit(actor=user, actie=AuditActie.INLOGGEN, obj=user, omschrijving=f"Ingelogd vanaf {_adres(request)}")


@receiver(user_login_failed, dispatch_uid="pib_audit_inloggen_mislukt")
def inloggen_mislukt(sender, credentials, request=None, **kwargs):
    # Only the name that was tried: Django has already masked the password in `credentials`.
    naam = str(credentials.get("username") or "")[:150]
    reden = (
        "Geweigerd (geblokkeerd na te veel pogingen)"
        if getattr(request, "axes_locked_out", False)
        else ("Onjuiste gebruikersnaam of wachtwoord")
    )
    audit(actor=naam, actie=AuditActie.INLOGGEN_MISLUKT, omschrijving=f"{reden} vanaf {_adres(request)}")


@receiver(user_logged_out, dispatch_uid="pib_audit_uitgelogd")
def uitgelogd(sender, request, user, **kwargs):
    if user is not None:
        audit(
            actor=user,
            actie=AuditActie.UITLOGGEN,
            obj=user,
            omschrijving=f"Uitgelogd vanaf {_adres(request)}",
        )
