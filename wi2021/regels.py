"""The Wi2021 rules layer: for each action one function that answers "may this actor do this with this
person now — and if not, which §4.2 message" (DESIGN "The rules layer"). Services raise the answer,
views show buttons and messages from it; nothing else restates a rule.

Everything a rule needs is gathered once in a `Situatie` (one query; a second for a gemeente the person does
not belong to now), so a page can ask every question it has for its buttons without running a query per button.
"""

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from inburgering.constants import Wet
from inburgering.models import Gemeente, Persoon, Verhuizing
from inburgering.regels import Melding, Oordeel, weiger

from . import meldingen as m
from .constants import NIET_PLICHTIG, VOLDAAN, Doelgroep, Leerroute, Niveau, RedenEinde, SoortInstelling
from .models import (
    TRAJECT_DATUM,
    AanbodStatus,
    EindgesprekZRoute,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    Instelling,
    Pip,
    PipHistorie,
    Traject,
    Trajectresultaat,
    Urenstand,
)

EERSTE_DAGTEKENING = date(2022, 1, 1)  # a Wi2021 plicht never starts earlier (D-08)
CORRECTIETERMIJN = timedelta(days=14)  # the initial PIP is final two weeks after registration (D-06)
OUDE_GEMEENTE_VENSTER = timedelta(days=28)  # D-03
PIP_VENSTER = timedelta(days=70)  # 10 weeks (M-05)
GRATIE_NA_INTREKKING = relativedelta(months=1)  # FS 674 (D-05)
TERMIJN = relativedelta(years=3)  # D-33
LEERROUTE_WIJZIGEN = relativedelta(months=18)  # D-11
DERTIG_DAGEN = timedelta(days=30)  # D-13
Z_ROUTE_PARTICIPATIE_UREN = 800  # seed 004 §3.4.4; the ceiling of FS 656 (D-15)

HUIDIG, OUD = "huidig", "oud"

LABELS = {
    "dagtekening": "Datum dagtekening PIP",
    "dagtekening_initieel": "Datum dagtekening initiële PIP",
    "dagtekening_gewijzigd": "Datum dagtekening gewijzigde PIP",
    "leerroute": "Leerroute",
    "niveau": "Niveau",
    "alfabetisering": "Alfabetisering",
    "geschatte_uren": "Geschatte uren intensiteit in de opleiding",
    "aangepaste_uren_participatie": "Aangepaste uren belastbaarheid participatie-activiteit",
}


@dataclass(frozen=True)
class Situatie:
    """A person as one gemeente sees them today."""

    persoon: Persoon
    gemeente: Gemeente
    vandaag: date
    plicht: Inburgeringsplicht | None  # the most recent one (M-01)
    pip: Pip | None
    rol: str | None  # HUIDIG: lives there or COA-coupled; OUD: moved away, inside the window; else None
    venster_tot: date | None = None  # OUD: the last day of the window; None while it is open-ended

    @property
    def is_asielstatushouder(self) -> bool:
        return self.plicht is not None and self.plicht.doelgroep == Doelgroep.ASIELSTATUSHOUDER

    @property
    def pip_in_correctietermijn(self) -> bool:
        return self.pip is not None and not self.pip.definitief


def _plichten() -> QuerySet[Inburgeringsplicht]:
    """Plichten with the PIP and the PIP's gemeente, and the eindgesprek Z-route (B-15 and the FS 629 hook read
    with it)."""
    return Inburgeringsplicht.objects.select_related("pip__gemeente", "eindgesprek_z_route")


def _huidige_plicht(
    plichten: QuerySet[Inburgeringsplicht], persoon: Persoon | int
) -> Inburgeringsplicht | None:
    """The person's current plicht from `plichten`. Picked by its id rather than by ordering the rows with their
    joins: PostgreSQL plans the joins of one known row in half the time."""
    huidige = Inburgeringsplicht.objects.filter(persoon=persoon).huidige_eerst().values("pk")[:1]
    return next(iter(plichten.filter(pk=Subquery(huidige)).order_by()), None)


def situatie(persoon: Persoon, gemeente: Gemeente, vandaag: date | None = None) -> Situatie:
    return _situatie(persoon, gemeente, _huidige_plicht(_plichten(), persoon), vandaag)


Lezen = Callable[[QuerySet[Inburgeringsplicht], Gemeente], QuerySet[Inburgeringsplicht]]


def situatie_van(
    pk: int, gemeente: Gemeente, vandaag: date | None = None, *, lezen: Lezen | None = None
) -> Situatie | None:
    """`situatie` of the person with id `pk` (None: no such person), read together with their current plicht;
    the person alone only when they have none. `lezen(plichten, gemeente)` may join a page's own reads into
    that query (such as `met_voortgang`); they ride along on `Situatie.plicht`."""
    plichten = _plichten().select_related("persoon__woongemeente")
    plicht = _huidige_plicht(lezen(plichten, gemeente) if lezen else plichten, pk)
    persoon = (
        plicht.persoon if plicht else Persoon.objects.select_related("woongemeente").filter(pk=pk).first()
    )
    if persoon is None:
        return None
    return _situatie(persoon, gemeente, plicht, vandaag)


def _situatie(
    persoon: Persoon, gemeente: Gemeente, plicht: Inburgeringsplicht | None, vandaag: date | None
) -> Situatie:
    vandaag = vandaag or timezone.localdate()
    pip = getattr(plicht, "pip", None) if plicht else None
    rol, venster_tot = _rol(persoon, gemeente, pip, vandaag)
    return Situatie(
        persoon=persoon,
        gemeente=gemeente,
        vandaag=vandaag,
        plicht=plicht,
        pip=pip,
        rol=rol,
        venster_tot=venster_tot,
    )


