"""Reads behind B-9 (MAP and PVT), B-10 (deelgenomen uren) and the forms S-37…S-44. Each block costs a fixed
number of queries whatever the person's history; what a gemeente may do is `wi2021.regels`' answer."""

from dataclasses import dataclass
from datetime import date

from inburgering.models import Gemeente

from . import meldingen as m
from . import regels
from .models import (
    GEMEENTE_UREN,
    INSTELLING_UREN,
    Inburgeringsplicht,
    Instelling,
    Traject,
    Trajectresultaat,
    Urensoort,
    Urenstand,
)
from .selectors_aanbod import aanbiedingen_voor_uren

# The kind in the URL of S-43 ("Doorgeven <soort uren>"); the instelling kinds have their own page (S-44).
UREN_SLUGS = {
    "participatie": Urensoort.PARTICIPATIE,
    "participatie-taallesuren": Urensoort.PARTICIPATIE_TAALLES,
    "brede-intake": Urensoort.BREDE_INTAKE,
}
SLUG_VAN = {soort: slug for slug, soort in UREN_SLUGS.items()}


def _aanbod_voor_instelling(plicht: Inburgeringsplicht, gemeente: Gemeente) -> list[Instelling]:
    """R-UR-5 / FS 659: the instellingen where this gemeente has an actueel or niet-actueel (not ingetrokken)
    inburgeringsaanbod for the plicht."""
    return [a.instelling for a in aanbiedingen_voor_uren(plicht, gemeente)]


def aanbod_instellingen(s: regels.Situatie) -> list[Instelling]:
    """S-44's "Instelling" choices, each once, by name."""
    if s.plicht is None:
        return []
    uniek = {i.pk: i for i in _aanbod_voor_instelling(s.plicht, s.gemeente)}
    return sorted(uniek.values(), key=lambda i: (i.naam, i.plaats, i.pk))


# --- B-9 ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trajectregel:
    traject: str
    resultaat: Trajectresultaat | None
    nvt: bool  # MAP in the Onderwijsroute (R-MP-1)
    doorgeven: bool
    wijzigen: bool
    verwijderen: bool


def map_pvt_blok(v: regels.Voortgang, *, mag_muteren: bool) -> list[Trajectregel]:
    """B-9: "-" + "Geef door", or the date + "Wijzig" "Verwijder" (registering gemeente only), or NVT."""
    regels_ = []
    for traject in Traject.values:
        mag = {
            actie: mag_muteren and regels.TRAJECT_ACTIES[traject, actie](v).toegestaan
            for actie in ("doorgeven", "wijzigen", "verwijderen")
        }
        nvt = traject == Traject.MAP and regels.map_nvt(v.s)
        regels_.append(Trajectregel(traject=traject, resultaat=v.resultaten.get(traject), nvt=nvt, **mag))
    return regels_


# --- B-10 --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Urenregel:
    """A row of "Deelgenomen uren bij de gemeente": a kind with one gemeente's running total, or the kind
    without any (D-31: a row per gemeente)."""

    soort: str
    label: str
    slug: str
    stand: Urenstand | None
    geef_door: bool  # on the kind's first row


@dataclass(frozen=True)
class Instellingregel:
    """ "Uren taalles en KNM bij instelling": one gemeente's latest totals at one instelling."""

    instelling: Instelling
    gemeente: Gemeente
    standen: dict[str, Urenstand | None]

    @property
    def datum_tot(self) -> date:
        return max(stand.datum_tot for stand in self.standen.values() if stand is not None)

    @property
    def totaal(self) -> int:
        """fn 32, D-31: taalles en KNM + geoorloofd verzuim; ongeoorloofd verzuim does not count."""
        return sum(self._aantal(soort) for soort in (Urensoort.TAALLES_KNM, Urensoort.GEOORLOOFD))

    def _aantal(self, soort: str) -> int:
        stand = self.standen.get(soort)
        return stand.aantal if stand is not None else 0

    @property
    def taalles_knm(self) -> Urenstand | None:
        return self.standen.get(Urensoort.TAALLES_KNM)

    @property
    def geoorloofd(self) -> Urenstand | None:
        return self.standen.get(Urensoort.GEOORLOOFD)

    @property
    def ongeoorloofd(self) -> Urenstand | None:
        return self.standen.get(Urensoort.ONGEOORLOOFD)


@dataclass(frozen=True)
class UrenBlok:
    gemeente: list[Urenregel]
    instellingen: list[Instellingregel]
    asielstatushouder: bool
    instelling_doorgeven: bool

    gezinsmigrant_tekst = m.UREN_GEZINSMIGRANT.tekst  # D-22
    geen_uren_tekst = m.GEEN_UREN_TAALLES.tekst  # §4.k, under "LET OP"

    @property
    def totaal(self) -> int:
        """fn 32, D-31: all instellingen and gemeenten, without ongeoorloofd verzuim."""
        return sum(regel.totaal for regel in self.instellingen)


def uren_blok(v: regels.Voortgang, *, mag_muteren: bool) -> UrenBlok:
    """B-10 in one query: every gemeente's running totals (D-31), the own gemeente first."""
    s = v.s
    standen = list(
        Urenstand.objects.filter(plicht=s.plicht).select_related("gemeente", "instelling").order_by("pk")
    )
    eigen_eerst = sorted(standen, key=lambda st: (st.gemeente_id != s.gemeente.pk, st.gemeente.naam, st.pk))
    geef_door = mag_muteren and regels.uren_doorgeven(v).toegestaan
    gemeente = []
    for soort in GEMEENTE_UREN:
        van_soort = [st for st in eigen_eerst if st.soort == soort] or [None]
        for nr, stand in enumerate(van_soort):
            gemeente.append(Urenregel(soort=soort, label=Urensoort(soort).label, slug=SLUG_VAN[soort], stand=stand,
                                      geef_door=geef_door and nr == 0))  # fmt: skip
    per_instelling: dict[tuple[int, int], Instellingregel] = {}
    for stand in eigen_eerst:
        if stand.soort in INSTELLING_UREN:
            sleutel = (stand.gemeente_id, stand.instelling_id)
            regel = per_instelling.setdefault(sleutel, Instellingregel(stand.instelling, stand.gemeente, {}))
            regel.standen[stand.soort] = stand
    return UrenBlok(
        gemeente=gemeente,
        instellingen=list(per_instelling.values()),
        asielstatushouder=s.is_asielstatushouder,
        instelling_doorgeven=mag_muteren and regels.uren_instelling_doorgeven(v).toegestaan,
    )


# --- the forms ---------------------------------------------------------------------------------------------


def eigen_stand(s: regels.Situatie, soort: str, instelling: Instelling | None = None) -> Urenstand | None:
    """S-43 / S-44 "Tot nu toe doorgegeven": the own gemeente's latest total (D-31), None = `geen`."""
    return Urenstand.objects.filter(
        plicht=s.plicht, gemeente=s.gemeente, soort=soort, instelling=instelling
    ).first()


def eigen_instelling_standen(
    s: regels.Situatie, instelling: Instelling | None
) -> dict[str, Urenstand | None]:
    if instelling is None:
        return dict.fromkeys(INSTELLING_UREN)
    gevonden = {
        st.soort: st
        for st in Urenstand.objects.filter(plicht=s.plicht, gemeente=s.gemeente, instelling=instelling)
    }
    return {soort: gevonden.get(soort) for soort in INSTELLING_UREN}
