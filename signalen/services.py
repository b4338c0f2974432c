"""Writes of signals: emitting (DUO side, idempotent per fact) and status changes (MUT roles)."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from inburgering.access import vereis_muteren
from inburgering.audit import auditregel
from inburgering.gebeurtenissen import PersoonsgegevensGewijzigd
from inburgering.models import AuditActie, AuditEntry, Gemeente, Persoon

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


@dataclass(frozen=True)
class Uitzending:
    """One signal to emit in bulk: what `signaal_uitzenden` takes, by ids."""

    wet: str
    code: str
    persoon_id: int
    gemeente_id: int
    gemeentecode: str
    datum: date
    feit: str


def signalen_uitzenden(uitzendingen: Iterable[Uitzending]) -> int:
    """`signaal_uitzenden` for many facts at once (the daily rules over a whole country): the same rule, one
    signal per new fact key, nothing for a key recorded before, in a few statements instead of a few per
    signal. The facts are inserted with ON CONFLICT DO NOTHING RETURNING, so only the facts this call
    recorded get a signal, also when another run recorded some in the meantime. Returns how many are new."""
    per_sleutel: dict[str, Uitzending] = {}
    for u in uitzendingen:
        soort(u.wet, u.code)  # only codes the manual defines
        per_sleutel.setdefault(feit_sleutel(u.feit, u.code, u.gemeentecode), u)
    if not per_sleutel:
        return 0
    tabel = connection.ops.quote_name(UitgezondenFeit._meta.db_table)
    nu = connection.ops.adapt_datetimefield_value(timezone.now())
    nieuw: set[str] = set()
    sleutels = list(per_sleutel)
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(0, len(sleutels), 2000):
            deel = sleutels[i : i + 2000]
            # Only the table name and placeholders are formatted in; the values are parameters.
            waarden = ", ".join(["(%s, %s)"] * len(deel))
            cursor.execute(
                f"INSERT INTO {tabel} (feit, aangemaakt_op) VALUES {waarden} "  # noqa: S608
                "ON CONFLICT (feit) DO NOTHING RETURNING feit",
                [waarde for sleutel in deel for waarde in (sleutel, nu)],
            )
            nieuw.update(rij[0] for rij in cursor.fetchall())
        nieuw = [sleutel for sleutel in sleutels if sleutel in nieuw]  # in the callers' order
        for i in range(0, len(nieuw), 2000):
            deel = nieuw[i : i + 2000]
            # The person's sort keys the signal carries (Signaal.persoon_bsn), as `Signaal.save` sets them.
            personen = Persoon.objects.filter(pk__in={per_sleutel[sleutel].persoon_id for sleutel in deel})
            sleutels_van = {
                pk: (bsn, naam) for pk, bsn, naam in personen.values_list("pk", "bsn", "achternaam")
            }
            Signaal.objects.bulk_create(
                [
                    Signaal(feit=sleutel, wet=u.wet, code=u.code, persoon_id=u.persoon_id, gemeente_id=u.gemeente_id,
                            datum=u.datum, persoon_bsn=bsn, persoon_achternaam=naam)
                    for sleutel in deel
                    for u in (per_sleutel[sleutel],)
                    for bsn, naam in (sleutels_van[u.persoon_id],)
                ]
            )  # fmt: skip
        for gemeente_id in sorted({per_sleutel[sleutel].gemeente_id for sleutel in nieuw}):
            vergeet_open_aantallen(gemeente_id)
    return len(nieuw)


def bij_persoonsgegevens_gewijzigd(gebeurtenis: PersoonsgegevensGewijzigd) -> None:
    """A new BSN or achternaam of a person: their signals' sort keys follow (Signaal.persoon_bsn)."""
    nieuw = {
        veld: gebeurtenis.wijzigingen[veld][1]
        for veld in ("bsn", "achternaam")
        if veld in gebeurtenis.wijzigingen
    }
    if nieuw:
        Signaal.objects.filter(persoon=gebeurtenis.persoon).update(
            **{f"persoon_{veld}": waarde for veld, waarde in nieuw.items()}
        )


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
    # One audit entry per signal, as `audit` writes it, inserted together (a list may hold thousands).
    AuditEntry.objects.bulk_create(
        [
            auditregel(
                actor=actor,
                actie=AuditActie.WIJZIGEN,
                gemeente=gemeente,
                persoon=signaal.persoon,
                obj=signaal,
                omschrijving=f"Status signaal {signaal.code} gewijzigd",
                wijzigingen={"status": [signaal.get_status_display(), Status(status).label]},
            )
            for signaal in signalen
        ],
        batch_size=2000,
    )
    return uitkomst
