"""Reads of the inburgeringsaanbod (B-8, S-32, S-36) and the query forms other rooms need.

The buttons come from the rules layer (`regels.aanbod_*`), asked per row on the aanbiedingen loaded once,
so a page costs the same number of queries for one aanbod or twenty. Uren taalles en KNM can hang under an
aanbod (S-35 variant B); the uren room registers how to find and remove them (`registreer_uren`), so this
room does not import the one above it (DESIGN "Wi2021's shape").
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone

from inburgering.models import Gemeente

from . import meldingen as m
from . import regels
from .models import AanbodHistorie, AanbodStatus, Inburgeringsaanbod, Inburgeringsplicht
from .tables_aanbod import AanbodHistorieTable, AanbodTable

# --- the hook of the uren room -------------------------------------------------------------------------


@dataclass(frozen=True)
class UrenKoppeling:
    """`gekoppeld(aanbiedingen)` → the pks of those with uren taalles en KNM; `verwijderen(actor=, aanbod=)`
    removes an aanbod's uren (S-35 variant B; R-PIP-11 through the aanbod)."""

    gekoppeld: Callable[[list[Inburgeringsaanbod]], set[int]]
    verwijderen: Callable[..., None]


_UREN: list[UrenKoppeling] = []


def registreer_uren(koppeling: UrenKoppeling) -> None:
    """Called once by the uren room (from AppConfig.ready); idempotent."""
    if koppeling not in _UREN:
        _UREN.append(koppeling)


def met_uren(aanbiedingen: list[Inburgeringsaanbod]) -> set[int]:
    return {pk for koppeling in _UREN for pk in koppeling.gekoppeld(aanbiedingen)} if aanbiedingen else set()


def uren_verwijderen(*, actor, aanbod: Inburgeringsaanbod) -> None:
    for koppeling in _UREN:
        koppeling.verwijderen(actor=actor, aanbod=aanbod)


# --- query forms for the other rooms ------------------------------------------------------------------


def aanbiedingen_voor_uren(plicht: Inburgeringsplicht, gemeente: Gemeente) -> QuerySet[Inburgeringsaanbod]:
    """FS 659 / R-AB-14: uren taalles en KNM need an actueel or niet-actueel (not ingetrokken) aanbod of the
    own gemeente for the instelling; filter the result on `instelling`."""
    return (
        Inburgeringsaanbod.objects.geldig()
        .filter(plicht=plicht, gemeente=gemeente)
        .select_related("instelling")
    )


def heeft_aanbiedingen(plicht: Inburgeringsplicht | None) -> bool:
    """S-30 variant B: the PIP's deletion takes aanbiedingen with it (R-PIP-11)."""
    return plicht is not None and Inburgeringsaanbod.objects.geldig().filter(plicht=plicht).exists()


def geldig_aanbod(plicht_ref: OuterRef | Inburgeringsplicht) -> Exists:
    """An actueel or niet-actueel aanbod for the plicht (D-44's "doorgegeven")."""
    return Exists(Inburgeringsaanbod.objects.geldig().filter(plicht=plicht_ref))


# --- pages -------------------------------------------------------------------------------------------


def aanbiedingen(s: regels.Situatie) -> list[Inburgeringsaanbod]:
    """Every aanbod of the person's current plicht (M-01), any gemeente, any state."""
    if s.plicht is None:
        return []
    return list(
        Inburgeringsaanbod.objects.filter(plicht=s.plicht)
        .select_related("instelling", "gemeente", "plicht")
        .annotate(gewijzigd=Exists(AanbodHistorie.objects.filter(aanbod=OuterRef("pk"))))
    )


def heeft_historie(s: regels.Situatie, alle: list[Inburgeringsaanbod]) -> bool:
    """R-AB-13: "Historie" only when there is history — a change, or an aanbod no longer actueel."""
    return any(a.status != AanbodStatus.ACTUEEL or a.gewijzigd for a in alle)


@dataclass(frozen=True)
class AanbodRij:
    """A row of S-32, B-8 or S-36 as the tables show it."""

    instelling: str
    datum_inschrijving: date
    datum_start: date | None
    datum_einde: date | None
    alfabetisering: str
    gemeente: str
    wijzig_url: str = ""
    verwijder_url: str = ""
    status: str = ""
    volgorde: tuple = field(default=(), compare=False)


def _rij(aanbod: Inburgeringsaanbod, bron=None, **extra) -> AanbodRij:
    bron = bron or aanbod
    return AanbodRij(
        instelling=str(aanbod.instelling), datum_inschrijving=bron.datum_inschrijving, datum_start=bron.datum_start,
        datum_einde=bron.datum_einde, alfabetisering=bron.get_alfabetisering_display(), gemeente=aanbod.gemeente.naam,
        **extra,
    )  # fmt: skip


def _url(naam: str, s: regels.Situatie, aanbod: Inburgeringsaanbod | None = None) -> str:
    kwargs = {"persoon": s.persoon.pk} | ({"aanbod": aanbod.pk} if aanbod else {})
    return reverse(f"wi2021:{naam}", kwargs=kwargs)


