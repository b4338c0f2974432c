"""DUO side of the Wi2021 (WI2021.md sections 3.2, 5 and 7): what DUO decides about a person's
inburgeringsplicht, applied by the chain-event feed (`wi2021.ketenberichten`), the admin and the BRP
event handlers (`wi2021.signalering`).

Every service runs in one transaction, audits what it changes (old → new) and emits its signals through
`signalering.uitzenden` with the fact keys of section 5. Applying the same fact again changes and
signals nothing; a fact that contradicts what DUO already decided is refused with a Dutch
`ValidationError` (the importer reports it with the line number).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from inburgering.audit import audit, verschillen
from inburgering.constants import Wet
from inburgering.models import AuditActie, Gemeente, Persoon, Verhuizing
from inburgering.services import persoon_wijzigen
from signalen.models import Signaal
from signalen.selectors import vergeet_open_aantallen
from signalen.services import feit_sleutel

from .aow import bereikt_aow_binnen_zes_maanden
from .constants import (
    Doelgroep,
    Examenniveau,
    Examenonderdeel,
    GrondOntheffing,
    LbtResultaat,
    LbtStatus,
    Leerroute,
    Niveau,
    Omvang,
    RedenEinde,
    RedenWijzigingTermijn,
    SoortContract,
    SoortVerzoek,
    StatusVerzoek,
)
from .models import (
    BioAdviesVerzoek,
    DoelgroepHistorie,
    DuoMelding,
    Examenpoging,
    Inburgeringsplicht,
    Instelling,
    LbtOntheffing,
    Leerbaarheidstoets,
    Opleidingscontract,
    Pip,
    TermijnHistorie,
    Verzoek,
)
from .regels import EERSTE_DAGTEKENING
from .signalering import gevestigd, ontvanger, persoon_feit, plicht_feit, uitzenden

DUO = "DUO"  # the actor of what DUO derives itself (BRP facts)

NIET_WI2021 = "BSN {bsn} valt niet onder de Wi2021."
GEEN_PLICHT = "Voor BSN {bsn} is geen inburgeringsplicht bekend."
BEEINDIGD = "De inburgeringsplicht is beëindigd ({reden})."
AL_PLICHTIG = "BSN {bsn} is al inburgeringsplichtig sinds {datum:%d-%m-%Y}."
TE_VROEG = "Een inburgeringsplicht onder de Wi2021 start niet voor 01-01-2022."
NIET_NA_VORIGE = "De nieuwe inburgeringsplicht moet na de vorige ({datum:%d-%m-%Y}) starten."
GEEN_TERMIJN = "Er is nog geen inburgeringstermijn: die start pas als het initiële PIP definitief is."
EINDE_VOOR_START = "De einddatum van de termijn ligt niet na de startdatum."
OP_VERZOEK_VIA_BESLUIT = "Een verlenging op verzoek wordt doorgegeven met het besluit op het verzoek."
ZELFDE_DOELGROEP = "De oude en de nieuwe doelgroep zijn gelijk."
AL_OP_VERZOEK = "De rechten van het verblijfsdoel zijn al eens op verzoek gewijzigd; dat kan maar één keer."
GEEN_WIJZIGING = "Het verblijfsdoel is niet gewijzigd: er zijn geen rechten om op verzoek te wijzigen."
TERMIJNOVERSCHRIJDING = (
    "De persoon is in de termijnoverschrijding: de rechten kunnen niet meer op verzoek worden gewijzigd."
)
HEEFT_RECHTEN_AL = "De persoon heeft de rechten van deze doelgroep al."
VERZOEK_ANDERS = "Verzoek {id} is al bekend als een ander verzoek."
AL_BESLOTEN = "Op verzoek {id} is al besloten ({status})."
ONBEKEND_VERZOEK = "Verzoek {id} is onbekend: geef de datum van ontvangst mee."
NIEUWE_EINDE_NODIG = "Geef bij een toegekende verlenging de nieuwe einddatum van de termijn."
ONDERDEEL_NODIG = "Geef bij een gedeeltelijke vrijstelling of ontheffing het examenonderdeel en het niveau."
GEEN_TIJDELIJK_BIJ_ONTHEFFING = "Een ontheffing is geheel of gedeeltelijk."
GEEN_TIJDELIJKE_VRIJSTELLING = "De persoon heeft geen tijdelijke vrijstelling."
AANVRAAG_ANDERS = "Aanvraag {id} hoort bij een andere persoon."
CONTRACT_ANDERS = "Opleidingscontract {id} is al geregistreerd met andere gegevens."
AL_IN_WET = "BSN {bsn} valt al onder de {wet}."
WETCORRECTIE_ALLEEN = "Een wetcorrectie gaat van de Wi2021 naar de Wi2013 of de Wi2007."
EINDE_VOOR_START_MELDING = "De einddatum van de melding ligt voor de startdatum."

TIJDELIJK_ACTIEF = frozenset({"", RedenEinde.TIJDELIJK})  # a plicht that still counts (R-PL-11)


# --- Shared steps -------------------------------------------------------------------------------------


def _wi2021(persoon: Persoon) -> None:
    if persoon.wet != Wet.WI2021:
        raise ValidationError(NIET_WI2021.format(bsn=persoon.bsn), code="wet")


def _laatste_plicht(persoon: Persoon) -> Inburgeringsplicht | None:
    return Inburgeringsplicht.objects.select_for_update().filter(persoon=persoon).huidige_eerst().first()


def _plicht(persoon: Persoon, toegestaan=TIJDELIJK_ACTIEF) -> Inburgeringsplicht:
    """The person's current (most recent, M-01) plicht, locked; refused when it ended otherwise."""
    _wi2021(persoon)
    plicht = _laatste_plicht(persoon)
    if plicht is None:
        raise ValidationError(GEEN_PLICHT.format(bsn=persoon.bsn), code="geen_plicht")
    if toegestaan is not None and plicht.reden_einde not in toegestaan:
        raise ValidationError(BEEINDIGD.format(reden=plicht.get_reden_einde_display()), code="beeindigd")
    plicht.persoon = persoon
    return plicht


def _opslaan(actor, plicht: Inburgeringsplicht, omschrijving: str, **velden) -> dict:
    """Set the fields, save and audit the difference; {} (nothing saved) when nothing changes."""
    wijzigingen = verschillen({v: getattr(plicht, v) for v in velden}, velden)
    if not wijzigingen:
        return {}
    for veld, waarde in velden.items():
        setattr(plicht, veld, waarde)
    plicht.save(update_fields=list(wijzigingen))
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(plicht.persoon), persoon=plicht.persoon,
          obj=plicht, omschrijving=omschrijving, wijzigingen=wijzigingen)  # fmt: skip
    return wijzigingen


