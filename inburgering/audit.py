"""A-8: the one helper every service calls to write the audit trail."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.db import models

from .models import AuditActie, AuditEntry, Gemeente, Persoon


def als_tekst(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(instance: models.Model, velden: Iterable[str]) -> dict[str, Any]:
    return {veld: als_tekst(getattr(instance, veld)) for veld in velden}


def verschillen(oud: Mapping[str, Any], nieuw: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {veld: [oud, nieuw]}."""
    return {veld: [oud.get(veld), waarde] for veld, waarde in nieuw.items() if oud.get(veld) != waarde}


def audit(
    *,
    actor,
    actie: AuditActie | str,
    gemeente: Gemeente | None = None,
    persoon: Persoon | None = None,
    bsn: str = "",
    obj: models.Model | None = None,
    omschrijving: str = "",
    wijzigingen: Mapping[str, list[Any]] | None = None,
) -> AuditEntry:
    """Append one entry; `actor` is a user or the name of a system process (importer, job)."""
    regel = auditregel(actor=actor, actie=actie, gemeente=gemeente, persoon=persoon, bsn=bsn, obj=obj,
                       omschrijving=omschrijving, wijzigingen=wijzigingen)  # fmt: skip
    regel.save()
    return regel


def auditregel(
    *,
    actor,
    actie: AuditActie | str,
    gemeente: Gemeente | None = None,
    persoon: Persoon | None = None,
    bsn: str = "",
    obj: models.Model | None = None,
    omschrijving: str = "",
    wijzigingen: Mapping[str, list[Any]] | None = None,
) -> AuditEntry:
    """The entry `audit` appends, unsaved: a service that changes many rows at once bulk-creates them."""
    gebruiker = getattr(actor, "get_username", lambda: str(actor))()
    return AuditEntry(
        gebruiker=gebruiker,
        gemeente_code=gemeente.code if gemeente else "",
        actie=actie,
        omschrijving=omschrijving[:200],
        bsn=persoon.bsn if persoon else bsn,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        wijzigingen={k: [als_tekst(o), als_tekst(n)] for k, (o, n) in (wijzigingen or {}).items()},
    )
