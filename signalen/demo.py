"""Demo signals: none are made up. They come from the demo's chain events (fed by `seed_demo` through the
services) and from the daily deadline rules run here over the demo data; then caseworkers take some up.
"""

import hashlib
from collections import defaultdict
from datetime import date

from django.contrib.auth import get_user_model

from inburgering.constants import MUT_ROLLEN
from inburgering.models import Gemeente

from .models import Signaal
from .services import signalen_status_wijzigen
from .termijnregels import voer_termijnregels_uit
from .workflow import Status

# Of the new signals, a caseworker takes these shares up or closes them (by a hash of the fact, so a
# re-run picks the same ones, which are no longer new: it changes nothing). Most signals of a year are
# dealt with (issue 15): the open ones are the recent part.
IN_BEHANDELING, AFGEHANDELD = 0.15, 0.6
# The changes go through the caseworker's service (audited, one entry per signal) in lists of this size.
LIJST = 5000
# Who does it: the demo medewerker in its gemeente, the helpdesk (all gemeenten) elsewhere.
BEHANDELAAR, HELPDESK = "medewerker", "helpdesk"


def per_batch(personen: list[tuple[int, dict, bool]], seed: int, vandaag: date) -> None:
    """Signals are no data of their own: nothing to add per batch."""


def _doelstatus(seed: int, feit: str) -> str | None:
    deel = int.from_bytes(hashlib.sha256(f"{seed}:{feit}".encode()).digest()[:4]) / 2**32
    if deel < IN_BEHANDELING:
        return Status.IN_BEHANDELING
    if deel < IN_BEHANDELING + AFGEHANDELD:
        return Status.AFGEHANDELD
    return None


def afronden(seed: int, vandaag: date) -> None:
    """The daily deadline rules over the demo data (SS004, SS066, SS602, ...), as the nightly job does;
    then the status changes through the service a caseworker uses (S-5), audited."""
    voer_termijnregels_uit(vandaag)
    gebruikers = {
        u.username: u for u in get_user_model().objects.filter(username__in=(BEHANDELAAR, HELPDESK))
    }
    if HELPDESK not in gebruikers:
        return
    groepen: dict[tuple, list[int]] = defaultdict(list)
    # Only where the portal lets a caseworker change a status: Wi2007 signals are read only (MUT_ROLLEN).
    wetten = [wet for wet, rollen in MUT_ROLLEN.items() if rollen]
    nieuw = Signaal.objects.filter(status=Status.NIEUW, wet__in=wetten).order_by("id")
    for pk, feit, gemeente_id, wet in nieuw.values_list("id", "feit", "gemeente_id", "wet").iterator(5000):
        doel = _doelstatus(seed, feit)
        if doel:
            groepen[(gemeente_id, wet, doel)].append(pk)
    gemeenten = Gemeente.objects.in_bulk({gemeente_id for gemeente_id, _, _ in groepen})
    medewerker = gebruikers.get(BEHANDELAAR)
    # The demo medewerker works in its own gemeente (the service checks the role again).
    eigen = set(medewerker.autorisaties.values_list("gemeente_id", flat=True)) if medewerker else set()
    for (gemeente_id, wet, doel), ids in sorted(groepen.items()):
        actor = medewerker if gemeente_id in eigen else gebruikers[HELPDESK]
        for i in range(0, len(ids), LIJST):
            signalen_status_wijzigen(actor=actor, gemeente=gemeenten[gemeente_id], wet=wet, ids=ids[i : i + LIJST],
                                     status=doel)  # fmt: skip


def samenvatting() -> str:
    return f"{Signaal.objects.count()} signalen"