def _termijnhistorie(plicht: Inburgeringsplicht, datum: date, **velden) -> None:
    TermijnHistorie.objects.create(plicht=plicht, laatste_wijziging=datum, termijn_start=plicht.termijn_start,
                                   termijn_einde=plicht.termijn_einde, **velden)  # fmt: skip


def _beeindigen(actor, plicht: Inburgeringsplicht, reden: str, datum: date) -> bool:
    """R-PL-9: end the plicht (or suspend it, tijdelijk) with its Reden einde and a history row. False when
    it already ended for this reason (a replay); refused when it ended for another."""
    if plicht.reden_einde == reden:
        return False
    if plicht.reden_einde not in TIJDELIJK_ACTIEF or (reden == RedenEinde.TIJDELIJK and plicht.reden_einde):
        raise ValidationError(BEEINDIGD.format(reden=plicht.get_reden_einde_display()), code="beeindigd")
    label = RedenEinde(reden).label
    _opslaan(actor, plicht, f"Einde inburgeringsplicht: {label}", reden_einde=reden, datum_einde=datum)
    _termijnhistorie(plicht, datum, reden_einde=reden)
    return True


def _venster_starten(actor, plicht: Inburgeringsplicht, gemeente: Gemeente, datum: date) -> None:
    """M-05, SS139: the 10-week window of this gemeente for the PIP starts (B-7 shows it)."""
    _opslaan(actor, plicht, "Startdatum 10 weken termijn voor doorgeven PIP", pip_venster_start=datum,
             pip_venster_gemeente=gemeente)  # fmt: skip


# --- Plicht, settlement, doelgroep ----------------------------------------------------------------------


@transaction.atomic
def plicht_vaststellen(
    *,
    actor,
    persoon: Persoon,
    datum_start: date,
    doelgroep: str,
    datum_vaststelling: date | None = None,
    koppelingsgemeente: Gemeente | None = None,
) -> Inburgeringsplicht:
    """`inburgeringsplicht_vastgesteld` (R-PL-1, R-PL-10): a new plicht with its history row
    "Verblijfsdoel vastgesteld". SS101 — or SS128 instead when the AOW age is reached within 6 months of
    the vaststelling (D-29; no PIP window, no SS139/SS126/SS127 for them). Settled in a gemeente already:
    SS139 and the 10-week window start. `koppelingsgemeente`: the COA coupling of a person in an AZC."""
    _wi2021(persoon)
    persoon = Persoon.objects.select_for_update(of=("self",)).get(pk=persoon.pk)  # one plicht at a time
    if datum_start < EERSTE_DAGTEKENING:
        raise ValidationError(TE_VROEG, code="te_vroeg")
    if koppelingsgemeente and koppelingsgemeente.pk not in (
        persoon.woongemeente_id,
        persoon.toekomstige_gemeente_id,
    ):
        persoon = persoon_wijzigen(
            actor=actor, persoon=persoon, data={"toekomstige_gemeente": koppelingsgemeente}
        )
    laatste = _laatste_plicht(persoon)
    if laatste is not None:
        if laatste.datum_start == datum_start:
            return laatste  # the same vaststelling again
        if laatste.reden_einde in TIJDELIJK_ACTIEF:
            raise ValidationError(AL_PLICHTIG.format(bsn=persoon.bsn, datum=laatste.datum_start), code="al")
        if datum_start <= laatste.datum_start:
            raise ValidationError(NIET_NA_VORIGE.format(datum=laatste.datum_start), code="volgorde")
    vaststelling = datum_vaststelling or timezone.localdate()
    aow = bereikt_aow_binnen_zes_maanden(persoon.geboortedatum, vaststelling)
    plicht = Inburgeringsplicht.objects.create(
        persoon=persoon, datum_start=datum_start, doelgroep=doelgroep, aow_binnen_zes_maanden=aow
    )
    DoelgroepHistorie.objects.create(plicht=plicht, laatste_wijziging=datum_start, doelgroep=doelgroep,
                                     verblijfsdoel_gewijzigd="Verblijfsdoel vastgesteld")  # fmt: skip
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon, obj=plicht,
          omschrijving="Inburgeringsplicht vastgesteld",
          wijzigingen={"datum_start": [None, datum_start], "doelgroep": [None, Doelgroep(doelgroep).label],
                       "aow_binnen_zes_maanden": [None, aow]})  # fmt: skip
    uitzenden("SS128" if aow else "SS101", persoon, plicht_feit(plicht))
    if gevestigd(persoon) and not aow:
        _venster_starten(actor, plicht, persoon.woongemeente, vaststelling)
        uitzenden("SS139", persoon, plicht_feit(plicht, "gevestigd"), gemeente=persoon.woongemeente)
    return plicht


@transaction.atomic
def persoon_vestigen(*, actor, persoon: Persoon, gemeente: Gemeente, datum: date) -> Persoon:
    """`persoon_gevestigd`: the person leaves the AZC for the koppelingsgemeente. The woongemeente changes
    through the core (audited there); `woongemeente_gewijzigd` then sees a settlement: SS139 and the window
    (D-30: not SS120/SS122, the AZC gemeente never had the person)."""
    _wi2021(persoon)
    data = {"woongemeente": gemeente, "datum_vestiging": datum, "toekomstige_gemeente": None}
    return persoon_wijzigen(actor=actor, persoon=persoon, data=data)


def woongemeente_gewijzigd(*, persoon: Persoon, oude_gemeente: Gemeente | None, nieuwe_gemeente: Gemeente,
                           uit_azc: bool) -> None:  # fmt: skip
    """A new woongemeente (called inside the core's transaction by `signalering`).

    First settlement (out of the AZC, or no woongemeente before): SS139 to the new gemeente. A move
    between gemeenten: SS120 (no PIP) or SS121 (a PIP of the previous gemeente exists) to the new one,
    SS122 to the old one, fact (persoon, verhuizing). Either way the new gemeente's 10-week window starts
    on the datum vestiging. Still COA-coupled elsewhere (AZC to AZC): nothing."""
    plicht = _laatste_plicht(persoon)
    if plicht is None or plicht.reden_einde not in TIJDELIJK_ACTIEF or not gevestigd(persoon):
        return
    plicht.persoon = persoon
    datum = persoon.datum_vestiging or timezone.localdate()
    if uit_azc or oude_gemeente is None:
        if not plicht.aow_binnen_zes_maanden:
            _venster_starten(DUO, plicht, nieuwe_gemeente, datum)
            uitzenden("SS139", persoon, plicht_feit(plicht, "gevestigd"), gemeente=nieuwe_gemeente)
        return
    verhuizing = (
        Verhuizing.objects.filter(persoon=persoon, naar_gemeente=nieuwe_gemeente).order_by("-pk").first()
    )
    feit = persoon_feit(persoon, "verhuizing", verhuizing.pk if verhuizing else f"{datum:%Y%m%d}")
    code = "SS121" if Pip.objects.filter(plicht=plicht).exists() else "SS120"
    uitzenden(code, persoon, feit, gemeente=nieuwe_gemeente)
    uitzenden("SS122", persoon, feit, gemeente=oude_gemeente)
    if not plicht.aow_binnen_zes_maanden:
        _venster_starten(DUO, plicht, nieuwe_gemeente, datum)
    _ss137_intrekken(plicht, oude_gemeente)  # R-ACC-11