def _rol(
    persoon: Persoon, gemeente: Gemeente, pip: Pip | None, vandaag: date
) -> tuple[str | None, date | None]:
    """R-ACC-1, R-ACC-5 and D-03: the current gemeente (woongemeente or COA koppeling), or an old gemeente
    from the move until 28 days after the new gemeente registered its PIP. The AZC gemeente a person
    settled away from never had them (D-30). Only another gemeente than the current one reads: the last move
    away from it with the first PIP registration of another gemeente since that day (one query)."""
    if gemeente.id in (persoon.woongemeente_id, persoon.toekomstige_gemeente_id):
        return HUIDIG, None
    vertrekken = Verhuizing.objects.filter(persoon=persoon, van_gemeente=gemeente, uit_azc=False)
    vertrekken = vertrekken.order_by("-datum")
    if pip is not None:
        vertrekken = vertrekken.annotate(
            nieuwe_pip=Subquery(
                PipHistorie.objects.filter(pip=pip, laatste_wijziging__date__gte=OuterRef("datum"))
                .exclude(gemeente=gemeente)
                .order_by("laatste_wijziging")
                .values("laatste_wijziging")[:1]
            )
        )
    vertrek = vertrekken.first()
    if vertrek is None:
        return None, None
    if pip is None or vertrek.nieuwe_pip is None:
        return OUD, None
    tot = timezone.localdate(vertrek.nieuwe_pip) + OUDE_GEMEENTE_VENSTER
    return (OUD, tot) if vandaag <= tot else (None, None)


# --- Viewing (§4.2 a) -------------------------------------------------------------------------------


def bekijken(s: Situatie) -> Oordeel:
    """FS 636 / FS 617 / FS 655 refuse; AS 602 is shown above the data (R-ACC-3)."""
    if s.persoon.wet != Wet.WI2021:
        return weiger(m.FS636)
    if s.rol is None:
        return weiger(m.FS617)
    if s.plicht is None:
        return weiger(m.FS655)
    oordeel = Oordeel()
    if s.persoon.datum_overlijden:
        oordeel.voeg_toe(m.AS602)
    return oordeel


# --- Common to every mutation (§4.2 b–h; order as WI2021.md section 4) ----------------------------------


def muteren(s: Situatie, *, alleen_huidige_gemeente: bool = False, tijdelijk_gratie: bool = False) -> Oordeel:
    """FS 636, FS 617, FS 602, FS 655, FS 675, FS 674. `alleen_huidige_gemeente`: the old gemeente may not
    (D-37). `tijdelijk_gratie`: uren/MAP/PVT stay possible for a month after a tijdelijke vrijstelling (D-05)."""
    if s.persoon.wet != Wet.WI2021:
        return weiger(m.FS636)
    if s.rol is None or (alleen_huidige_gemeente and s.rol != HUIDIG):
        return weiger(m.FS617)
    if s.persoon.datum_overlijden:
        return weiger(m.FS602)
    plicht = s.plicht
    if plicht is None or plicht.reden_einde in NIET_PLICHTIG:
        return weiger(m.FS655)
    if plicht.reden_einde in VOLDAAN:
        return weiger(m.FS675)
    if (
        plicht.reden_einde == RedenEinde.INGETROKKEN
        and s.vandaag > (plicht.datum_einde or s.vandaag) + GRATIE_NA_INTREKKING
    ):
        return weiger(m.FS674)
    if plicht.reden_einde == RedenEinde.TIJDELIJK and not (
        tijdelijk_gratie and s.vandaag <= (plicht.datum_einde or s.vandaag) + GRATIE_NA_INTREKKING
    ):
        return weiger(m.FS655)
    return Oordeel()


# --- PIP (§3.6.6, §4.2 b and c) -----------------------------------------------------------------------

BESTAAT_AL = Melding("", "Voor deze inburgeringsplicht is al een PIP doorgegeven. Wijzig het bestaande PIP.")
INITIEEL_VAST = Melding(
    "",
    "De datum dagtekening initiële PIP is definitief vastgelegd en kan alleen met het mutatieformulier worden "
    "gecorrigeerd.",
)


def pip_doorgeven(s: Situatie) -> Oordeel:
    """The "Geef door" of B-7 (S-24): only the current gemeente, only without a PIP (R-PIP-4, D-37)."""
    oordeel = muteren(s, alleen_huidige_gemeente=True)
    if oordeel.toegestaan and s.pip is not None:
        return weiger(BESTAAT_AL)
    return oordeel


def pip_wijzigen(s: Situatie) -> Oordeel:
    """The "Wijzig" of B-7 (S-27): the current gemeente, also to re-establish another gemeente's PIP
    after a move (R-ACC-7, D-37)."""
    oordeel = muteren(s, alleen_huidige_gemeente=True)
    if oordeel.toegestaan and s.pip is None:
        return weiger(m.FS643)
    return oordeel


def pip_verwijderen(s: Situatie) -> Oordeel:
    """S-30: only inside the two-week window (FS 645), only a current PIP (FS 643)."""
    oordeel = muteren(s, alleen_huidige_gemeente=True)
    if not oordeel.toegestaan:
        return oordeel
    if s.pip is None or not s.pip.actief:
        return weiger(m.FS643)
    if s.pip.definitief:
        return weiger(m.FS645)
    return oordeel


def correctietermijn_einde(pip: Pip) -> date:
    """The last day the initial PIP may still be corrected or deleted (D-06: registered on D → D+13)."""
    return timezone.localdate(pip.initieel_geregistreerd_op) + CORRECTIETERMIJN - timedelta(days=1)


