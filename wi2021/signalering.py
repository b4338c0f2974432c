"""Wi2021 signals caused by BRP facts (seed 001 §3.2.3 and §4.1)."""

from django.utils import timezone

from inburgering.constants import Wet
from inburgering.gebeurtenissen import Overlijden, Verhuizing, VertrekUitNederland
from signalen.services import signaal_uitzenden


def bij_verhuizing(gebeurtenis: Verhuizing) -> None:
    """The new gemeente gets SS120 (settled without a PIP; SS121 once PIPs exist), the old one SS122."""
    persoon = gebeurtenis.persoon
    if persoon.wet != Wet.WI2021:
        return
    vandaag = timezone.localdate()
    signaal_uitzenden(wet=Wet.WI2021, code="SS120", persoon=persoon, gemeente=gebeurtenis.nieuwe_gemeente,
                      datum=vandaag, feit=gebeurtenis.feit)  # fmt: skip
    if gebeurtenis.oude_gemeente:
        signaal_uitzenden(wet=Wet.WI2021, code="SS122", persoon=persoon, gemeente=gebeurtenis.oude_gemeente,
                          datum=vandaag, feit=gebeurtenis.feit)  # fmt: skip


def bij_overlijden(gebeurtenis: Overlijden) -> None:
    """SS111 "Einde inburgeringsplicht – Persoon is overleden"."""
    persoon = gebeurtenis.persoon
    if persoon.wet == Wet.WI2021 and persoon.woongemeente:
        signaal_uitzenden(wet=Wet.WI2021, code="SS111", persoon=persoon, gemeente=persoon.woongemeente,
                          datum=timezone.localdate(), feit=gebeurtenis.feit)  # fmt: skip


def bij_vertrek(gebeurtenis: VertrekUitNederland) -> None:
    """SS123 "Vertrokken uit Nederland"."""
    persoon = gebeurtenis.persoon
    if persoon.wet == Wet.WI2021 and persoon.woongemeente:
        signaal_uitzenden(wet=Wet.WI2021, code="SS123", persoon=persoon, gemeente=persoon.woongemeente,
                          datum=timezone.localdate(), feit=gebeurtenis.feit)  # fmt: skip