def persoon_overleden(*, persoon: Persoon, datum: date) -> None:
    """BRP death (inside the core's transaction): the plicht ends "Persoon is overleden", SS111."""
    plicht = _laatste_plicht(persoon)
    if plicht is None or plicht.reden_einde not in TIJDELIJK_ACTIEF:
        return
    plicht.persoon = persoon
    if _beeindigen(DUO, plicht, RedenEinde.OVERLEDEN, datum):
        uitzenden("SS111", persoon, persoon_feit(persoon, "overleden"))


def vertrokken_uit_nederland(*, persoon: Persoon, datum: date) -> None:
    """BRP emigration (inside the core's transaction): SS123 to the gemeente that was left."""
    plicht = _laatste_plicht(persoon)
    if plicht is not None and plicht.reden_einde in TIJDELIJK_ACTIEF:
        uitzenden("SS123", persoon, persoon_feit(persoon, "vertrokken", f"{datum:%Y%m%d}"))


def _verblijfsdoel_tekst(van: str, naar: str, rechten: str) -> str:
    """S-19's wording: "Van asielstatushouder naar gezinsmigrant en overige migrant. Met behoud van rechten
    asielstatushouder." """
    tekst = f"Van {Doelgroep(van).label.lower()} naar {Doelgroep(naar).label.lower()}."
    rechten_label = Doelgroep(rechten).label.lower()
    return (
        f"{tekst} Met behoud van rechten {rechten_label}."
        if rechten == van
        else f"{tekst} Met rechten {rechten_label}."
    )


@transaction.atomic
def doelgroep_wijzigen(*, actor, persoon: Persoon, van: str, naar: str, datum: date,
                       rechten: str | None = None) -> Inburgeringsplicht:  # fmt: skip
    """`doelgroep_gewijzigd` (R-PL-3, R-PL-4): the verblijfsrecht of the person or the referent changed.
    By default the person has (asiel → gezins: keeps; gezins → asiel: gets) the rights of an
    asielstatushouder. History row, the one-month melding fields, SS124 / SS125 (fact: plicht, wijziging)."""
    if van == naar:
        raise ValidationError(ZELFDE_DOELGROEP, code="zelfde")
    plicht = _plicht(persoon)
    rechten = rechten or Doelgroep.ASIELSTATUSHOUDER
    tekst = _verblijfsdoel_tekst(van, naar, rechten)
    if DoelgroepHistorie.objects.filter(
        plicht=plicht, laatste_wijziging=datum, verblijfsdoel_gewijzigd=tekst
    ).exists():
        return plicht  # the same change again
    _opslaan(actor, plicht, "Doelgroep gewijzigd", doelgroep=rechten, verblijfsdoel_gewijzigd=tekst,
             datum_wijziging_verblijfsdoel=datum)  # fmt: skip
    DoelgroepHistorie.objects.create(plicht=plicht, laatste_wijziging=datum, doelgroep=rechten,
                                     verblijfsdoel_gewijzigd=tekst)  # fmt: skip
    code = "SS124" if van == Doelgroep.ASIELSTATUSHOUDER else "SS125"
    uitzenden(code, persoon, plicht_feit(plicht, "doelgroep", f"{datum:%Y%m%d}", naar))
    return plicht


@transaction.atomic
def rechten_op_verzoek_wijzigen(*, actor, persoon: Persoon, rechten: str, datum: date) -> Inburgeringsplicht:
    """`rechten_op_verzoek_gewijzigd`: the mutatieformulier after a doelgroep change, processed by DUO
    (R-PL-3): only once, never in the termijnoverschrijding. No signal; a one-month melding (R-PL-4)."""
    plicht = _plicht(persoon, toegestaan=frozenset({""}))
    if plicht.rechten_op_verzoek_gewijzigd == datum and plicht.doelgroep == rechten:
        return plicht  # the same request again
    if plicht.rechten_op_verzoek_gewijzigd:
        raise ValidationError(AL_OP_VERZOEK, code="al_op_verzoek")
    if plicht.datum_wijziging_verblijfsdoel is None:
        raise ValidationError(GEEN_WIJZIGING, code="geen_wijziging")
    if plicht.termijn_einde and datum > plicht.termijn_einde:
        raise ValidationError(TERMIJNOVERSCHRIJDING, code="termijnoverschrijding")
    if plicht.doelgroep == rechten:
        raise ValidationError(HEEFT_RECHTEN_AL, code="zelfde")
    eerste_zin = plicht.verblijfsdoel_gewijzigd.split(". ")[0].rstrip(".")
    tekst = f"{eerste_zin}. Op verzoek naar rechten {Doelgroep(rechten).label.lower()} gewijzigd."
    _opslaan(actor, plicht, "Rechten van het verblijfsdoel op verzoek gewijzigd", doelgroep=rechten,
             verblijfsdoel_gewijzigd=tekst, rechten_op_verzoek_gewijzigd=datum)  # fmt: skip
    DoelgroepHistorie.objects.create(plicht=plicht, laatste_wijziging=datum, doelgroep=rechten,
                                     verblijfsdoel_gewijzigd=tekst)  # fmt: skip
    return plicht


# --- Termijn and verzoeken ---------------------------------------------------------------------------


def _termijn_wijzigen(
    actor, plicht: Inburgeringsplicht, *, start: date, einde: date, reden: str, datum: date
) -> bool:
    if einde <= start:
        raise ValidationError(EINDE_VOOR_START, code="einde")
    if not _opslaan(actor, plicht, f"Inburgeringstermijn gewijzigd: {RedenWijzigingTermijn(reden).label}",
                    termijn_start=start, termijn_einde=einde, reden_wijziging_termijn=reden,
                    datum_wijziging_termijn=datum):  # fmt: skip
        return False
    _termijnhistorie(plicht, datum, reden_wijziging=reden)
    return True