def standaard_niveau(leerroute: str) -> str:
    """The matrix's "Systeem vult automatisch het standaard niveau in" (D-10); Z-route: niet van toepassing."""
    return Niveau.NVT if leerroute == Leerroute.Z else Niveau.B1


def pip_gegevens(s: Situatie, data: dict[str, Any], *, wijziging: bool) -> Oordeel:
    """The field rules of a PIP (§4.2 b, R-PIP-5…R-PIP-17) on cleaned data. `data` holds dagtekening
    (initial: "Datum dagtekening PIP"; wijziging: "Datum dagtekening gewijzigde PIP"), and on a
    wijziging inside the window dagtekening_initieel; leerroute, niveau, alfabetisering, geschatte_uren,
    aangepaste_uren_participatie, toestemming_nvo."""
    oordeel = Oordeel()
    plicht = s.plicht
    veld = "dagtekening"
    label = LABELS["dagtekening_gewijzigd" if wijziging else "dagtekening"]
    te_vroeg = m.FS638 if wijziging else m.FS677
    datums = [(veld, label, data.get(veld))]
    if wijziging and "dagtekening_initieel" in data:
        datums.append(("dagtekening_initieel", LABELS["dagtekening_initieel"], data["dagtekening_initieel"]))
    for naam, naam_label, datum in datums:
        if datum is None:
            if naam == veld:
                oordeel.voeg_toe(m.VELD_VERPLICHT, naam, naam_label)
            continue
        if datum > s.vandaag:
            oordeel.voeg_toe(m.DATUM_IN_TOEKOMST, naam, naam_label)
        elif datum < EERSTE_DAGTEKENING or (plicht and datum < plicht.datum_start):
            oordeel.voeg_toe(m.FS677 if naam == "dagtekening_initieel" else te_vroeg, naam)
        elif datum < s.vandaag - DERTIG_DAGEN and (not wijziging or datum != _huidige(s, naam)):
            oordeel.voeg_toe(m.DERTIG_DAGEN, naam)
    initieel = data.get("dagtekening_initieel", s.pip.dagtekening_initieel if s.pip else None)
    if wijziging and s.pip and s.pip.definitief and initieel != s.pip.dagtekening_initieel:
        oordeel.voeg_toe(INITIEEL_VAST, "dagtekening_initieel")

    leerroute, niveau = data.get("leerroute") or "", data.get("niveau") or ""
    if not leerroute:
        oordeel.voeg_toe(m.VELD_VERPLICHT, "leerroute", LABELS["leerroute"])
    elif niveau:
        # The matrix of §4.2 b: FS 641 blocks, AS 605 asks for confirmation.
        if (leerroute, niveau) in {(Leerroute.O, Niveau.A2), (Leerroute.Z, Niveau.B1), (Leerroute.O, Niveau.NVT),
                                   (Leerroute.B1, Niveau.NVT)}:  # fmt: skip
            oordeel.voeg_toe(m.FS641, "niveau")
        elif (leerroute, niveau) in {(Leerroute.B1, Niveau.A2), (Leerroute.Z, Niveau.A2)}:
            oordeel.voeg_toe(m.AS605, "niveau")
    if not data.get("alfabetisering"):
        oordeel.voeg_toe(m.VELD_VERPLICHT, "alfabetisering", LABELS["alfabetisering"])

    asiel_b1 = s.is_asielstatushouder and leerroute == Leerroute.B1
    uren = data.get("geschatte_uren")
    if asiel_b1 and uren is None:
        oordeel.voeg_toe(m.VELD_VERPLICHT, "geschatte_uren", LABELS["geschatte_uren"])  # also R-PIP-17
    elif leerroute and not asiel_b1 and uren is not None:
        oordeel.voeg_toe(m.ALLEEN_ASIEL_B1, "geschatte_uren", LABELS["geschatte_uren"])
    aangepast = data.get("aangepaste_uren_participatie")
    if aangepast is not None and aangepast > Z_ROUTE_PARTICIPATIE_UREN:
        oordeel.voeg_toe(m.FS656, "aangepaste_uren_participatie")

    if wijziging and s.pip is not None:
        if leerroute and leerroute != s.pip.leerroute and _leerroute_termijn_voorbij(s, leerroute):
            oordeel.voeg_toe(m.ACHTTIEN_MAANDEN, "leerroute")
        if oordeel.toegestaan and _ongewijzigd(s.pip, data):
            oordeel.voeg_toe(m.FS640)
    if leerroute == Leerroute.O and s.is_asielstatushouder and not aanbod_met_startdatum(s):
        # AS 606 (D-14): an Onderwijsroute PIP needs an aanbod with a Datum start opleiding.
        oordeel.voeg_toe(m.AS606, "leerroute")
    return oordeel


def _huidige(s: Situatie, veld: str):
    if s.pip is None:
        return None
    return s.pip.dagtekening_initieel if veld == "dagtekening_initieel" else s.pip.dagtekening


def _leerroute_termijn_voorbij(s: Situatie, nieuwe: str) -> bool:
    """D-11: more than 18 months after the termijn started; never for Onderwijsroute → B1-route."""
    plicht = s.plicht
    if plicht is None or plicht.termijn_start is None:
        return False
    if s.pip and s.pip.leerroute == Leerroute.O and nieuwe == Leerroute.B1:
        return False
    return s.vandaag > plicht.termijn_start + LEERROUTE_WIJZIGEN


VERGELEKEN = ("dagtekening", "leerroute", "niveau", "alfabetisering", "geschatte_uren",
              "aangepaste_uren_participatie", "toestemming_nvo")  # fmt: skip


