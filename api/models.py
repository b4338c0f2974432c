"""The applicatiesleutel (seed 003, seed 000 §2.2): how a gemeente's cliëntvolgsysteem (CVS) calls the API.

A beheerder issues one per CVS in the admin, for one gemeente and a set of the five roles; the key is
shown once and only its hash is kept (djangorestframework-api-key: an 8-character prefix to find the row,
a SHA-512 hash of the 40 random characters to check it, safe without a salt for a random key of that
length). The key is also the actor of every service call it makes: its name stands in the audit trail,
and `rollen_in` answers the services' role check (inburgering.access.rollen_voor) from the database, so a
revoked or expired key is refused at once, like a withdrawn Autorisatie.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from rest_framework_api_key.models import AbstractAPIKey

from inburgering.constants import Rol
from inburgering.models import Gemeente

GELDIGHEID = timedelta(days=365)


def _over_een_jaar():
    return timezone.now() + GELDIGHEID


class Applicatiesleutel(AbstractAPIKey):
    name = models.CharField(
        "naam",
        max_length=50,
        unique=True,
        help_text="Staat als gebruiker in de audit trail, bijvoorbeeld 'CVS Groningen (leverancier)'.",
    )
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="applicatiesleutels")
    rollen = models.JSONField("rollen", default=list, help_text="Rollen uit inburgering.constants.Rol.")
    expiry_date = models.DateTimeField("geldig tot", default=_over_een_jaar)
    revoked = models.BooleanField(
        "ingetrokken", default=False, help_text="Een ingetrokken sleutel werkt nooit meer (onomkeerbaar)."
    )
    aangemaakt_door = models.CharField("aangemaakt door", max_length=150, blank=True, editable=False)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "applicatiesleutel"
        verbose_name_plural = "applicatiesleutels"

    # --- the actor protocol of inburgering.access and inburgering.audit ----------------------------

    is_authenticated = True
    is_active = True

    def get_username(self) -> str:
        return self.name

    def rollen_in(self, gemeente: Gemeente) -> frozenset[str]:
        """Fresh from the database, as the services ask it: nothing once revoked, expired or elsewhere."""
        rij = (
            Applicatiesleutel.objects.filter(
                pk=self.pk,
                gemeente=gemeente,
                gemeente__actief=True,
                revoked=False,
                expiry_date__gt=timezone.now(),
            )
            .values_list("rollen", flat=True)
            .first()
        )
        return frozenset(rij or ())

    # --- validation ----------------------------------------------------------------------------

    def clean(self) -> None:
        super().clean()
        onbekend = set(self.rollen or ()) - set(Rol.values)
        if onbekend or not isinstance(self.rollen, list):
            raise ValidationError({"rollen": f"Onbekende rol(len): {', '.join(sorted(map(str, onbekend)))}."})
        if not self.rollen:
            raise ValidationError({"rollen": "Kies ten minste één rol."})
        # The audit trail names users and keys alike; a key never takes a user's name.
        if get_user_model().objects.filter(username__iexact=self.name).exists():
            raise ValidationError(
                {"name": "Er bestaat al een gebruiker met deze naam; kies een andere naam."}
            )