@transaction.atomic
def termijn_verlengen(*, actor, persoon: Persoon, einde: date, reden: str, datum: date,
                      start: date | None = None) -> Inburgeringsplicht:  # fmt: skip
    """`termijn_verlengd` (R-PL-7): ambtshalve, Corona or (her)bepaling: new termijn, Reden and Datum
    wijziging termijn, history row, SS103 (fact: plicht, new einde)."""
    if reden == RedenWijzigingTermijn.OP_VERZOEK:
        raise ValidationError(OP_VERZOEK_VIA_BESLUIT, code="op_verzoek")
    plicht = _plicht(persoon)
    start = start or plicht.termijn_start
    if start is None:
        raise ValidationError(GEEN_TERMIJN, code="geen_termijn")
    if _termijn_wijzigen(actor, plicht, start=start, einde=einde, reden=reden, datum=datum):
        uitzenden("SS103", persoon, plicht_feit(plicht, "termijn", f"{einde:%Y%m%d}"))
    return plicht


def _verzoek(actor, plicht: Inburgeringsplicht, *, verzoek_id: str, soort: str, toelichting: str,
             datum_ontvangst: date | None) -> tuple[Verzoek, bool]:  # fmt: skip
    verzoek = Verzoek.objects.select_for_update().filter(extern_id=verzoek_id).first()
    if verzoek is not None:
        if verzoek.plicht_id != plicht.pk or verzoek.soort != soort:
            raise ValidationError(VERZOEK_ANDERS.format(id=verzoek_id), code="verzoek")
        return verzoek, False
    if datum_ontvangst is None:
        raise ValidationError(ONBEKEND_VERZOEK.format(id=verzoek_id), code="onbekend")
    verzoek = Verzoek.objects.create(plicht=plicht, extern_id=verzoek_id, soort=soort, toelichting=toelichting,
                                     datum_ontvangst=datum_ontvangst)  # fmt: skip
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(plicht.persoon), persoon=plicht.persoon,
          obj=verzoek, omschrijving=f"Verzoek {verzoek} ontvangen",
          wijzigingen={"datum_ontvangst": [None, datum_ontvangst]})  # fmt: skip
    return verzoek, True


def _zelfde_besluit(persoon: Persoon, verzoek_id: str, toegekend: bool) -> Verzoek | None:
    """The same decision received before (a replay, also after it ended the plicht)."""
    status = StatusVerzoek.TOEGEKEND if toegekend else StatusVerzoek.AFGEWEZEN
    return Verzoek.objects.filter(plicht__persoon=persoon, extern_id=verzoek_id, status=status).first()


def _besluiten(actor, verzoek: Verzoek, *, toegekend: bool, datum_besluit: date) -> bool:
    """The decision on a verzoek; False when it is the same decision again, refused when it differs."""
    status = StatusVerzoek.TOEGEKEND if toegekend else StatusVerzoek.AFGEWEZEN
    if verzoek.status:
        if verzoek.status == status:
            return False
        raise ValidationError(AL_BESLOTEN.format(id=verzoek.extern_id, status=verzoek.get_status_display()))
    verzoek.status, verzoek.datum_besluit = status, datum_besluit
    verzoek.save(update_fields=["status", "datum_besluit"])
    persoon = verzoek.plicht.persoon
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(persoon), persoon=persoon, obj=verzoek,
          omschrijving=f"Besluit op verzoek {verzoek}",
          wijzigingen={"status": [None, verzoek.get_status_display()], "datum_besluit": [None, datum_besluit]})  # fmt: skip
    return True


@transaction.atomic
def verzoek_verlenging_indienen(
    *, actor, persoon: Persoon, verzoek_id: str, datum_ontvangst: date
) -> Verzoek:
    """`verzoek_verlenging_ingediend`: SS112 (fact: plicht, verzoek). The PIB does not show the receipt
    in the signal's sense, but B-13 lists verlenging requests from filing with an empty Status (D-34)."""
    plicht = _plicht(persoon)
    verzoek, nieuw = _verzoek(actor, plicht, verzoek_id=verzoek_id, soort=SoortVerzoek.VERLENGING, toelichting="",
                              datum_ontvangst=datum_ontvangst)  # fmt: skip
    if nieuw:
        uitzenden("SS112", persoon, plicht_feit(plicht, "verzoek", verzoek_id))
    return verzoek


@transaction.atomic
def verlenging_besluiten(*, actor, persoon: Persoon, verzoek_id: str, toegekend: bool, datum_besluit: date,
                         nieuwe_einde: date | None = None, datum_ontvangst: date | None = None) -> Verzoek:  # fmt: skip
    """`besluit_verlenging`: toegekend → new termijn einde "Verlenging op verzoek" and SS104; afgewezen →
    SS113 (fact: plicht, verzoek)."""
    if (herhaald := _zelfde_besluit(persoon, verzoek_id, toegekend)) is not None:
        return herhaald
    plicht = _plicht(persoon)
    if toegekend and nieuwe_einde is None:
        raise ValidationError(NIEUWE_EINDE_NODIG, code="einde")
    verzoek, _ = _verzoek(actor, plicht, verzoek_id=verzoek_id, soort=SoortVerzoek.VERLENGING, toelichting="",
                          datum_ontvangst=datum_ontvangst)  # fmt: skip
    if not _besluiten(actor, verzoek, toegekend=toegekend, datum_besluit=datum_besluit):
        return verzoek
    if toegekend:
        if plicht.termijn_start is None:
            raise ValidationError(GEEN_TERMIJN, code="geen_termijn")
        _termijn_wijzigen(actor, plicht, start=plicht.termijn_start, einde=nieuwe_einde,
                          reden=RedenWijzigingTermijn.OP_VERZOEK, datum=datum_besluit)  # fmt: skip
    uitzenden("SS104" if toegekend else "SS113", persoon, plicht_feit(plicht, "verzoek", verzoek_id))
    return verzoek


def _toelichting(omvang: str, onderdeel: str | None, niveau: str | None, grond: str | None = None) -> str:
    """D-34: "Geheel", "Tijdelijk", "Geheel BIO", "Gedeeltelijk – Spreken B1"."""
    if omvang == Omvang.GEDEELTELIJK:
        if not onderdeel or not niveau:
            raise ValidationError(ONDERDEEL_NODIG, code="onderdeel")
        return f"Gedeeltelijk – {Examenonderdeel(onderdeel).label} {Examenniveau(niveau).label}"
    return f"{Omvang(omvang).label} {GrondOntheffing(grond).label}" if grond else Omvang(omvang).label


