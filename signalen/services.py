"""Writes of signals: emitting (DUO side, idempotent per fact) and status changes (MUT roles)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import audit
from inburgering.models import AuditActie, Gemeente, Persoon

from .catalogus import soort
from .models import Signaal, UitgezondenFeit
from .selectors import vergeet_open_aantallen
from .workflow import Status, bronnen_voor


def feit_sleutel(feit: str, code: str, gemeentecode: str) -> str:
    """The key under which a fact is recorded: one fact may concern several codes and gemeenten."""
    return f"{feit}:{code}:{gemeentecode}"


def signaal_uitzenden(
    *, wet: str, code: str, persoon: Persoon, gemeente: Gemeente, datum: date, feit: str
) -> Signaal | None:
    """Emit one signal for one fact; the same fact twice gives one signal (returns None the second time).

    `feit` names the fact, e.g. "verhuisd:<event id>" or "SS126:<persoon>:<termijn>"; the code is
    appended so that one fact may carry a signal for every law and gemeente it concerns.
    """
    soort(wet, code)  # only codes the manual defines
    sleutel = feit_sleutel(feit, code, gemeente.code)
    # The fact is recorded apart from the signal: retention deletes signals, never the facts.
    _, nieuw = UitgezondenFeit.objects.get_or_create(feit=sleutel)
    if not nieuw:
        return None
    signaal = Signaal.objects.create(
        feit=sleutel, wet=wet, code=code, persoon=persoon, gemeente=gemeente, datum=datum
    )
    vergeet_open_aantallen(gemeente.id)
    return signaal


STATUS_ACTIES = (Status.IN_BEHANDELING, Status.AFGEHANDELD)


@dataclass(frozen=True)
class StatusWijziging:
    """What became of the selected ids: changed, already in that status (or a status the state machine
    cannot leave that way), changed by a colleague since the list was read, or no signal of this list."""

    gewijzigd: int
    ongewijzigd: int
    niet_gevonden: int
    intussen_gewijzigd: int = 0


@transaction.atomic
def signalen_status_wijzigen(
    *,
    actor,
    gemeente: Gemeente,
    wet: str,
    ids: Iterable[int],
    status: str,
    getoond_op: datetime | None = None,
) -> StatusWijziging:
    """S-5: set the selected signals of this gemeente and law to a new status.

    Ids of other gemeenten or laws count as not found (whether they exist elsewhere is not this user's
    business); signals the state machine cannot move count as unchanged. `getoond_op` is when the list the
    caseworker chose from was read (issue 8 item 6): a signal whose status changed after that is left alone,
    so a stale list never undoes a colleague's newer status change. The check runs under the row lock.
    None: the caller showed no list.
    """
    vereis_muteren(actor=actor, gemeente=gemeente, wet=wet)
    if status not in STATUS_ACTIES:
        raise ValidationError("Kies 'In behandeling' of 'Afgehandeld'.", code="status")
    ids = set(ids)
    gevonden = list(
        Signaal.objects.select_for_update(of=("self",))
        .filter(gemeente=gemeente, wet=wet, id__in=ids)
        .select_related("persoon")
        .order_by("id")
    )
    intussen = [
        s
        for s in gevonden
        if getoond_op is not None and s.status_gewijzigd_op and s.status_gewijzigd_op > getoond_op
    ]
    signalen = [s for s in gevonden if s not in intussen and s.status in bronnen_voor(status)]
    uitkomst = StatusWijziging(
        gewijzigd=len(signalen),
        ongewijzigd=len(gevonden) - len(signalen) - len(intussen),
        niet_gevonden=len(ids) - len(gevonden),
        intussen_gewijzigd=len(intussen),
    )
    if not signalen:
        return uitkomst
    vergeet_open_aantallen(gemeente.id)
    Signaal.objects.filter(id__in=[s.id for s in signalen]).update(
        status=status, status_gewijzigd_op=timezone.now(), status_gewijzigd_door=actor.get_username()
    )
    for signaal in signalen:
        audit(
            actor=actor,
            actie=AuditActie.WIJZIGEN,
            gemeente=gemeente,
            persoon=signaal.persoon,
            obj=signaal,
            omschrijving=f"Status signaal {signaal.code} gewijzigd",
            wijzigingen={"status": [signaal.get_status_display(), Status(status).label]},
        )
    return uitkomst
