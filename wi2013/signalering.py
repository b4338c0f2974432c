"""Wi2013 signals caused by facts (seed 000 §3.6, §4.7): which change gives which code, in one place.

- BRP facts arrive as core events (`inburgering.gebeurtenissen`): a move gives SS613 to the new and
  SS614 to the old gemeente (A-6).
- Changes of the DUO-owned Wi2013 data come from `wi2013.duo` (admin, chain events), which calls the
  `bij_*` functions below inside its transaction: SS601, SS606–SS610 and, for the factuur, SS611/SS612.
- The deadline signals SS602, SS603 and SS604 are in `wi2013.termijnregels`.

Signals of changes go to the person's woongemeente (A-3: only it can see the person), only for living
persons under the Wi2013. The fact key is built from the new values, so the same change applied twice
(a replayed feed, the same message under another id) never gives a second signal.
"""

from typing import Any

from django.utils import timezone

from inburgering.constants import Wet
from inburgering.gebeurtenissen import Verhuizing, abonneer
from inburgering.models import Persoon
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


def ontvanger(persoon: Persoon):
    """The woongemeente of a living Wi2013 person, else None (no signal)."""
    if persoon.wet != Wet.WI2013 or persoon.datum_overlijden or not persoon.woongemeente_id:
        return None
    return persoon.woongemeente


def _waarde(waarde: Any) -> str:
    """A value as it appears in a fact key: J/N/leeg for booleans, yyyymmdd for dates."""
    if waarde is None:
        return "leeg"
    if isinstance(waarde, bool):
        return "J" if waarde else "N"
    if hasattr(waarde, "strftime"):
        return waarde.strftime("%Y%m%d")
    return str(waarde)


def duo_codes(oud: dict[str, Any], nieuw: dict[str, Any]) -> list[tuple[str, str]]:
    """(code, fact) for a change of the DUO-owned data; `oud`/`nieuw` hold the stored values before and
    after (a record that did not exist has the model defaults as `oud`: empty, inburgeringsplicht Ja).

    The fact is the new value ("datum_einde_pvt_plicht=20270117"): the same new state reached again (a
    replayed feed, also under new ids, or the same message under another id) is the same fact and never
    signals twice. The price: a value that returns to one signalled before (X → Y → X) does not signal
    the second X.
    """

    def gewijzigd(veld: str) -> bool:
        return veld in nieuw and oud.get(veld) != nieuw[veld]

    def feit(veld: str) -> str:
        return f"{veld}={_waarde(nieuw[veld])}"

    codes = []
    if gewijzigd("pvt_plichtig"):
        # SS601 "Persoon is PVT-plichtig" / SS607 "PVT-plicht van persoon is gewijzigd"; the start date
        # tells a new PVT-plicht apart from an earlier one.
        start = _waarde(nieuw.get("datum_start_pvt_plicht", oud.get("datum_start_pvt_plicht")))
        code = "SS601" if nieuw["pvt_plichtig"] is True else "SS607"
        codes.append((code, f"{feit('pvt_plichtig')}:start={start}"))
    for veld, code in (
        ("datum_start_pvt_plicht", "SS608"),  # Datum start PVT-plicht is gewijzigd
        ("datum_einde_pvt_plicht", "SS609"),  # Datum einde PVT-plicht is gewijzigd
        ("indicatie_inburgeringsplicht", "SS606"),  # Inburgeringsplicht van persoon is gewijzigd
        ("recht_op_mb", "SS610"),  # Recht op maatschappelijke begeleiding van persoon is gewijzigd
    ):
        if gewijzigd(veld):
            codes.append((code, feit(veld)))
    return codes


def _uitzenden(persoon: Persoon, codes: list[tuple[str, str]], prefix: str) -> list[str]:
    gemeente = ontvanger(persoon)
    if gemeente is None:
        return []
    vandaag = timezone.localdate()
    uitgezonden = []
    for code, feit in codes:
        if signaal_uitzenden(wet=Wet.WI2013, code=code, persoon=persoon, gemeente=gemeente, datum=vandaag,
                             feit=f"{prefix}:{feit}"):  # fmt: skip
            uitgezonden.append(code)
    return uitgezonden


def bij_duo_wijziging(persoon: Persoon, oud: dict[str, Any], nieuw: dict[str, Any]) -> list[str]:
    """Emit SS601, SS606, SS607, SS608, SS609, SS610 for one change of the DUO-owned data; returns the
    codes emitted (a code whose fact was signalled before is left out)."""
    return _uitzenden(persoon, duo_codes(oud, nieuw), f"wi2013:{persoon.bsn}")


def bij_factuur_beoordeeld(factuur, *, geaccepteerd: bool) -> list[str]:
    """SS612 "Persoon heeft factuur geaccepteerd" / SS611 "Persoon heeft factuur geweigerd".

    The fact is this factuur as it was judged (its number, date and debiteur) and the verdict: a factuur
    corrected after a refusal and refused again is a new fact, the same verdict replayed is not."""
    code = "SS612" if geaccepteerd else "SS611"
    feit = (f"factuur:{factuur.pk}:{factuur.factuurnummer}:{factuur.factuurdatum:%Y%m%d}:"
            f"{factuur.debiteurnummer}")  # fmt: skip
    return _uitzenden(factuur.gegevens.persoon, [(code, feit)], f"wi2013:{factuur.gegevens.persoon.bsn}")


def registreer() -> None:
    """Subscribe to the core events (call from ready(); idempotent, `abonneer` de-duplicates)."""
    abonneer(Verhuizing, bij_verhuizing)