@dataclass(frozen=True)
class AanbodOverzicht:
    """S-32 / B-8 for one gemeente: the rows, and which links its rules allow."""

    tabel: AanbodTable
    rijen: list[AanbodRij]
    toevoegen: bool
    historie: bool
    melding: str  # D-22: "nog geen aanbod" or the gezinsmigrant text; empty with aanbiedingen
    gezinsmigrant: bool

    @property
    def wijzigen(self) -> bool:
        """B-8 "Wijzig" (→ S-32): something there for this user to do."""
        return self.toevoegen or any(r.wijzig_url or r.verwijder_url for r in self.rijen)


def overzicht(s: regels.Situatie, *, mag_muteren: bool, acties: bool = True) -> AanbodOverzicht:
    """The rows of S-32, with "Wijzig"/"Verwijder" where the rules allow them and the user has WI2021MUT;
    B-8 shows the same rows without that column (`acties=False`)."""
    alle = aanbiedingen(s)
    rijen = []
    for aanbod in (a for a in alle if regels.aanbod_getoond(s, a)):
        extra = {}
        if mag_muteren and regels.aanbod_wijzigen(s, aanbod, alle).toegestaan:
            extra["wijzig_url"] = _url("aanbod_wijzigen", s, aanbod)
        if mag_muteren and regels.aanbod_intrekken(s, aanbod, alle).toegestaan:
            extra["verwijder_url"] = _url("aanbod_intrekken", s, aanbod)
        rijen.append(_rij(aanbod, **extra))
    gezinsmigrant = s.plicht is not None and not s.is_asielstatushouder
    melding = ""
    if gezinsmigrant and not rijen:
        melding = m.AANBOD_GEZINSMIGRANT.weergave()
    elif not rijen:
        melding = m.GEEN_AANBOD_DOORGEGEVEN.weergave()
    return AanbodOverzicht(
        tabel=AanbodTable(rijen, acties=acties),
        rijen=rijen,
        toevoegen=mag_muteren and regels.aanbod_toevoegen(s).toegestaan,
        historie=heeft_historie(s, alle),
        melding=melding,
        gezinsmigrant=gezinsmigrant,
    )


@dataclass(frozen=True)
class AanbodBlok:
    """What `templates/wi2021/_blok_b8_aanbod.html` needs (B-8 on the Overzichtsscherm, S-18)."""

    overzicht: AanbodOverzicht
    geef_door_url: str  # "Geef door" (no aanbod yet) → S-32
    wijzig_url: str  # "Wijzig" (with aanbiedingen) → S-32
    historie_url: str


def aanbod_blok(s: regels.Situatie, *, mag_muteren: bool = False) -> AanbodBlok:
    """B-8 for the overview: `{% include "wi2021/_blok_b8_aanbod.html" with blok=aanbod_blok %}`."""
    o = overzicht(s, mag_muteren=mag_muteren, acties=False)
    s32 = _url("aanbod", s)
    return AanbodBlok(
        overzicht=o,
        geef_door_url=s32 if not o.rijen and o.toevoegen else "",
        wijzig_url=s32 if o.rijen and o.wijzigen else "",
        historie_url=_url("aanbod_historie", s) if o.historie else "",
    )


def historie(s: regels.Situatie) -> AanbodHistorieTable:
    """S-36: every replaced version and every aanbod no longer actueel, on Datum inschrijving, most recent
    first (M-23); then the most recent event first."""
    alle = aanbiedingen(s)
    per_pk = {a.pk: a for a in alle}
    rijen = []
    for versie in AanbodHistorie.objects.filter(aanbod__plicht=s.plicht).order_by("-gewijzigd_op", "-pk"):
        aanbod = per_pk[versie.aanbod_id]
        gewijzigd = timezone.localdate(versie.gewijzigd_op)
        rijen.append(_rij(aanbod, versie, status=f"Gewijzigd op {gewijzigd:%d-%m-%Y}",
                          volgorde=(versie.datum_inschrijving, gewijzigd)))  # fmt: skip
    for aanbod in alle:
        if aanbod.status == AanbodStatus.NIET_ACTUEEL:
            rijen.append(_rij(aanbod, status=f"Niet actueel, geldig tot {aanbod.geldig_tot:%d-%m-%Y}",
                              volgorde=(aanbod.datum_inschrijving, aanbod.geldig_tot)))  # fmt: skip
        elif aanbod.status == AanbodStatus.INGETROKKEN:
            rijen.append(_rij(aanbod, status=f"Ingetrokken op {aanbod.ingetrokken_op:%d-%m-%Y}",
                              volgorde=(aanbod.datum_inschrijving, aanbod.ingetrokken_op)))  # fmt: skip
    rijen.sort(key=lambda r: r.volgorde, reverse=True)
    return AanbodHistorieTable(rijen)