def _ongewijzigd(pip: Pip, data: dict[str, Any]) -> bool:
    """FS 640: every field equal to the current PIP, the dagtekening of the change included."""
    return all(getattr(pip, veld) == data.get(veld, getattr(pip, veld)) for veld in VERGELEKEN) and (
        data.get("dagtekening_initieel", pip.dagtekening_initieel) == pip.dagtekening_initieel
    )


# --- MAP and PVT (§3.6.8, §3.6.9, §4.2 f and g) and deelgenomen uren (§3.6.10, §4.2 h) ---------------------
# Every mutation here may still be done in the month after a tijdelijke vrijstelling (D-05) and by the old
# gemeente inside its window after a move (D-03, R-ACC-5, R-UR-10): `muteren(..., tijdelijk_gratie=True)`.


@dataclass(frozen=True)
class Voortgang:
    """What the MAP, PVT and uren rules need beyond the Situatie, read once per request."""

    s: Situatie
    eigen_pip: bool  # D-04, FS 657
    resultaten: Mapping[str, Trajectresultaat]  # per Traject
    eindgesprek: bool  # D-16
    eindgesprek_z_route: EindgesprekZRoute | None = None  # B-15, R-Z


# `voortgang`'s reads as joins and a flag in the plicht query, for a page that must save queries (S-18); each
# join matches at most one row (wi2021_traject_uniek).
_RESULTAAT = {traject: f"resultaat_{traject.lower()}" for traject in Traject.values}


def _eigen_pip_historie(pip, gemeente: Gemeente) -> QuerySet[PipHistorie]:
    return PipHistorie.objects.filter(pip=pip, gemeente=gemeente)


def met_voortgang(plichten: QuerySet[Inburgeringsplicht], gemeente: Gemeente) -> QuerySet[Inburgeringsplicht]:
    """`plichten` with what `voortgang` reads: the MAP and PVT results and whether `gemeente` ever registered
    the PIP (`situatie_van(..., lezen=met_voortgang)`)."""
    resultaten = {
        alias: FilteredRelation("trajectresultaten", condition=Q(trajectresultaten__traject=traject))
        for traject, alias in _RESULTAAT.items()
    }
    return plichten.annotate(
        eigen_pip_historie=Exists(_eigen_pip_historie(OuterRef("pip"), gemeente)), **resultaten
    ).select_related(*resultaten)


def _met_voortgang_gelezen(s: Situatie) -> bool:
    return s.plicht is not None and hasattr(s.plicht, "eigen_pip_historie")


def voortgang(s: Situatie) -> Voortgang:
    if _met_voortgang_gelezen(s):
        gelezen = {traject: getattr(s.plicht, alias, None) for traject, alias in _RESULTAAT.items()}
        resultaten = {traject: r for traject, r in gelezen.items() if r is not None}  # no match: nothing set
    elif s.plicht is not None:
        resultaten = {r.traject: r for r in Trajectresultaat.objects.filter(plicht=s.plicht)}
    else:
        resultaten = {}
    gesprek = eindgesprek_z_route(s)
    return Voortgang(
        s=s,
        eigen_pip=heeft_eigen_pip(s),
        resultaten=resultaten,
        eindgesprek=gesprek is not None,
        eindgesprek_z_route=gesprek,
    )


def heeft_eigen_pip(s: Situatie) -> bool:
    """D-04 (FS 657 "actuele PIP voor de opvoerende gemeente"): this gemeente registered or re-established the
    PIP of the current plicht, even if a later gemeente's PIP superseded it — so the old gemeente can finish
    its uren, MAP and PVT in its window, and the new gemeente must first re-establish the PIP."""
    if s.pip is None:
        return False
    if s.pip.gemeente_id == s.gemeente.pk:
        return True
    if _met_voortgang_gelezen(s):
        return s.plicht.eigen_pip_historie
    return _eigen_pip_historie(s.pip, s.gemeente).exists()


def eindgesprek_z_route(s: Situatie) -> EindgesprekZRoute | None:
    """The eindgesprek Z-route registered for the current plicht (B-15), final or still in its window."""
    if s.plicht is None:
        return None
    # Read with the plicht (`situatie`); a missing reverse one-to-one raises an AttributeError subclass.
    return getattr(s.plicht, "eindgesprek_z_route", None)


def eindgesprek_z_route_doorgegeven(s: Situatie) -> bool:
    """FS 629 hook (D-16): is an eindgesprek Z-route registered for the current plicht? Then the PVT counts as
    completed (FS 629) and MAP may not change either, so the eindgesprek never lies before them (D-25)."""
    return eindgesprek_z_route(s) is not None


def map_nvt(s: Situatie) -> bool:
    """R-MP-1: MAP is no part of the Onderwijsroute: B-9 shows NVT and offers no action."""
    return s.pip is not None and s.pip.leerroute == Leerroute.O


# Per traject: another gemeente's result (R-ACC-9), a change after the eindgesprek (D-16), the date texts.
_ANDERE_GEMEENTE = {Traject.MAP: m.FS667, Traject.PVT: m.FS627}
_NA_EINDGESPREK = {Traject.MAP: m.MAP_EINDGESPREK, Traject.PVT: m.FS629}
_IN_TOEKOMST = {Traject.MAP: m.MAP_DATUM_IN_TOEKOMST, Traject.PVT: m.PVT_DATUM_IN_TOEKOMST}
_VOOR_START = {Traject.MAP: m.MAP_DATUM_VOOR_START, Traject.PVT: m.PVT_DATUM_VOOR_START}


