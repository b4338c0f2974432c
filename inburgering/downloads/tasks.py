"""Nightly extracts: one fan-out job, then one thin job per gemeente (DESIGN rule 6).

Both are idempotent: a rebuild for the same peildatum replaces the file of that day, so a
retry, a late ack or a second beat never leaves duplicates.
"""

import logging
from datetime import date, timedelta

from django.utils import timezone

from celery import shared_task

from ..models import Gemeente
from .builder import bouw_extract
from .registry import alle_extracten

logger = logging.getLogger(__name__)


@shared_task
def bouw_extracten_gemeente(gemeente_id: int, peildatum_iso: str) -> int:
    """Build every registered extract for one gemeente; return how many were built."""
    gemeente = Gemeente.objects.filter(pk=gemeente_id, actief=True).first()
    if gemeente is None:  # removed or deactivated since the fan-out: nothing to do
        return 0
    peildatum = date.fromisoformat(peildatum_iso)
    gebouwd, mislukt = 0, []
    for extract in alle_extracten():
        # One broken extract must not cost the gemeente its other files.
        try:
            bouw_extract(extract=extract, gemeente=gemeente, peildatum=peildatum)
            gebouwd += 1
        except Exception:
            logger.exception("Extract %s voor gemeente %s mislukt", extract.sleutel, gemeente.code)
            mislukt.append(extract.sleutel)
    if mislukt:
        # Fail the task so the failure is visible (and retriable; rebuilding is idempotent).
        raise RuntimeError(f"Extracten mislukt voor gemeente {gemeente.code}: {', '.join(mislukt)}")
    return gebouwd


@shared_task
def bouw_nachtelijke_extracten(peildatum_iso: str | None = None) -> int:
    """Enqueue one build per active gemeente; return how many were enqueued.

    The peildatum is yesterday: "de gegevens zijn bijgewerkt tot en met de dag ervoor"
    (seed 001 §3.7). Pass `peildatum_iso` to rebuild an earlier day by hand.
    """
    if not alle_extracten():
        return 0
    peildatum = peildatum_iso or (timezone.localdate() - timedelta(days=1)).isoformat()
    gemeente_ids = list(Gemeente.objects.filter(actief=True).order_by("id").values_list("id", flat=True))
    for gemeente_id in gemeente_ids:
        bouw_extracten_gemeente.delay(gemeente_id, peildatum)
    return len(gemeente_ids)
