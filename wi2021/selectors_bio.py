"""B-14 "Advies ontheffing bijzondere individuele omstandigheden (BIO)" on the overview (S-18): two queries at
most, whatever the data; whether the button shows is `regels_bio.advies_geven`'s answer."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from . import meldingen as m
from . import regels
from . import regels_bio as rb


@dataclass(frozen=True)
class BioBlok:
    gevraagd_tekst: str  # DUO asked (SS140) and the request is still open
    gegeven_op: datetime | None
    knop: bool  # "Geef door aan DUO"
    niet_gevraagd: str = m.BIO_NIET_GEVRAAGD

    @property
    def gegeven_tekst(self) -> str:
        return m.BIO_DOORGEGEVEN_OP.format(datum=f"{timezone.localdate(self.gegeven_op):%d-%m-%Y}")


def bio_blok(s: regels.Situatie, *, mag_muteren: bool) -> BioBlok:
    verzoek = rb.laatste_verzoek(s)
    if verzoek is None:
        return BioBlok(gevraagd_tekst="", gegeven_op=None, knop=False)
    if verzoek.advies_gegeven_op is not None:
        return BioBlok(gevraagd_tekst="", gegeven_op=verzoek.advies_gegeven_op, knop=False)
    if rb.besloten(verzoek):  # DUO decided without the advice: nothing to give any more
        return BioBlok(gevraagd_tekst="", gegeven_op=None, knop=False, niet_gevraagd=m.BIO_BESLOTEN.tekst)
    return BioBlok(
        gevraagd_tekst=m.BIO_GEVRAAGD.format(datum=f"{verzoek.datum:%d-%m-%Y}"),
        gegeven_op=None,
        knop=mag_muteren and rb.advies_geven(s, verzoek).toegestaan,
    )