VRIJSTELLING_CODES = {
    (Omvang.GEHEEL, True): "SS107", (Omvang.GEHEEL, False): "SS114",
    (Omvang.TIJDELIJK, True): "SS109", (Omvang.TIJDELIJK, False): "SS115",
    (Omvang.GEDEELTELIJK, True): "SS117", (Omvang.GEDEELTELIJK, False): "SS116",
}  # fmt: skip


@transaction.atomic
def vrijstelling_besluiten(*, actor, persoon: Persoon, verzoek_id: str, omvang: str, toegekend: bool,
                           datum_ontvangst: date, datum_besluit: date, onderdeel: str | None = None,
                           niveau: str | None = None) -> Verzoek:  # fmt: skip
    """`besluit_vrijstelling`: an Aanvragen row (D-34) and SS107/SS109/SS114/SS115/SS116/SS117 (fact:
    plicht, verzoek). Geheel toegekend ends the plicht; tijdelijk toegekend suspends it and makes the PIP
    inactive (R-PL-11, M-02)."""
    if (herhaald := _zelfde_besluit(persoon, verzoek_id, toegekend)) is not None:
        return herhaald
    plicht = _plicht(persoon)
    toelichting = _toelichting(omvang, onderdeel, niveau)
    verzoek, _ = _verzoek(actor, plicht, verzoek_id=verzoek_id, soort=SoortVerzoek.VRIJSTELLING,
                          toelichting=toelichting, datum_ontvangst=datum_ontvangst)  # fmt: skip
    if not _besluiten(actor, verzoek, toegekend=toegekend, datum_besluit=datum_besluit):
        return verzoek
    if toegekend and omvang == Omvang.GEHEEL:
        _beeindigen(actor, plicht, RedenEinde.VRIJSTELLING, datum_besluit)
    elif toegekend and omvang == Omvang.TIJDELIJK:
        _beeindigen(actor, plicht, RedenEinde.TIJDELIJK, datum_besluit)
        _pip_actief(actor, plicht, False)
    uitzenden(VRIJSTELLING_CODES[(omvang, toegekend)], persoon, plicht_feit(plicht, "verzoek", verzoek_id))
    return verzoek


def _pip_actief(actor, plicht: Inburgeringsplicht, actief: bool) -> bool:
    pip = Pip.objects.select_for_update().filter(plicht=plicht).first()
    if pip is None or pip.actief == actief:
        return pip is not None
    pip.actief, pip.versie = actief, pip.versie + 1  # a PIP form opened before this is stale now
    pip.save(update_fields=["actief", "versie"])
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(plicht.persoon), persoon=plicht.persoon,
          obj=pip, omschrijving="PIP weer actief" if actief else "PIP inactief (tijdelijke vrijstelling)",
          wijzigingen={"actief": [not actief, actief]})  # fmt: skip
    return True


@transaction.atomic
def tijdelijke_vrijstelling_intrekken(*, actor, persoon: Persoon, datum: date) -> Inburgeringsplicht:
    """`tijdelijke_vrijstelling_ingetrokken` (R-PL-11): the plicht runs again; the PIP registered before the
    vrijstelling is active again → SS130, no PIP → SS129 (fact: plicht, the vrijstelling's start date)."""
    plicht = _plicht(persoon, toegestaan=None)
    if (
        plicht.reden_einde == ""
        and plicht.termijnhistorie.filter(
            laatste_wijziging=datum, reden_einde="", reden_wijziging=""
        ).exists()
    ):
        return plicht  # the same intrekking again
    if plicht.reden_einde != RedenEinde.TIJDELIJK:
        raise ValidationError(GEEN_TIJDELIJKE_VRIJSTELLING, code="geen_tijdelijke")
    vrijstelling = plicht.datum_einde
    _opslaan(actor, plicht, "Tijdelijke vrijstelling ingetrokken", reden_einde="", datum_einde=None)
    _termijnhistorie(plicht, datum)
    code = "SS130" if _pip_actief(actor, plicht, True) else "SS129"
    uitzenden(code, persoon, plicht_feit(plicht, "tijdelijke_vrijstelling", f"{vrijstelling:%Y%m%d}"))
    return plicht


@transaction.atomic
def ontheffing_besluiten(*, actor, persoon: Persoon, verzoek_id: str, omvang: str, grond: str, toegekend: bool,
                         datum_ontvangst: date, datum_besluit: date, onderdeel: str | None = None,
                         niveau: str | None = None) -> Verzoek:  # fmt: skip
    """`besluit_ontheffing` (medisch or BIO): an Aanvragen row; geheel toegekend ends the plicht (SS108),
    gedeeltelijk toegekend SS119, afgewezen SS118 (fact: plicht, verzoek)."""
    if omvang == Omvang.TIJDELIJK:
        raise ValidationError(GEEN_TIJDELIJK_BIJ_ONTHEFFING, code="omvang")
    if (herhaald := _zelfde_besluit(persoon, verzoek_id, toegekend)) is not None:
        return herhaald
    plicht = _plicht(persoon)
    toelichting = _toelichting(omvang, onderdeel, niveau, grond if omvang == Omvang.GEHEEL else None)
    verzoek, _ = _verzoek(actor, plicht, verzoek_id=verzoek_id, soort=SoortVerzoek.ONTHEFFING,
                          toelichting=toelichting, datum_ontvangst=datum_ontvangst)  # fmt: skip
    if not _besluiten(actor, verzoek, toegekend=toegekend, datum_besluit=datum_besluit):
        return verzoek
    if not toegekend:
        code = "SS118"
    elif omvang == Omvang.GEHEEL:
        _beeindigen(actor, plicht, RedenEinde.ONTHEFFING, datum_besluit)
        code = "SS108"
    else:
        code = "SS119"
    uitzenden(code, persoon, plicht_feit(plicht, "verzoek", verzoek_id))
    return verzoek


@transaction.atomic
def bio_advies_vragen(*, actor, persoon: Persoon, aanvraag_id: str, datum: date) -> BioAdviesVerzoek:
    """`bio_advies_gevraagd`: an open advice request (B-14, D-24) and SS140 (fact: plicht, aanvraag)."""
    plicht = _plicht(persoon)
    verzoek, nieuw = BioAdviesVerzoek.objects.get_or_create(aanvraag_id=aanvraag_id,
                                                            defaults={"plicht": plicht, "datum": datum})  # fmt: skip
    if verzoek.plicht_id != plicht.pk:
        raise ValidationError(AANVRAAG_ANDERS.format(id=aanvraag_id), code="aanvraag")
    if nieuw:
        audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon, obj=verzoek,
              omschrijving="Advies BIO gevraagd", wijzigingen={"datum": [None, datum]})  # fmt: skip
        uitzenden("SS140", persoon, plicht_feit(plicht, "bio", aanvraag_id))
    return verzoek


