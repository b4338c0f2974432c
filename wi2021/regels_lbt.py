"""The rules of the Leerbaarheidstoets (seed 001 §3.6.5; WI2021.md R-LBT, R-ACC-10, D-23, D-44): who sees it,
when "Onthef" (S-21) and "Opnieuw aanvragen" (S-22) are possible and what S-22 needs. One function per action
returning an `Oordeel`; `services_lbt` raises it, the views and B-6 show buttons and messages from it.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from inburgering.regels import Oordeel, weiger

from . import meldingen as m
from . import regels
from .constants import LBT_OVERIG_MAX, LbtResultaat, RedenOpnieuwLbt
from .models import LbtOntheffing, Leerbaarheidstoets

LABELS = {"reden": "Reden opnieuw aanvragen", "reden_overig": "Overige reden"}


def zichtbaar(s: regels.Situatie) -> bool:
    """R-ACC-10: "alleen bij inburgeringsplichtigen uit uw eigen gemeente" — the current gemeente, not the old
    one inside its window after a move."""
    return s.rol == regels.HUIDIG


@dataclass(frozen=True)
class LbtStand:
    """What the LBT rules need beyond the Situatie, read once per request (one query)."""

    s: regels.Situatie
    # The latest LBT of the current plicht (B-6 shows it); not read where the gemeente may not see it.
    huidige: Leerbaarheidstoets | None
    ontheven: bool  # S-21 was done (only possible with an LBT, so it is read with the latest one)

    @property
    def zichtbaar(self) -> bool:
        return zichtbaar(self.s)

    def examennummer_zichtbaar(self, lbt: Leerbaarheidstoets) -> bool:
        """R-ACC-10: the new gemeente sees the previous gemeente's LBT "met uitzondering van het examenummer"."""
        return lbt.gemeente_id == self.s.gemeente.id

    @property
    def opnieuw_verstuurd(self) -> bool:
        """The gemeente asked DUO to plan the LBT again and DUO has not registered the new one yet."""
        return self.huidige is not None and self.huidige.opnieuw_aangevraagd_op is not None


def stand(s: regels.Situatie) -> LbtStand:
    if s.plicht is None or not zichtbaar(s):  # R-ACC-10: what the gemeente may not see is not read
        return LbtStand(s=s, huidige=None, ontheven=False)
    huidige = (
        Leerbaarheidstoets.objects.filter(plicht=s.plicht)
        .annotate(ontheven=Exists(LbtOntheffing.objects.filter(plicht=OuterRef("plicht"))))
        .order_by("-datum_aanmelding", "-pk")
        .first()
    )
    return LbtStand(s=s, huidige=huidige, ontheven=bool(huidige is not None and huidige.ontheven))


def onthef(st: LbtStand) -> Oordeel:
    """S-21 (R-LBT-3): the current gemeente, "zolang de Leerbaarheidstoets nog niet is afgenomen" — the current
    LBT is aangemeld or expired (DUO prepares one for every plichtige, R-LBT-6; without one there is nothing to
    exempt from yet); once, it is final."""
    oordeel = regels.muteren(st.s, alleen_huidige_gemeente=True)
    if not oordeel.toegestaan:
        return oordeel
    if st.ontheven:
        return weiger(m.LBT_AL_ONTHEVEN)
    if st.huidige is None:
        return weiger(m.LBT_GEEN_GEGEVENS)
    if st.huidige.afgenomen:
        return weiger(m.LBT_AL_AFGENOMEN)
    return oordeel


def opnieuw_aanvragen(st: LbtStand) -> Oordeel:
    """S-22 (R-LBT-4, D-23): only after result N of the current LBT (result O is DUO's to resolve), once per
    attempt; not for an ontheven person."""
    oordeel = regels.muteren(st.s, alleen_huidige_gemeente=True)
    if not oordeel.toegestaan:
        return oordeel
    if st.ontheven:
        return weiger(m.LBT_AL_ONTHEVEN)
    if st.huidige is None or st.huidige.resultaat != LbtResultaat.N:
        return weiger(m.LBT_OPNIEUW_ALLEEN_NA_N)
    if st.opnieuw_verstuurd:
        return weiger(m.LBT_AL_OPNIEUW_AANGEVRAAGD)
    return oordeel


def opnieuw_gegevens(reden: str, overig: str) -> Oordeel:
    """S-22's fields: a reason from the list (D-23); with "Overig" the own text, at most 140 characters
    (fn 15, D-21)."""
    oordeel = Oordeel()
    if reden not in RedenOpnieuwLbt.values:
        oordeel.voeg_toe(m.LBT_VELD_VERPLICHT, "reden", LABELS["reden"])
    elif reden == RedenOpnieuwLbt.OVERIG:
        if not overig.strip():
            oordeel.voeg_toe(m.LBT_VELD_VERPLICHT, "reden_overig", LABELS["reden_overig"])
        elif len(overig.strip()) > LBT_OVERIG_MAX:
            oordeel.voeg_toe(m.LBT_LENGTE_ONGELDIG, "reden_overig", LABELS["reden_overig"])
    return oordeel