def _traject_doorgeven(v: Voortgang, traject: str) -> Oordeel:
    oordeel = muteren(v.s, tijdelijk_gratie=True)
    if not oordeel.toegestaan:
        return oordeel
    if traject == Traject.MAP and map_nvt(v.s):
        return weiger(m.MAP_NVT)
    if traject in v.resultaten:
        return weiger(m.TRAJECT_AL_DOORGEGEVEN, None, "", traject)
    if not v.eigen_pip:
        return weiger(m.FS657)
    return oordeel


def _traject_bestaand(v: Voortgang, traject: str, *, wijziging: bool) -> Oordeel:
    oordeel = muteren(v.s, tijdelijk_gratie=True)
    if not oordeel.toegestaan:
        return oordeel
    if traject == Traject.MAP and map_nvt(v.s):
        return weiger(m.MAP_NVT)
    resultaat = v.resultaten.get(traject)
    if resultaat is None:
        return weiger(m.TRAJECT_NIET_DOORGEGEVEN, None, "", traject)
    if resultaat.gemeente_id != v.s.gemeente.pk:
        return weiger(_ANDERE_GEMEENTE[traject])
    if v.eindgesprek:
        return weiger(_NA_EINDGESPREK[traject])
    if wijziging and not v.eigen_pip:  # §4.2 f7/g9 "Bij opvoeren/wijzigen"; a wrong entry may always go
        return weiger(m.FS657)
    return oordeel


def map_doorgeven(v: Voortgang) -> Oordeel:
    """B-9 "Geef door" behind MAP (S-37)."""
    return _traject_doorgeven(v, Traject.MAP)


def map_wijzigen(v: Voortgang) -> Oordeel:
    """B-9 "Wijzig" behind MAP (S-38): FS 667, D-16, FS 657."""
    return _traject_bestaand(v, Traject.MAP, wijziging=True)


def map_verwijderen(v: Voortgang) -> Oordeel:
    """B-9 "Verwijder" behind MAP (S-39): FS 667, D-16."""
    return _traject_bestaand(v, Traject.MAP, wijziging=False)


def pvt_doorgeven(v: Voortgang) -> Oordeel:
    """B-9 "Geef door" behind PVT (S-40)."""
    return _traject_doorgeven(v, Traject.PVT)


def pvt_wijzigen(v: Voortgang) -> Oordeel:
    """B-9 "Wijzig" behind PVT (S-41): FS 627, FS 629, FS 657."""
    return _traject_bestaand(v, Traject.PVT, wijziging=True)


def pvt_verwijderen(v: Voortgang) -> Oordeel:
    """B-9 "Verwijder" behind PVT (S-42): FS 627, FS 629."""
    return _traject_bestaand(v, Traject.PVT, wijziging=False)


TRAJECT_ACTIES = {
    (Traject.MAP, "doorgeven"): map_doorgeven,
    (Traject.MAP, "wijzigen"): map_wijzigen,
    (Traject.MAP, "verwijderen"): map_verwijderen,
    (Traject.PVT, "doorgeven"): pvt_doorgeven,
    (Traject.PVT, "wijzigen"): pvt_wijzigen,
    (Traject.PVT, "verwijderen"): pvt_verwijderen,
}


def ondergrens(s: Situatie) -> date:
    """D-09: the lower bound of MAP, PVT and uren dates is the start of the current inburgeringsplicht (the
    §4.2 texts say "termijn", which only exists once the PIP is final; the texts stay verbatim)."""
    return s.plicht.datum_start


def bovengrens(s: Situatie) -> date | None:
    """D-09: the upper bound of the uren is the end of the plicht when it ended (mutations then being possible
    only in the D-05 grace month), else none besides "not in the future"."""
    return s.plicht.datum_einde if s.plicht.reden_einde else None


def traject_datum(v: Voortgang, traject: str, datum: date | None, *, wijziging: bool) -> Oordeel:
    """The date of S-37…S-41 (R-MP-3, f11–f13, g12–g14; "Datum is ongeldig" is the form's), and FS 640
    (R-MP-7) when a change keeps the same date."""
    oordeel = Oordeel()
    if datum is None:
        oordeel.voeg_toe(m.VELD_VERPLICHT, "datum", TRAJECT_DATUM[traject])
    elif datum > v.s.vandaag:
        oordeel.voeg_toe(_IN_TOEKOMST[traject], "datum", TRAJECT_DATUM[traject])
    elif datum < ondergrens(v.s):
        oordeel.voeg_toe(_VOOR_START[traject], "datum", TRAJECT_DATUM[traject])
    elif wijziging and traject in v.resultaten and datum == v.resultaten[traject].datum:
        oordeel.voeg_toe(m.FS640)
    return oordeel


UREN_LABELS = {
    "aantal": "Nieuw totaal aantal uren",
    "datum_tot": "Datum totaal aantal uren",
    "instelling": "Instelling",
    "soort_instelling": "Soort instelling",
    "6": "Uren taalles en KNM",
    "8": "Geoorloofd verzuim",
    "9": "Ongeoorloofd verzuim",
}


def uren_doorgeven(v: Voortgang) -> Oordeel:
    """B-10 "Geef door" of a gemeente kind (S-43): FS 657 (R-UR-6, D-04). M-30: the doelgroep restricts
    nothing here — the §3.6.10.1 table says for whom the hours must be reported."""
    oordeel = muteren(v.s, tijdelijk_gratie=True)
    if oordeel.toegestaan and not v.eigen_pip:
        return weiger(m.FS657)
    return oordeel


def uren_instelling_doorgeven(v: Voortgang) -> Oordeel:
    """B-10 "+ Uren taalles en KNM bij instelling doorgeven" (S-44): the only doelgroep refusal of the uren,
    gezinsmigranten (R-UR-1, M-30; their instellingen report to DUO themselves)."""
    oordeel = muteren(v.s, tijdelijk_gratie=True)
    if oordeel.toegestaan and not v.s.is_asielstatushouder:
        return weiger(m.UREN_GEZINSMIGRANT)
    return oordeel


