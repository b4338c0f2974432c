"""Wi2013 signals caused by BRP facts (seed 000 §3.6, §4.7 "Verhuizing")."""

from django.utils import timezone

from inburgering.constants import Wet
from inburgering.gebeurtenissen import Verhuizing
from signalen.services import signaal_uitzenden


def bij_verhuizing(gebeurtenis: Verhuizing) -> None:
    """A-6: the new gemeente gets SS613, the old one SS614."""
    persoon = gebeurtenis.persoon
    if persoon.wet != Wet.WI2013:
        return
    vandaag = timezone.localdate()
    signaal_uitzenden(wet=Wet.WI2013, code="SS613", persoon=persoon, gemeente=gebeurtenis.nieuwe_gemeente,
                      datum=vandaag, feit=gebeurtenis.feit)  # fmt: skip
    if gebeurtenis.oude_gemeente:
        signaal_uitzenden(wet=Wet.WI2013, code="SS614", persoon=persoon, gemeente=gebeurtenis.oude_gemeente,
                          datum=vandaag, feit=gebeurtenis.feit)  # fmt: skip
