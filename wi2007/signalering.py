"""Wi2007 signals caused by facts (seed 002 §3.7): which change gives which code, in one place.

BRP facts arrive as core events (`inburgering.gebeurtenissen`); changes of the Wi2007 data itself
come from `wi2007.services` (admin, chain events), which calls the `bij_*` functions below inside
its transaction. Deadline signals (SS004, SS007, SS066) are in `wi2007.termijnregels`.

Every signal goes to the person's woongemeente (A-3: only it can see the person), only for persons
under the Wi2007, and carries a fact key so that the same fact never gives a signal twice.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.utils import timezone

from inburgering.constants import Wet
from inburgering.gebeurtenissen import (
    Overlijden,
    PersoonsgegevensGewijzigd,
    Verhuizing,
    VertrekUitNederland,
    abonneer,
)
from inburgering.models import Persoon
from signalen.services import signaal_uitzenden

from .constants import SoortVrijstelling, Uitslag, Verblijfsdoel, VerleendDoor

# SS052 "Persoons- en/of adresgegevens zijn volgens de GBA gewijzigd": the BRP fields that are
# persons- or address data and have no signal of their own. Not here: woongemeente/datum_vestiging
# (a move, SS001), datum_overlijden (SS008), datum_vertrek (SS011/SS010), geboortedatum (SS009),
# nationaliteit (SS012), and what is not GBA data (wet, toekomstige_gemeente, uitgeschreven_uit_brp).
PERSOONSGEGEVENS = ("bsn", "a_nummer", "voornamen", "voorvoegsels", "achternaam", "geslacht",
                    "geboorteland", "geboorteplaats")  # fmt: skip
ADRESGEGEVENS = ("straat", "huisnummer", "postcode", "woonplaats")
# The same for the GBA fields kept with the Wi2007 data.
WI2007_ADRESGEGEVENS = ("huisnummer_toevoeging", "locatieomschrijving")

# SS010: "binnen een jaar na vertrek uit Nederland in uw gemeente gevestigd" (seed 002 §3.7).
TERUGKEER_TERMIJN = timedelta(days=365)


def _ontvanger(persoon: Persoon):
    """The woongemeente of a living Wi2007 person, else None (no signal)."""
    if persoon.wet != Wet.WI2007 or persoon.datum_overlijden or not persoon.woongemeente_id:
        return None
    return persoon.woongemeente


def _uitzenden(persoon: Persoon, codes: Iterable[str], feit: str) -> list[str]:
    gemeente = _ontvanger(persoon)
    if gemeente is None:
        return []
    vandaag = timezone.localdate()
    uitgezonden = []
    for code in codes:
        if signaal_uitzenden(
            wet=Wet.WI2007, code=code, persoon=persoon, gemeente=gemeente, datum=vandaag, feit=feit
        ):
            uitgezonden.append(code)
    return uitgezonden


# --- BRP facts (core events) ------------------------------------------------------------------------


def bij_verhuizing(gebeurtenis: Verhuizing) -> None:
    """SS001 "Persoon is volgens GBA naar uw gemeente verhuisd" to the new gemeente."""
    if gebeurtenis.persoon.wet == Wet.WI2007:
        signaal_uitzenden(wet=Wet.WI2007, code="SS001", persoon=gebeurtenis.persoon,
                          gemeente=gebeurtenis.nieuwe_gemeente, datum=timezone.localdate(),
                          feit=gebeurtenis.feit)  # fmt: skip


def bij_overlijden(gebeurtenis: Overlijden) -> None:
    """SS008 "Persoon is volgens GBA overleden"."""
    persoon = gebeurtenis.persoon
    if persoon.wet == Wet.WI2007 and persoon.woongemeente:
        signaal_uitzenden(wet=Wet.WI2007, code="SS008", persoon=persoon, gemeente=persoon.woongemeente,
                          datum=timezone.localdate(), feit=gebeurtenis.feit)  # fmt: skip


def bij_vertrek(gebeurtenis: VertrekUitNederland) -> None:
    """SS011 "Persoon verblijft volgens GBA buiten Nederland"."""
    persoon = gebeurtenis.persoon
    if persoon.wet == Wet.WI2007 and persoon.woongemeente:
        signaal_uitzenden(wet=Wet.WI2007, code="SS011", persoon=persoon, gemeente=persoon.woongemeente,
                          datum=timezone.localdate(), feit=gebeurtenis.feit)  # fmt: skip


def brp_codes(persoon: Persoon, wijzigingen: dict) -> list[str]:
    """The codes a change of BRP data {veld: [oud, nieuw]} gives for a Wi2007 person."""
    codes = []
    if "geboortedatum" in wijzigingen:
        codes.append("SS009")  # gewijzigde geboortedatum
    if "nationaliteit" in wijzigingen:
        codes.append("SS012")  # gewijzigde nationaliteit
    if "datum_vertrek" in wijzigingen:
        vertrek, nieuw = wijzigingen["datum_vertrek"]
        if vertrek and not nieuw:  # back in the Netherlands
            terug = persoon.datum_vestiging or timezone.localdate()
            if terug < vertrek:  # the vestiging on record is the one before the departure
                terug = timezone.localdate()
            if terug - vertrek <= TERUGKEER_TERMIJN:
                codes.append("SS010")
    velden = PERSOONSGEGEVENS
    if "woongemeente" not in wijzigingen:  # a new address in another gemeente is part of the move (SS001)
        velden += ADRESGEGEVENS
    if any(veld in wijzigingen for veld in velden):
        codes.append("SS052")
    return codes


def bij_persoonsgegevens_gewijzigd(gebeurtenis: PersoonsgegevensGewijzigd) -> None:
    """SS009, SS010, SS012, SS052 from a change of BRP data; the event's fact key makes it idempotent."""
    persoon = gebeurtenis.persoon
    if _ontvanger(persoon) is not None:
        _uitzenden(persoon, brp_codes(persoon, gebeurtenis.wijzigingen), gebeurtenis.feit)


