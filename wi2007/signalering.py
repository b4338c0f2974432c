"""Wi2007 signals caused by BRP facts (seed 002 §3.7)."""

from django.utils import timezone

from inburgering.constants import Wet
from inburgering.gebeurtenissen import Overlijden, Verhuizing, VertrekUitNederland
from signalen.services import signaal_uitzenden


def bij_verhuizing(gebeurtenis: Verhuizing) -> None:
    """SS001 "Persoon is volgens GBA naar uw gemeente verhuisd" to the new gemeente."""
    if gebeurtenis.persoon.wet == Wet.WI2007:
        signaal_uitzenden(wet=Wet.WI2007, code="SS001", persoon=gebeurtenis.persoon,
                          gemeente=gebeurtenis.nieuwe_gemeente, datum=timezone.localdate(),
                          feit=gebeurtenis.feit)  # fmt: skip


def bij_overlijden(gebeurtenis: Overlijden) -> None:
    """SS008 "Persoon is volgens GBA overleden"."""
    persoon = gebeurtenis.persoon
    if persoon.wet == Wet.WI2007 and persoon.woongemeente:
        signaal_uitzenden(wet=Wet.WI2007, code="SS008", persoon=persoon, gemeente=persoon.woongemeente,
                          datum=timezone.localdate(), feit=gebeurtenis.feit)  # fmt: skip


def bij_vertrek(gebeurtenis: VertrekUitNederland) -> None:
    """SS011 "Persoon verblijft volgens GBA buiten Nederland"."""
    persoon = gebeurtenis.persoon
    if persoon.wet == Wet.WI2007 and persoon.woongemeente:
        signaal_uitzenden(wet=Wet.WI2007, code="SS011", persoon=persoon, gemeente=persoon.woongemeente,
                          datum=timezone.localdate(), feit=gebeurtenis.feit)  # fmt: skip