# --- End of the plicht --------------------------------------------------------------------------------


@transaction.atomic
def plicht_intrekken(*, actor, persoon: Persoon, datum: date, reden: str = "") -> Inburgeringsplicht:
    """`inburgeringsplicht_ingetrokken` (e.g. vertrek uit Nederland > 1 jaar): Reden einde
    "Inburgeringsplicht ingetrokken" (mutations allowed one more month, D-05), SS110 (fact: plicht)."""
    plicht = _plicht(persoon, toegestaan=TIJDELIJK_ACTIEF | {RedenEinde.INGETROKKEN})
    if _beeindigen(actor, plicht, RedenEinde.INGETROKKEN, datum):
        if reden:
            audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(persoon), persoon=persoon, obj=plicht,
                  omschrijving=f"Reden intrekking: {reden}")  # fmt: skip
        uitzenden("SS110", persoon, plicht_feit(plicht))
    return plicht


@transaction.atomic
def diploma_behaald(*, actor, persoon: Persoon, datum: date) -> Inburgeringsplicht:
    """`diploma_behaald`: the plicht is voldaan, Reden einde "Diploma behaald" (FS 675 after), SS106."""
    plicht = _plicht(persoon, toegestaan=TIJDELIJK_ACTIEF | {RedenEinde.DIPLOMA})
    if _beeindigen(actor, plicht, RedenEinde.DIPLOMA, datum):
        uitzenden("SS106", persoon, plicht_feit(plicht))
    return plicht


# --- Examens, opleidingscontracten ---------------------------------------------------------------------


@transaction.atomic
def examen_registreren(*, actor, persoon: Persoon, onderdeel: str, niveau: str, datum: date, poging: int,
                       status: str, sleutel: str) -> Examenpoging:  # fmt: skip
    """`examen_aanmelding` / `examen_uitslag`: one row per onderdeel, niveau and poging (B-11); a later
    message about the same poging updates its date and status. No signal."""
    plicht = _plicht(persoon, toegestaan=None)
    bestaand = (
        Examenpoging.objects.select_for_update()
        .filter(plicht=plicht, onderdeel=onderdeel, niveau=niveau, poging=poging)
        .first()
    )
    if bestaand is None:
        poging_rij = Examenpoging.objects.create(plicht=plicht, onderdeel=onderdeel, niveau=niveau, datum=datum,
                                                 poging=poging, status=status, sleutel=sleutel)  # fmt: skip
        audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon, obj=poging_rij,
              omschrijving=f"Examen {poging_rij}", wijzigingen={"status": [None, poging_rij.get_status_display()]})  # fmt: skip
        return poging_rij
    oud = {"datum": bestaand.datum, "status": bestaand.get_status_display()}
    bestaand.datum, bestaand.status = datum, status
    wijzigingen = verschillen(oud, {"datum": datum, "status": bestaand.get_status_display()})
    if wijzigingen:
        bestaand.save(update_fields=["datum", "status"])
        audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(persoon), persoon=persoon, obj=bestaand,
              omschrijving=f"Examen {bestaand}", wijzigingen=wijzigingen)  # fmt: skip
    return bestaand


NIVEAU_RANG = {Examenniveau.A2: 1, Examenniveau.B1: 2, Examenniveau.B2: 3}
PIP_NIVEAU_RANG = {Niveau.NVT: 0, Niveau.A2: 1, Niveau.B1: 2}  # Z-route "niet van toepassing" is below A2


def contract_codes(contract: Opleidingscontract, pip: Pip | None) -> list[str]:
    """§4.1: no final PIP → SS132; otherwise a taalschakeltraject without Onderwijsroute → SS136, a taalniveau
    below the PIP niveau → SS133, above it in the Z-route → SS135. A contract that fits gives none."""
    if pip is None or not pip.definitief:
        return ["SS132"]
    codes = []
    if contract.soort == SoortContract.TAALSCHAKEL and pip.leerroute != Leerroute.O:
        codes.append("SS136")
    if contract.taalniveau:
        contract_rang, pip_rang = NIVEAU_RANG[contract.taalniveau], PIP_NIVEAU_RANG[pip.niveau]
        if contract_rang < pip_rang:
            codes.append("SS133")
        elif contract_rang > pip_rang and pip.leerroute == Leerroute.Z:
            codes.append("SS135")
    return codes


@transaction.atomic
def opleidingscontract_registreren(*, actor, persoon: Persoon, contract_id: str, instelling: Instelling, soort: str,
                                   taalniveau: str, datum: date) -> Opleidingscontract:  # fmt: skip
    """`opleidingscontract_geregistreerd` by a cursusinstelling (M-06): the contract is stored and compared
    with the PIP (SS132/SS133/SS135/SS136, fact: plicht, contract). The copy DUO also sends to the
    instelling is out of scope."""
    plicht = _plicht(persoon)
    velden = {"instelling": instelling, "soort": soort, "taalniveau": taalniveau or "", "datum": datum}
    contract = Opleidingscontract.objects.filter(sleutel=contract_id).first()
    if contract is not None:
        if contract.plicht_id != plicht.pk or any(getattr(contract, k) != v for k, v in velden.items()):
            raise ValidationError(CONTRACT_ANDERS.format(id=contract_id), code="contract")
        return contract
    contract = Opleidingscontract.objects.create(plicht=plicht, sleutel=contract_id, **velden)
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon, obj=contract,
          omschrijving=f"Opleidingscontract geregistreerd: {contract}",
          wijzigingen={"taalniveau": [None, contract.taalniveau]})  # fmt: skip
    for code in contract_codes(contract, Pip.objects.filter(plicht=plicht).first()):
        uitzenden(code, persoon, plicht_feit(plicht, "contract", contract_id))
    return contract


@transaction.atomic
def niet_vrijstellende_opleiding_uitgeschreven(*, actor, persoon: Persoon, datum: date) -> None:
    """`niet_vrijstellende_opleiding_uitgeschreven`: SS142 whenever it arrives (D-45; DUO cannot check the
    toestemming either); no data. Fact: plicht, datum uitschrijving."""
    plicht = _plicht(persoon)
    if uitzenden("SS142", persoon, plicht_feit(plicht, "nvo_uitgeschreven", f"{datum:%Y%m%d}")):
        audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon, obj=plicht,
              omschrijving=f"Uitgeschreven bij niet-vrijstellende opleiding op {datum:%d-%m-%Y}")  # fmt: skip


# --- Law of the person, meldingen ---------------------------------------------------------------------

WETCORRECTIE_CODES = {Wet.WI2013: "SS190", Wet.WI2007: "SS191"}


