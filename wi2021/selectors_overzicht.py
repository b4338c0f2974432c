"""Reads behind the Wi2021 person pages: the Overzichtsscherm inburgeraar (S-18) and its history pages
(S-19, S-20, S-31). Each page runs a fixed number of queries however long the person's histories are;
what a gemeente may do with the person is `wi2021.regels`' answer, never decided here.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from dateutil.relativedelta import relativedelta

from inburgering.constants import Wet
from inburgering.models import Gemeente
from inburgering.regels import Melding, Oordeel, weiger
from signalen.selectors import signaaltellingen

from . import meldingen as m
from . import regels
from .constants import (
    GRATIS_POGINGEN,
    TELT_ALS_POGING,
    Examenniveau,
    Examenonderdeel,
    Examenstatus,
    Leerroute,
)
from .models import (
    DoelgroepHistorie,
    DuoMelding,
    Examenpoging,
    Inburgeringsplicht,
    PipHistorie,
    TermijnHistorie,
    Verzoek,
)
from .selectors_contactpersonen import met_koppeling

VERBLIJFSDOEL_MELDING = relativedelta(months=1)  # R-PL-4: shown through the change date + 1 month (D-06)


def situatie_bekijken(
    *, gemeente: Gemeente, pk: int, lezen: regels.Lezen | None = None
) -> tuple[regels.Situatie | None, Oordeel]:
    """The person as `gemeente` sees them and `regels.bekijken`'s answer (see `regels.situatie_van` for
    `lezen`). An unknown id answers FS 617 like a person of another gemeente, so ids reveal nothing."""
    s = regels.situatie_van(pk, gemeente, lezen=lezen)
    if s is None:
        return None, weiger(m.FS617)
    return s, regels.bekijken(s)


# --- S-18 -----------------------------------------------------------------------------------------------


def _eerdere_pipversie(pip) -> QuerySet[PipHistorie]:
    """B-7's "Historie" link: only when an earlier version exists (one row is the PIP as it is now)."""
    return PipHistorie.objects.filter(pip=pip)[1:]


def met_blokken(plichten: QuerySet[Inburgeringsplicht], gemeente: Gemeente) -> QuerySet[Inburgeringsplicht]:
    """What S-18's blocks read about the plicht, joined into the query of the person and their plicht
    (`regels.situatie_van(..., lezen=met_blokken)`; issue 15: the page in a fixed twelve queries): the MAP and
    PVT rules' reads (B-9, B-10, B-15), B-3's koppeling and B-7's "Historie" flag."""
    plichten = met_koppeling(regels.met_voortgang(plichten, gemeente), gemeente)
    return plichten.annotate(eerdere_pipversie=Exists(_eerdere_pipversie(OuterRef("pip"))))


@dataclass(frozen=True)
class Examenregel:
    examen: str
    datum: date | None
    gratis_over: int
    status: str


@dataclass(frozen=True)
class Examenblok:
    niveau: str
    regels: list[Examenregel]


@dataclass(frozen=True)
class Overzicht:
    meldingen: list[DuoMelding]  # B-1, DUO's notices inside their period
    attenties: list[Melding]  # B-1, ours: the old gemeente's "binnen 1 maand bijwerken" (M-07)
    verblijfsdoel_meldingen: list[Melding]  # B-4 (R-PL-4)
    signalen: dict[str, int]  # B-5
    pip_historie: bool  # B-7: the "Historie" link
    pip_venster_einde: date | None  # B-7 without PIP
    examens: list[Examenblok]  # B-11
    verzoeken: list[Verzoek]  # B-13


def overzicht(s: regels.Situatie) -> Overzicht:
    """Everything S-18 shows besides the situation itself (four queries with `met_blokken`, whatever the data)."""
    plicht, pip = s.plicht, s.pip
    meldingen = list(
        DuoMelding.objects.filter(persoon=s.persoon, startdatum__lte=s.vandaag, einddatum__gte=s.vandaag)
    )
    pogingen = list(
        Examenpoging.objects.filter(plicht=plicht).order_by("niveau", "onderdeel", "-datum", "-poging")
    )
    venster_start = plicht.pip_venster_start
    return Overzicht(
        meldingen=meldingen,
        attenties=[m.VERHUISD] if s.rol == regels.OUD else [],
        verblijfsdoel_meldingen=_verblijfsdoel_meldingen(s),
        signalen=signaaltellingen(persoon=s.persoon, wet=Wet.WI2021, gemeente=s.gemeente),
        pip_historie=_pip_historie(plicht, pip),
        pip_venster_einde=venster_start + regels.PIP_VENSTER if venster_start else None,
        examens=examenblokken(s, pogingen),
        verzoeken=list(Verzoek.objects.filter(plicht=plicht)),
    )


