"""Reads behind B-6 "Leerbaarheidstoets" and S-23 "Leerbaarheidstoets historie" (§3.6.5): a fixed number of
queries whatever the number of attempts; what the gemeente may see and do is `regels_lbt`' answer."""

from dataclasses import dataclass

from django.db.models import QuerySet

from . import regels, regels_lbt
from .models import Leerbaarheidstoets


@dataclass(frozen=True)
class LbtBlok:
    zichtbaar: bool  # R-ACC-10: the old gemeente after a move sees a notice instead
    lbt: Leerbaarheidstoets | None  # the current (latest) LBT
    examennummer: str  # empty for another gemeente's LBT (R-ACC-10)
    ontheven: bool  # S-21 done: "Deze persoon is ontheven van de leerbaarheidstoets."
    opnieuw_verstuurd: bool  # S-22 done, DUO's new aanmelding not there yet
    onthef: bool  # the links, where the MUT role and the rules allow them
    opnieuw_aanvragen: bool
    historie: bool


def lbt_blok(s: regels.Situatie, *, mag_muteren: bool) -> LbtBlok:
    """B-6 (one query)."""
    st = regels_lbt.stand(s)
    lbt = st.huidige if st.zichtbaar else None
    return LbtBlok(
        zichtbaar=st.zichtbaar,
        lbt=lbt,
        examennummer=lbt.examennummer if lbt is not None and st.examennummer_zichtbaar(lbt) else "",
        ontheven=st.zichtbaar and st.ontheven,
        opnieuw_verstuurd=st.zichtbaar and st.opnieuw_verstuurd,
        onthef=mag_muteren and regels_lbt.onthef(st).toegestaan,
        opnieuw_aanvragen=mag_muteren and regels_lbt.opnieuw_aanvragen(st).toegestaan,
        historie=lbt is not None,
    )


def lbt_historie(s: regels.Situatie) -> QuerySet[Leerbaarheidstoets]:
    """S-23 (R-LBT-5): one row per attempt of the current plicht, newest first."""
    if s.plicht is None:
        return Leerbaarheidstoets.objects.none()
    return Leerbaarheidstoets.objects.filter(plicht=s.plicht).order_by("-datum_aanmelding", "-pk")