def _datum_tot(s: Situatie, oordeel: Oordeel, datum: date | None, vorige: Collection[date]) -> None:
    """R-UR-3, R-UR-4, h14–h18, FS 666: the "Datum totaal aantal uren" against the plicht (D-09) and the
    previous registrations of the same kind (and instelling) of this gemeente (D-31); equal is allowed."""
    veld, label = "datum_tot", UREN_LABELS["datum_tot"]
    grens = bovengrens(s)
    if datum is None:
        oordeel.voeg_toe(m.UREN_VELD_VERPLICHT, veld, label)
    elif datum > s.vandaag:
        oordeel.voeg_toe(m.UREN_IN_TOEKOMST, veld)
    elif datum < ondergrens(s):
        oordeel.voeg_toe(m.UREN_VOOR_START, veld)
    elif grens is not None and datum > grens:
        oordeel.voeg_toe(m.UREN_NA_EINDE, veld)
    elif any(datum < eerder for eerder in vorige):
        oordeel.voeg_toe(m.FS666, veld)


def uren_gegevens(
    s: Situatie,
    *,
    aantal: int | None,
    datum_tot: date | None,
    vorige: Urenstand | None,
    instelling_gevuld: bool,
) -> Oordeel:
    """S-43: a new total of a gemeente kind. FS 660 guards against an instelling posted with it."""
    oordeel = Oordeel()
    if instelling_gevuld:
        oordeel.voeg_toe(m.FS660)
    if aantal is None:
        oordeel.voeg_toe(m.UREN_VELD_VERPLICHT, "aantal", UREN_LABELS["aantal"])
    _datum_tot(s, oordeel, datum_tot, [vorige.datum_tot] if vorige else [])
    return oordeel


def toegestane_soorten_instelling(s: Situatie, gekozen: str = "") -> set[str]:
    """R-UR-7: only for the Onderwijsroute a choice between Blik op Werk and taalschakel; otherwise BoW."""
    if s.pip is not None and s.pip.leerroute == Leerroute.O:
        return {gekozen} if gekozen in SoortInstelling.values else set(SoortInstelling.values)
    return {SoortInstelling.BOW}


def uren_instelling_gegevens(
    s: Situatie,
    *,
    instelling: Instelling | None,
    soort_instelling: str,
    aanbod: Collection[int],
    totalen: Mapping[str, int | None],
    datum_tot: date | None,
    vorige: Mapping[str, Urenstand | None],
) -> Oordeel:
    """S-44 (D-17): up to three totals of one instelling with one date. FS 646 for an empty or unknown
    instelling (also type 6, D-18) or one of a soort the leerroute does not offer; FS 659 without an actueel
    or niet-actueel aanbod of this gemeente there (`aanbod`: those instellingen' ids); at least one total."""
    oordeel = Oordeel()
    if instelling is None or instelling.soort not in toegestane_soorten_instelling(s, soort_instelling):
        oordeel.voeg_toe(m.FS646_UREN, "instelling")
    elif instelling.pk not in aanbod:
        oordeel.voeg_toe(m.FS659, "instelling")
    gevuld = [soort for soort, aantal in totalen.items() if aantal is not None]
    if not gevuld:
        oordeel.voeg_toe(m.UREN_VELD_VERPLICHT, "6", UREN_LABELS["6"])
    eerder = [vorige[soort].datum_tot for soort in gevuld if vorige.get(soort) is not None]
    _datum_tot(s, oordeel, datum_tot, eerder)
    return oordeel


# === Inburgeringsaanbod (§3.6.7, §4.2 d and e, R-AB-1…R-AB-15) ===========================================
#
# The aanbod rules take the plicht's aanbiedingen (`selectors_aanbod.aanbiedingen`, one query) next to the
# Situatie, so S-32 can ask for every row's buttons without a query per row.

INTREKKEN_TOT = relativedelta(months=30)  # R-AB-12, e11: "2,5 jaar (30 maanden)" after the termijn started
ONDERWIJSROUTE_START = relativedelta(months=6)  # R-AB-8: a hint only (D-32)

AANBOD_LABELS = {
    "soort_instelling": "Soort instelling",
    "instelling": "Instelling",
    "datum_inschrijving": "Datum inschrijving instelling",
    "datum_start": "Datum start opleiding",
    "datum_einde": "Datum einde opleiding",
    "alfabetisering": "Alfabetisering onderdeel van de opleiding",
}


def aanbod_bijwerkbaar(s: Situatie, aanbod: Inburgeringsaanbod) -> bool:
    """Still changeable by its gemeente: actueel, or niet actueel for at most 28 days after its "datum geldig
    tot" (R-ACC-6, D-03: the same boundary as the old gemeente's window)."""
    if aanbod.status == AanbodStatus.ACTUEEL:
        return True
    return (
        aanbod.status == AanbodStatus.NIET_ACTUEEL and s.vandaag <= aanbod.geldig_tot + OUDE_GEMEENTE_VENSTER
    )


def aanbod_getoond(s: Situatie, aanbod: Inburgeringsaanbod) -> bool:
    """A row of S-32 and B-8: the actueel aanbiedingen, and the own ones the gemeente may still finish after
    a move; the rest is history (S-36)."""
    return aanbod.status == AanbodStatus.ACTUEEL or (
        aanbod.gemeente_id == s.gemeente.id and aanbod_bijwerkbaar(s, aanbod)
    )


