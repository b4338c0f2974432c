"""S-7: DUO removes closed signals after a week, and once a quarter the ones nobody took up."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from .models import Signaal
from .workflow import Status

BEWAARTERMIJN_AFGEHANDELD = timedelta(weeks=1)
KWARTAAL = relativedelta(months=3)


@transaction.atomic
def verwijder_afgehandelde_signalen(nu=None) -> int:
    """Signals with status Afgehandeld for more than a week are deleted (daily job)."""
    nu = nu or timezone.now()
    grens = nu - BEWAARTERMIJN_AFGEHANDELD
    aantal, _ = Signaal.objects.filter(status=Status.AFGEHANDELD, status_gewijzigd_op__lt=grens).delete()
    return aantal


@transaction.atomic
def schoon_niet_opgepakte_signalen(nu=None) -> int:
    """Signals still Nieuw more than a quarter after they were placed are purged (quarterly job)."""
    nu = nu or timezone.now()
    grens = timezone.localdate(nu) - KWARTAAL
    aantal, _ = Signaal.objects.filter(status=Status.NIEUW, datum__lt=grens).delete()
    return aantal