@transaction.atomic
def wet_corrigeren(*, actor, persoon: Persoon, naar_wet: str) -> Persoon:
    """`wetcorrectie` (D-40): SS190 → Wi2013, SS191 → Wi2007 (parked). The person's law changes through the
    core (audited there): the Wi2021 data become read-only and the person leaves Wi2021 search; the signal
    stays in the Wi2021 list. Fact: persoon, naar wet."""
    if naar_wet not in WETCORRECTIE_CODES:
        raise ValidationError(WETCORRECTIE_ALLEEN, code="wet")
    if persoon.wet == naar_wet:
        return persoon  # the same correction again
    _wi2021(persoon)
    persoon = persoon_wijzigen(actor=actor, persoon=persoon, data={"wet": naar_wet})
    uitzenden(WETCORRECTIE_CODES[naar_wet], persoon, persoon_feit(persoon, "wetcorrectie", naar_wet))
    return persoon


@transaction.atomic
def opt_out_keuze(*, actor, persoon: Persoon) -> None:
    """`opt_out_keuze_wi2013`: SS192; the person stays under the Wi2021 (D-40). Fact: persoon."""
    _wi2021(persoon)
    if uitzenden("SS192", persoon, persoon_feit(persoon, "opt_out")):
        audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon,
              omschrijving="Keuze-optie Wi2013 (opt-out) ontvangen")  # fmt: skip


@transaction.atomic
def melding_plaatsen(*, actor, persoon: Persoon, titel: str, toelichting: str, startdatum: date, einddatum: date,
                     sleutel: str) -> DuoMelding:  # fmt: skip
    """`melding_geplaatst`: a B-1 notice shown from startdatum through einddatum. The same notice (title and
    period) twice is one notice, also under another message id. No signal."""
    _wi2021(persoon)
    if einddatum < startdatum:
        raise ValidationError(EINDE_VOOR_START_MELDING, code="periode")
    bestaand = DuoMelding.objects.filter(
        persoon=persoon, titel=titel, startdatum=startdatum, einddatum=einddatum
    )
    if (melding := bestaand.first() or DuoMelding.objects.filter(sleutel=sleutel).first()) is not None:
        return melding
    melding = DuoMelding(persoon=persoon, titel=titel, toelichting=toelichting, startdatum=startdatum,
                         einddatum=einddatum, sleutel=sleutel)  # fmt: skip
    melding.full_clean()
    melding.save()
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=ontvanger(persoon), persoon=persoon, obj=melding,
          omschrijving=f"Melding geplaatst: {titel}",
          wijzigingen={"startdatum": [None, startdatum], "einddatum": [None, einddatum]})  # fmt: skip
    return melding


# --- Leerbaarheidstoets (§3.6.5, R-LBT-6, R-ACC-11) -------------------------------------------------------

LBT_AANMELDTERMIJN = relativedelta(months=12)  # R-LBT-1: "Deze periode is standaard 12 maanden"
LBT_ANDERS = "Leerbaarheidstoets {nr} hoort bij een andere aanmelding."
LBT_AL_AANGEMELD = "Er is al een leerbaarheidstoets aangemeld ({nr}) die nog niet is afgenomen of verlopen."
LBT_ONTHEVEN = "De persoon is ontheven van de leerbaarheidstoets."
LBT_ONBEKEND = "Leerbaarheidstoets {nr} is voor BSN {bsn} niet bekend."
LBT_UITSLAG_BEKEND = "Van leerbaarheidstoets {nr} is al een andere uitslag bekend."
LBT_IS_VERLOPEN = "De aanmeldtermijn van leerbaarheidstoets {nr} is verlopen."
LBT_IS_AFGENOMEN = "Leerbaarheidstoets {nr} is al afgenomen."
LBT_BUITEN_TERMIJN = (
    "De datum toetsafname ligt niet in de aanmeldtermijn ({van:%d-%m-%Y} tot {tot:%d-%m-%Y})."
)
LBT_TERMIJN_LOOPT = "De aanmeldtermijn van leerbaarheidstoets {nr} loopt nog tot {tot:%d-%m-%Y}."
LBT_SCORE = "De behaalde en de benodigde score liggen niet boven de maximum score."
LBT_SCORES_NODIG = "Geef bij resultaat J of N de maximum, behaalde en benodigde score."
LBT_VOOR_PLICHT = "De datum aanmelding ligt voor de start van de inburgeringsplicht ({datum:%d-%m-%Y})."
LBT_GEEN_GEMEENTE = "BSN {bsn} woont niet in een gemeente en is niet aan een gemeente gekoppeld."


def lbt_feit(plicht, examennummer: str) -> str:
    """Section 5's fact key of SS131, SS137 and SS138: (plicht, LBT examennummer)."""
    return plicht_feit(plicht, "lbt", examennummer)


def _lbt(persoon: Persoon, examennummer: str) -> Leerbaarheidstoets:
    lbt = (
        Leerbaarheidstoets.objects.select_for_update()
        .select_related("plicht")
        .filter(examennummer=examennummer, plicht__persoon=persoon)
        .first()
    )
    if lbt is None:
        raise ValidationError(LBT_ONBEKEND.format(nr=examennummer, bsn=persoon.bsn), code="lbt_onbekend")
    lbt.plicht.persoon = persoon
    return lbt


@transaction.atomic
def lbt_aanmelden(
    *, actor, persoon: Persoon, examennummer: str, datum_aanmelding: date
) -> Leerbaarheidstoets:
    """`lbt_aanmelding` (R-LBT-6): DUO registered the person for an LBT — the first one after the plicht was
    established, the automatic one after an expired period, or the one the gemeente asked for (S-22). B-6
    shows it, the 12-month aanmeldtermijn starts, SS137 to the gemeente of the person (fact: plicht,
    examennummer). The same aanmelding twice is one."""
    plicht = _plicht(persoon)
    bestaand = Leerbaarheidstoets.objects.filter(examennummer=examennummer).first()
    if bestaand is not None:
        if bestaand.plicht_id != plicht.pk or bestaand.datum_aanmelding != datum_aanmelding:
            raise ValidationError(LBT_ANDERS.format(nr=examennummer), code="lbt_anders")
        return bestaand
    if datum_aanmelding < plicht.datum_start:
        raise ValidationError(LBT_VOOR_PLICHT.format(datum=plicht.datum_start), code="lbt_voor_plicht")
    if LbtOntheffing.objects.filter(plicht=plicht).exists():
        raise ValidationError(LBT_ONTHEVEN, code="lbt_ontheven")
    open_ = Leerbaarheidstoets.objects.filter(plicht=plicht, status=LbtStatus.AANGEMELD).first()
    if open_ is not None:
        raise ValidationError(LBT_AL_AANGEMELD.format(nr=open_.examennummer), code="lbt_al_aangemeld")
    gemeente = ontvanger(persoon)
    if gemeente is None:
        raise ValidationError(LBT_GEEN_GEMEENTE.format(bsn=persoon.bsn), code="lbt_geen_gemeente")
    lbt = Leerbaarheidstoets.objects.create(
        plicht=plicht, gemeente=gemeente, examennummer=examennummer, datum_aanmelding=datum_aanmelding,
        einde_aanmeldtermijn=datum_aanmelding + LBT_AANMELDTERMIJN,
    )  # fmt: skip
    audit(actor=actor, actie=AuditActie.AANMAKEN, gemeente=gemeente, persoon=persoon, obj=lbt,
          omschrijving=f"Aangemeld voor de leerbaarheidstoets {examennummer}",
          wijzigingen={"datum_aanmelding": [None, datum_aanmelding],
                       "einde_aanmeldtermijn": [None, lbt.einde_aanmeldtermijn]})  # fmt: skip
    uitzenden("SS137", persoon, lbt_feit(plicht, examennummer), gemeente=gemeente)
    return lbt