def _pip_historie(plicht, pip) -> bool:
    if pip is None:
        return False
    if hasattr(plicht, "eerdere_pipversie"):  # read with the plicht (`met_blokken`)
        return plicht.eerdere_pipversie
    return _eerdere_pipversie(pip).exists()


def _verblijfsdoel_meldingen(s: regels.Situatie) -> list[Melding]:
    plicht = s.plicht
    return [
        melding
        for melding, datum in (
            (m.VERBLIJFSDOEL_GEWIJZIGD, plicht.datum_wijziging_verblijfsdoel),
            (m.RECHTEN_OP_VERZOEK, plicht.rechten_op_verzoek_gewijzigd),
        )
        if datum is not None and datum <= s.vandaag <= datum + VERBLIJFSDOEL_MELDING
    ]


def _examen(onderdeel: str, niveau: str) -> str:
    if onderdeel == Examenonderdeel.KNM:
        return Examenonderdeel.KNM.label
    return f"{Examenonderdeel(onderdeel).label} op {niveau} niveau"


def gratis_pogingen(s: regels.Situatie, niveau: str, pogingen: list[Examenpoging]) -> int:
    """R-EX-3, D-47: asielstatushouders have two free attempts per onderdeel at the PIP niveau; passed,
    failed and "verwijtbaar" attempts use one up. Anyone else, or another niveau: none."""
    if not s.is_asielstatushouder or s.pip is None or niveau != s.pip.niveau:
        return 0
    return max(0, GRATIS_POGINGEN - sum(p.status in TELT_ALS_POGING for p in pogingen))


def examenblokken(s: regels.Situatie, pogingen: list[Examenpoging]) -> list[Examenblok]:
    """B-11 (R-EX-1, D-47): the block of the PIP niveau (not for the Z-route, where exams are optional),
    then every other niveau with attempts. `pogingen` newest first per niveau and onderdeel."""
    per_onderdeel: dict[tuple[str, str], list[Examenpoging]] = defaultdict(list)
    for poging in pogingen:
        per_onderdeel[poging.niveau, poging.onderdeel].append(poging)
    niveaus = [niveau for niveau in Examenniveau.values if any(n == niveau for n, _ in per_onderdeel)]
    pip = s.pip
    if pip is not None and pip.leerroute != Leerroute.Z and pip.niveau in Examenniveau.values:
        niveaus = [pip.niveau, *(n for n in niveaus if n != pip.niveau)]
    blokken = []
    for niveau in niveaus:
        rijen = []
        for onderdeel in Examenonderdeel.values:
            eigen = per_onderdeel.get((niveau, onderdeel), [])
            laatste = eigen[0] if eigen else None
            rijen.append(
                Examenregel(
                    examen=_examen(onderdeel, niveau),
                    datum=laatste.datum if laatste else None,
                    gratis_over=gratis_pogingen(s, niveau, eigen),
                    status=laatste.get_status_display() if laatste else Examenstatus.NOG_TE_DOEN.label,
                )
            )
        blokken.append(Examenblok(niveau=niveau, regels=rijen))
    return blokken


# --- History pages (S-19, S-20, S-31), newest first (R-PL-5) ----------------------------------------------


def doelgroephistorie(s: regels.Situatie) -> QuerySet[DoelgroepHistorie]:
    return DoelgroepHistorie.objects.filter(plicht=s.plicht).order_by("-laatste_wijziging", "-pk")


def termijnhistorie(s: regels.Situatie) -> QuerySet[TermijnHistorie]:
    return TermijnHistorie.objects.filter(plicht=s.plicht).order_by("-laatste_wijziging", "-pk")


def piphistorie(s: regels.Situatie) -> QuerySet[PipHistorie]:
    if s.pip is None:
        return PipHistorie.objects.none()
    return (
        PipHistorie.objects.filter(pip=s.pip).select_related("gemeente").order_by("-laatste_wijziging", "-pk")
    )
