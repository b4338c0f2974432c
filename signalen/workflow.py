"""The status state machine of a signal (seed 001 §3.2.2, seed 000 §3.6): one place for its rules."""

from django.db import models


class Status(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"


OPEN = (Status.NIEUW, Status.IN_BEHANDELING)

# The portal offers only "In behandeling" and "Afgehandeld" as actions, for any selected signal:
# a new signal can be taken up or closed at once, and a closed one reopened (before the weekly
# retention removes it). Nothing ever goes back to "Nieuw": that state means "nobody looked yet".
OVERGANGEN: dict[str, frozenset[str]] = {
    Status.NIEUW: frozenset({Status.IN_BEHANDELING, Status.AFGEHANDELD}),
    Status.IN_BEHANDELING: frozenset({Status.AFGEHANDELD}),
    Status.AFGEHANDELD: frozenset({Status.IN_BEHANDELING}),
}


def bronnen_voor(naar: str) -> list[str]:
    """The states from which `naar` can be reached, for a single conditional UPDATE."""
    return [van for van, doelen in OVERGANGEN.items() if naar in doelen]