def _aanbod_mogelijk(s: Situatie) -> Oordeel:
    """R-AB-1 (asielstatushouders only) and R-AB-2 / FS 643 (only after a PIP)."""
    if not s.is_asielstatushouder:
        return weiger(m.AANBOD_GEZINSMIGRANT)
    if s.pip is None or not s.pip.actief:
        return weiger(m.FS643)
    return Oordeel()


def aanbod_toevoegen(s: Situatie) -> Oordeel:
    """S-33 "Voeg inburgeringsaanbod toe": only the current gemeente — an old gemeente may not register a new
    aanbod after a move (R-ACC-6) — for an asielstatushouder with a PIP."""
    oordeel = muteren(s, alleen_huidige_gemeente=True)
    return oordeel if not oordeel.toegestaan else _aanbod_mogelijk(s)


def _niet_gevonden(s: Situatie, aanbod: Inburgeringsaanbod | None, aanbiedingen) -> Oordeel:
    """e9 / e10: no aanbod of this person (for this instelling) that can still be changed."""
    if aanbod is None or not any(aanbod_bijwerkbaar(s, a) for a in aanbiedingen):
        return weiger(m.GEEN_AANBOD_VOOR_ZAKENPARTNER, None, "", s.persoon.bsn)
    return weiger(m.GEEN_AANBOD_VOOR_INSTELLING, None, "", s.persoon.bsn, aanbod.instelling.naam)


def _na_venster(s: Situatie, aanbod: Inburgeringsaanbod | None) -> bool:
    """d16: the gemeente's own aanbod stopped being actueel more than 28 days ago (D-03)."""
    return (
        aanbod is not None
        and aanbod.gemeente_id == s.gemeente.id
        and aanbod.status == AanbodStatus.NIET_ACTUEEL
        and s.vandaag > aanbod.geldig_tot + OUDE_GEMEENTE_VENSTER
    )


def aanbod_wijzigen(s: Situatie, aanbod: Inburgeringsaanbod | None, aanbiedingen) -> Oordeel:
    """S-34 "Wijzig": only the gemeente's own aanbod (R-ACC-7); the old gemeente inside its window too
    (R-ACC-6). After the window the aanbod answers FS 999 "Wijzigen aanbod niet meer mogelijk" where other
    mutations answer FS 617 (D-03)."""
    oordeel = muteren(s)
    if _na_venster(s, aanbod) and (oordeel.toegestaan or oordeel.eerste_fout.melding == m.FS617):
        return weiger(m.WIJZIGEN_AANBOD_NIET_MEER)
    if not oordeel.toegestaan:
        return oordeel
    if aanbod is not None and aanbod.gemeente_id != s.gemeente.id:
        return weiger(m.AANBOD_ANDERE_GEMEENTE)
    if aanbod is None or not aanbod_bijwerkbaar(s, aanbod):
        return _niet_gevonden(s, aanbod, aanbiedingen)
    return _aanbod_mogelijk(s)


def aanbod_intrekken(s: Situatie, aanbod: Inburgeringsaanbod | None, aanbiedingen) -> Oordeel:
    """S-35 "Verwijder" (§4.2 e): the gemeente's own aanbod that can still be changed — the old gemeente
    until 4 weeks after the new PIP (R-ACC-6) — and not after the termijn is 30 months old (e11)."""
    oordeel = muteren(s)
    if not oordeel.toegestaan:
        return oordeel
    if aanbod is not None and aanbod.gemeente_id != s.gemeente.id:
        return weiger(m.AANBOD_ANDERE_GEMEENTE)
    if aanbod is None or not aanbod_bijwerkbaar(s, aanbod):
        return _niet_gevonden(s, aanbod, aanbiedingen)
    termijn_start = s.plicht.termijn_start
    if termijn_start is not None and s.vandaag > termijn_start + INTREKKEN_TOT:
        return weiger(m.INTREKKEN_NA_TWEEENHALF_JAAR)
    return oordeel


def toegestane_soorten(leerroute: str) -> tuple[str, ...]:
    """R-AB-4: Blik op Werk instellingen; for the Onderwijsroute also the erkende taalschakelinstellingen."""
    if leerroute == Leerroute.O:
        return (SoortInstelling.BOW, SoortInstelling.TAALSCHAKEL)
    return (SoortInstelling.BOW,)


def aanbod_termijn(s: Situatie) -> tuple[date | None, date]:
    """FS 673's period: the inburgeringstermijn, or without one (the PIP not final yet) up to 3 years after
    the dagtekening initiële PIP (§4.2 d12, D-33)."""
    plicht, pip = s.plicht, s.pip
    if plicht.termijn_start is not None and plicht.termijn_einde is not None:
        return plicht.termijn_start, plicht.termijn_einde
    return None, pip.dagtekening_initieel + TERMIJN