@transaction.atomic
def lbt_uitslag(*, actor, persoon: Persoon, examennummer: str, datum_toetsafname: date, resultaat: str,
                maximum_score: int | None = None, behaalde_score: int | None = None,
                benodigde_score: int | None = None) -> Leerbaarheidstoets:  # fmt: skip
    """`lbt_uitslag` (R-LBT-2, R-LBT-6): the LBT was taken inside its aanmeldtermijn; result J/N/O with the
    scores A, B and C (O: "geen vaststelling", scores optional). B-6 and S-23 show it, SS131 (fact: plicht,
    examennummer). The same result twice is one; another result for a taken LBT is refused."""
    _wi2021(persoon)
    lbt = _lbt(persoon, examennummer)
    velden = {"datum_toetsafname": datum_toetsafname, "resultaat": resultaat, "maximum_score": maximum_score,
              "behaalde_score": behaalde_score, "benodigde_score": benodigde_score}  # fmt: skip
    if lbt.status == LbtStatus.AFGENOMEN:
        if all(getattr(lbt, k) == v for k, v in velden.items()):
            return lbt
        raise ValidationError(LBT_UITSLAG_BEKEND.format(nr=examennummer), code="lbt_uitslag_bekend")
    if lbt.status == LbtStatus.VERLOPEN:
        raise ValidationError(LBT_IS_VERLOPEN.format(nr=examennummer), code="lbt_verlopen")
    if LbtOntheffing.objects.filter(plicht=lbt.plicht).exists():
        raise ValidationError(LBT_ONTHEVEN, code="lbt_ontheven")
    if not lbt.datum_aanmelding <= datum_toetsafname <= lbt.einde_aanmeldtermijn:
        raise ValidationError(LBT_BUITEN_TERMIJN.format(van=lbt.datum_aanmelding, tot=lbt.einde_aanmeldtermijn),
                              code="lbt_buiten_termijn")  # fmt: skip
    scores = (maximum_score, behaalde_score, benodigde_score)
    if resultaat != LbtResultaat.O and None in scores:
        raise ValidationError(LBT_SCORES_NODIG, code="lbt_scores")
    if maximum_score is not None and any(s is not None and s > maximum_score for s in scores[1:]):
        raise ValidationError(LBT_SCORE, code="lbt_score")
    for veld, waarde in velden.items():
        setattr(lbt, veld, waarde)
    lbt.status = LbtStatus.AFGENOMEN
    lbt.save()
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(persoon), persoon=persoon, obj=lbt,
          omschrijving=f"Uitslag leerbaarheidstoets {examennummer}",
          wijzigingen={"datum_toetsafname": [None, datum_toetsafname], "resultaat": [None, resultaat],
                       "behaalde_score": [None, behaalde_score]})  # fmt: skip
    uitzenden("SS131", persoon, lbt_feit(lbt.plicht, examennummer))
    return lbt


@transaction.atomic
def lbt_verlopen(*, actor, persoon: Persoon, examennummer: str, datum: date) -> Leerbaarheidstoets:
    """`lbt_verlopen` (R-LBT-6): the aanmeldtermijn passed without the LBT being taken. No signal of its own
    (SS138 warned a month before); DUO's automatic new LBT with a new examennummer follows as `lbt_aanmelding`
    (SS137). The same expiry twice is one."""
    _wi2021(persoon)
    lbt = _lbt(persoon, examennummer)
    if lbt.status == LbtStatus.VERLOPEN:
        return lbt
    if lbt.status == LbtStatus.AFGENOMEN:
        raise ValidationError(LBT_IS_AFGENOMEN.format(nr=examennummer), code="lbt_afgenomen")
    if datum < lbt.einde_aanmeldtermijn:
        raise ValidationError(LBT_TERMIJN_LOOPT.format(nr=examennummer, tot=lbt.einde_aanmeldtermijn),
                              code="lbt_termijn_loopt")  # fmt: skip
    lbt.status, lbt.datum_verlopen = LbtStatus.VERLOPEN, datum
    lbt.save(update_fields=["status", "datum_verlopen"])
    audit(actor=actor, actie=AuditActie.WIJZIGEN, gemeente=ontvanger(persoon), persoon=persoon, obj=lbt,
          omschrijving=f"Aanmeldtermijn leerbaarheidstoets {examennummer} verlopen",
          wijzigingen={"status": [LbtStatus.AANGEMELD.label, LbtStatus.VERLOPEN.label]})  # fmt: skip
    return lbt


def _ss137_intrekken(plicht: Inburgeringsplicht, oude_gemeente: Gemeente) -> None:
    """R-ACC-11 (§3.2.3 fn 5): the person moved while the LBT is still 'aangemeld' — SS137 leaves the old
    gemeente's list. The fact stays recorded, so a replayed aanmelding does not bring it back."""
    for nr in Leerbaarheidstoets.objects.filter(plicht=plicht, status=LbtStatus.AANGEMELD).values_list(
        "examennummer", flat=True
    ):
        sleutel = feit_sleutel(lbt_feit(plicht, nr), "SS137", oude_gemeente.code)
        verwijderd, _ = Signaal.objects.filter(feit=sleutel).delete()
        if verwijderd:
            vergeet_open_aantallen(oude_gemeente.id)
            audit(actor=DUO, actie=AuditActie.VERWIJDEREN, gemeente=oude_gemeente, persoon=plicht.persoon,
                  omschrijving=f"Signaal SS137 (leerbaarheidstoets {nr}) verwijderd: persoon verhuisd")  # fmt: skip
