"""Issuing and revoking applicatiesleutels: what the admin (and the demo) call; both go to the audit trail."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from inburgering.audit import audit
from inburgering.models import AuditActie, Gemeente

from .models import Applicatiesleutel


def _naam(sleutel: Applicatiesleutel) -> str:
    """How the audit trail names a key: its name and public prefix (its pk holds the hash: never logged)."""
    return f"applicatiesleutel '{sleutel.name}' ({sleutel.prefix})"


@transaction.atomic
def sleutel_uitgeven(
    *, actor, naam: str, gemeente: Gemeente, rollen: list[str], geldig_tot: datetime | None = None
) -> tuple[Applicatiesleutel, str]:
    """A new key; the returned text is the only time it exists in the clear (only its hash is stored)."""
    sleutel = Applicatiesleutel(name=naam, gemeente=gemeente, rollen=sorted(rollen),
                                aangemaakt_door=actor.get_username())  # fmt: skip
    if geldig_tot is not None:
        sleutel.expiry_date = geldig_tot
    sleutel.full_clean(exclude=["id", "prefix", "hashed_key"])
    tekst = Applicatiesleutel.objects.assign_key(sleutel)
    sleutel.save()
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente,
          omschrijving=f"{_naam(sleutel)} uitgegeven ({', '.join(sleutel.rollen)})",
          wijzigingen={"geldig_tot": [None, sleutel.expiry_date]})  # fmt: skip
    return sleutel, tekst


@transaction.atomic
def sleutel_intrekken(*, actor, sleutel: Applicatiesleutel) -> None:
    """For good: the library refuses to un-revoke, and every call with the key gets 401 at once."""
    sleutel = Applicatiesleutel.objects.select_for_update().get(pk=sleutel.pk)
    if sleutel.revoked:
        return
    sleutel.revoked = True
    sleutel.save(update_fields=["revoked"])
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=sleutel.gemeente,
          omschrijving=f"{_naam(sleutel)} ingetrokken", wijzigingen={"ingetrokken": [False, True]})  # fmt: skip


@transaction.atomic
def geldigheid_wijzigen(*, actor, sleutel: Applicatiesleutel, geldig_tot: datetime) -> None:
    if sleutel.revoked:
        raise ValidationError("Een ingetrokken applicatiesleutel kan niet meer worden gewijzigd.")
    oud = (
        Applicatiesleutel.objects.select_for_update().values_list("expiry_date", flat=True).get(pk=sleutel.pk)
    )
    if oud == geldig_tot:
        return
    Applicatiesleutel.objects.filter(pk=sleutel.pk).update(expiry_date=geldig_tot)
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=sleutel.gemeente,
          omschrijving=f"Geldigheid {_naam(sleutel)} gewijzigd",
          wijzigingen={"geldig_tot": [oud, geldig_tot]})  # fmt: skip
