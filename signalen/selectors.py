from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from inburgering.access import Toegang
from inburgering.messages import GEEN_TOEGANG
from inburgering.models import Gemeente

from .models import Signaal
from .workflow import OPEN, Status


def signalen_voor(*, toegang: Toegang, wet: str) -> QuerySet[Signaal]:
    """The signals of the active gemeente for one law; nobody else's, ever (A-3)."""
    if toegang.gemeente is None or not toegang.mag_lezen(wet):
        raise PermissionDenied(GEEN_TOEGANG)
    return Signaal.objects.filter(gemeente=toegang.gemeente, wet=wet).select_related("persoon")


OPEN_CACHE_SECONDEN = 60


def _open_sleutel(gemeente_id: int) -> str:
    return f"pib:open-signalen:{gemeente_id}"


def open_aantallen(gemeente: Gemeente) -> dict[str, int]:
    """S-2/S-3: open signals (Nieuw + In behandeling) per law.

    The navigation shows these on every page; counting 100 000 open signals of a large gemeente takes
    ~150 ms on PostgreSQL, so the counts are cached for a minute and dropped when a signal of the
    gemeente is emitted or changes status."""
    sleutel = _open_sleutel(gemeente.id)
    aantallen = cache.get(sleutel)
    if aantallen is None:
        rijen = (
            Signaal.objects.filter(gemeente=gemeente, status__in=OPEN)
            .values("wet")
            .annotate(aantal=Count("id"))
            .order_by()
        )
        aantallen = {rij["wet"]: rij["aantal"] for rij in rijen}
        cache.set(sleutel, aantallen, OPEN_CACHE_SECONDEN)
    return aantallen


def vergeet_open_aantallen(gemeente_id: int) -> None:
    """Drop the cached counts now and again after the commit (a request in between may have re-cached)."""
    cache.delete(_open_sleutel(gemeente_id))
    transaction.on_commit(lambda: cache.delete(_open_sleutel(gemeente_id)))


def signaaltellingen(*, persoon, wet: str, gemeente: Gemeente) -> dict[str, int]:
    """The "Signalen" block of a person screen: totaal, nieuw, in behandeling, afgehandeld (one query)."""
    return Signaal.objects.filter(persoon=persoon, wet=wet, gemeente=gemeente).aggregate(
        totaal=Count("id"),
        nieuw=Count("id", filter=Q(status=Status.NIEUW)),
        in_behandeling=Count("id", filter=Q(status=Status.IN_BEHANDELING)),
        afgehandeld=Count("id", filter=Q(status=Status.AFGEHANDELD)),
    )
