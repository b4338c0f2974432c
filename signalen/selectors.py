from django.core.exceptions import PermissionDenied
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


def open_aantallen(gemeente: Gemeente) -> dict[str, int]:
    """S-2/S-3: open signals (Nieuw + In behandeling) per law, in one indexed query."""
    rijen = (
        Signaal.objects.filter(gemeente=gemeente, status__in=OPEN)
        .values("wet")
        .annotate(aantal=Count("id"))
        .order_by()
    )
    return {rij["wet"]: rij["aantal"] for rij in rijen}


def signaaltellingen(*, persoon, wet: str, gemeente: Gemeente) -> dict[str, int]:
    """The "Signalen" block of a person screen: totaal, nieuw, in behandeling, afgehandeld (one query)."""
    return Signaal.objects.filter(persoon=persoon, wet=wet, gemeente=gemeente).aggregate(
        totaal=Count("id"),
        nieuw=Count("id", filter=Q(status=Status.NIEUW)),
        in_behandeling=Count("id", filter=Q(status=Status.IN_BEHANDELING)),
        afgehandeld=Count("id", filter=Q(status=Status.AFGEHANDELD)),
    )
