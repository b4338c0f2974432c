"""Demo signals in every status for every law, added to each batch of demo persons."""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from django.utils import timezone

from .catalogus import catalogus
from .models import Signaal


def signalen_voor(
    *, persoon_data: dict, persoon_id: int, codes: list[str], seed: int, vandaag: date
) -> Iterator[dict]:
    """0–3 signals of the person's law in every status, deterministic per BSN and seed."""
    if not persoon_data["wet"] or not codes:
        return
    rng = random.Random(f"{seed}:{persoon_data['bsn']}")
    for i in range(rng.choice((0, 0, 1, 1, 2, 3))):
        status = rng.choices(("nieuw", "in_behandeling", "afgehandeld"), weights=(5, 3, 2))[0]
        yield {
            "wet": persoon_data["wet"],
            "code": rng.choice(codes),
            "persoon_id": persoon_id,
            "gemeente_id": persoon_data["toekomstige_gemeente_id"] or persoon_data["woongemeente_id"],
            "datum": vandaag - timedelta(days=rng.randint(0, 80)),
            "status": status,
            "feit": f"demo:{persoon_data['bsn']}:{i}",
        }


def per_batch(personen: list[tuple[int, dict]], seed: int, vandaag: date) -> None:
    nu = timezone.now()
    Signaal.objects.bulk_create(
        [
            Signaal(**s, status_gewijzigd_op=None if s["status"] == "nieuw" else nu)
            for persoon_id, data in personen
            for s in signalen_voor(persoon_data=data, persoon_id=persoon_id,
                                   codes=sorted(catalogus(data["wet"])) if data["wet"] else [],
                                   seed=seed, vandaag=vandaag)
        ],
        ignore_conflicts=True,  # same seed → same facts: a re-run adds nothing
    )  # fmt: skip


def samenvatting() -> str:
    return f"{Signaal.objects.count()} signalen"