def aanbod_gegevens(
    s: Situatie, data: dict[str, Any], *, aanbiedingen, aanbod: Inburgeringsaanbod | None = None
) -> Oordeel:
    """The field rules of §4.2 d on cleaned data: instelling (an Instelling or None) and soort_instelling on
    a new aanbod only — "Instelling" is read-only on S-34 — datum_inschrijving, datum_start, datum_einde,
    alfabetisering. Call after `aanbod_toevoegen` / `aanbod_wijzigen` allowed it (there is a PIP)."""
    oordeel = Oordeel()
    pip = s.pip
    if aanbod is None:
        instelling: Instelling | None = data.get("instelling")
        soort = data.get("soort_instelling") or (instelling.soort if instelling else "")
        if (
            instelling is None
            or not instelling.actief
            or instelling.soort not in toegestane_soorten(pip.leerroute)
            or soort != instelling.soort
        ):
            # FS 646: empty, unknown, no longer registered, a taalschakelinstelling outside the
            # Onderwijsroute, or not of the soort chosen.
            oordeel.voeg_toe(m.FS646, "instelling", AANBOD_LABELS["instelling"])
        elif any(
            a.status == AanbodStatus.ACTUEEL
            and a.instelling_id == instelling.id
            and a.gemeente_id == s.gemeente.id
            for a in aanbiedingen
        ):
            oordeel.voeg_toe(m.AANBOD_BESTAAT_AL, "instelling")

    inschrijving, start, einde = (
        data.get("datum_inschrijving"),
        data.get("datum_start"),
        data.get("datum_einde"),
    )
    if inschrijving is None:
        oordeel.voeg_toe(m.VELD_VERPLICHT, "datum_inschrijving", AANBOD_LABELS["datum_inschrijving"])
    elif inschrijving < pip.dagtekening_initieel:  # D-12: the initial PIP
        oordeel.voeg_toe(m.FS648, "datum_inschrijving", AANBOD_LABELS["datum_inschrijving"])
    van, tot = aanbod_termijn(s)
    if start is not None:
        if inschrijving is not None and start < inschrijving:
            oordeel.voeg_toe(m.FS649, "datum_start", AANBOD_LABELS["datum_start"])
        elif (van is not None and start < van) or start > tot:
            oordeel.voeg_toe(m.FS673, "datum_start")
    if einde is not None:
        if start is None:
            oordeel.voeg_toe(m.FS671, "datum_einde")
        elif einde < start:
            oordeel.voeg_toe(m.FS672, "datum_einde")
        elif (van is not None and einde < van) or einde > tot:
            oordeel.voeg_toe(m.FS673, "datum_einde")
    if not data.get("alfabetisering"):
        oordeel.voeg_toe(m.VELD_VERPLICHT, "alfabetisering", AANBOD_LABELS["alfabetisering"])
    if (
        pip.leerroute == Leerroute.O
        and start is not None
        and inschrijving is not None
        and start > _plus(inschrijving, ONDERWIJSROUTE_START)
    ):
        oordeel.voeg_toe(m.AANBOD_ONDERWIJSROUTE_START, "datum_start")
    return oordeel


def _plus(datum: date, duur: relativedelta) -> date:
    """`datum + duur`, or the last day of the calendar: a typed 31-12-9999 plus six months is no 500."""
    try:
        return datum + duur
    except (ValueError, OverflowError):
        return date.max


def aanbod_met_startdatum(s: Situatie) -> bool:
    """AS 606 is silent once the gemeente has an actueel aanbod with a Datum start opleiding (D-14). Only the
    saving (current) gemeente's aanbiedingen count: its PIP makes the other gemeenten's niet actueel."""
    if s.plicht is None:
        return False
    return Inburgeringsaanbod.objects.filter(
        plicht=s.plicht, gemeente=s.gemeente, status=AanbodStatus.ACTUEEL, datum_start__isnull=False
    ).exists()


# === Eindgesprek Z-route (§3.6.15, R-Z-1…R-Z-4, D-25) ======================================================

EINDGESPREK_TERMIJN = CORRECTIETERMIJN  # R-Z-4: final two weeks after the first registration (D-06)


def eindgesprek_venster_einde(gesprek: EindgesprekZRoute) -> date:
    """The last day the date may still be changed (registered on D → D+13; the job makes it final on D+14)."""
    return timezone.localdate(gesprek.geregistreerd_op) + EINDGESPREK_TERMIJN - timedelta(days=1)


def eindgesprek_doorgeven(v: Voortgang) -> Oordeel:
    """B-15's link (S-49/S-50), for a first registration and for a change inside the window (R-Z-4): only the
    current gemeente (the certificate is issued to it, D-25), only the Zelfredzaamheidsroute with both MAP and
    PVT registered (R-Z-1). Once final the plicht is voldaan: FS 675 (D-05)."""
    s = v.s
    oordeel = muteren(s, alleen_huidige_gemeente=True)
    if not oordeel.toegestaan:
        return oordeel
    gesprek = v.eindgesprek_z_route
    if gesprek is not None and gesprek.definitief:
        return weiger(m.FS675)
    if gesprek is not None and gesprek.gemeente_id != s.gemeente.pk:
        return weiger(m.EINDGESPREK_ANDERE_GEMEENTE)
    z_route = s.pip is not None and s.pip.actief and s.pip.leerroute == Leerroute.Z
    if not z_route or Traject.MAP not in v.resultaten or Traject.PVT not in v.resultaten:
        return weiger(m.EINDGESPREK_NIET_MOGELIJK)
    return oordeel


def eindgesprek_datum(v: Voortgang, datum: date | None) -> Oordeel:
    """S-50 "Datum eindgesprek" (R-Z-2): not in the future, not before the MAP or PVT date; a change must
    change the date (FS 640, as for MAP and PVT)."""
    oordeel = Oordeel()
    label = "Datum eindgesprek"
    if datum is None:
        oordeel.voeg_toe(m.VELD_VERPLICHT, "datum", label)
        return oordeel
    if datum > v.s.vandaag:
        oordeel.voeg_toe(m.EINDGESPREK_IN_TOEKOMST, "datum")
    map_, pvt = v.resultaten.get(Traject.MAP), v.resultaten.get(Traject.PVT)
    if map_ is not None and datum < map_.datum:
        oordeel.voeg_toe(m.EINDGESPREK_VOOR_MAP, "datum")
    if pvt is not None and datum < pvt.datum:
        oordeel.voeg_toe(m.EINDGESPREK_VOOR_PVT, "datum")
    gesprek = v.eindgesprek_z_route
    if oordeel.toegestaan and gesprek is not None and gesprek.datum == datum:
        oordeel.voeg_toe(m.FS640)
    return oordeel