# --- Changes of the Wi2007 data (called by wi2007.services) ------------------------------------------

KORTE_VRIJSTELLINGSTOETS = "vrijstellingstoets"


def geslaagd_voor_vrijstellingstoets(gegevens) -> bool:
    return gegevens.examens.filter(
        examen__icontains=KORTE_VRIJSTELLINGSTOETS, uitslag=Uitslag.GESLAAGD
    ).exists()


def wi2007_codes(gegevens, oud: dict, *, nieuw_record: bool) -> list[str]:
    """The codes a change of Wi2007 data gives; `oud` holds the previous values of the changed fields.

    A record that is created is the person being taken up in ISI: only SS064 (as nieuwkomer), none
    of the "gewijzigd" codes, which are about a known value that changed.
    """

    def gewijzigd(veld: str) -> bool:
        return veld in oud and oud[veld] != getattr(gegevens, veld)

    if nieuw_record:
        # SS064 "Persoon o.b.v. gegevens IND als nieuwkomer in ISI opgenomen".
        return ["SS064"] if gegevens.oudkomer is False else []
    codes = []
    if gewijzigd("verblijfsdoel") and gegevens.verblijfsdoel == Verblijfsdoel.TIJDELIJK:
        codes.append("SS002")  # Tijdelijk verblijfsdoel volgens IND
    if gewijzigd("rechtmatig_verblijf") and None not in (
        oud["rechtmatig_verblijf"],
        gegevens.rechtmatig_verblijf,
    ):
        codes.append("SS003")  # was onrechtmatig en is nu rechtmatig, of andersom
        if gegevens.rechtmatig_verblijf and gegevens.oudkomer is False:
            codes.append("SS060")  # als nieuwkomer aangemerkt o.b.v. rechtmatig verblijf volgens de GBA
    if gewijzigd("gehele_vrijstelling_duo") and gegevens.gehele_vrijstelling_duo:
        if geslaagd_voor_vrijstellingstoets(gegevens):
            codes.append("SS017")  # gehele vrijstelling: korte vrijstellingstoets met goed gevolg
        elif gegevens.vrijwillig:
            codes.append("SS031")  # vrijwillig inburgeraar met een diploma dat geheel vrijstelt
        else:
            codes.append("SS006")  # gehele vrijstelling wegens diploma (diplomaregister)
    if gewijzigd("nationaliteit_2"):
        codes.append("SS012")
    if gewijzigd("asielgerechtigd") and bool(oud["asielgerechtigd"]) != bool(gegevens.asielgerechtigd):
        codes.append("SS015")
    if gewijzigd("diploma_behaald") and gegevens.diploma_behaald:
        codes.append("SS016")
    if (
        gewijzigd("inburgeringsplichtig")
        and gegevens.inburgeringsplichtig
        and oud["inburgeringsplichtig"] is not True
    ):
        codes.append("SS050")  # mogelijkerwijs inburgeringsplichtig geworden
    if any(gewijzigd(veld) for veld in WI2007_ADRESGEGEVENS):
        codes.append("SS052")
    return codes


def bij_wi2007_wijziging(gegevens, oud: dict, *, nieuw_record: bool, feit: str) -> list[str]:
    """Emit the codes of one change of the Wi2007 data; returns the codes emitted."""
    return _uitzenden(gegevens.persoon, wi2007_codes(gegevens, oud, nieuw_record=nieuw_record), feit)


def bij_examenuitslag(examen, *, feit: str) -> list[str]:
    """SS065: deelgenomen aan (een onderdeel van) het inburgeringsexamen."""
    return _uitzenden(examen.persoon.persoon, ["SS065"], feit)


def bij_vrijstelling(vrijstelling, *, nieuw: bool, einde_gewijzigd: bool) -> list[str]:
    """SS005 when a tijdelijke vrijstelling ends without diploma; SS065 when DUO grants a gedeeltelijke."""
    gegevens = vrijstelling.persoon
    if vrijstelling.soort == SoortVrijstelling.TIJDELIJK:
        if einde_gewijzigd and vrijstelling.datum_einde and not gegevens.diploma_behaald:
            feit = f"wi2007-vrijstelling:{vrijstelling.pk}:einde:{vrijstelling.datum_einde:%Y%m%d}"
            return _uitzenden(gegevens.persoon, ["SS005"], feit)
    elif nieuw and vrijstelling.verleend_door == VerleendDoor.DUO:
        return _uitzenden(gegevens.persoon, ["SS065"], f"wi2007-vrijstelling:{vrijstelling.pk}")
    return []


def registreer() -> None:
    """Subscribe to the core events (call from ready(); idempotent, `abonneer` de-duplicates)."""
    abonneer(Verhuizing, bij_verhuizing)
    abonneer(Overlijden, bij_overlijden)
    abonneer(VertrekUitNederland, bij_vertrek)
    abonneer(PersoonsgegevensGewijzigd, bij_persoonsgegevens_gewijzigd)
