"""Wi2021 signals caused by facts (seed 001 §3.2.3, §4.1; WI2021.md section 5): who receives them and
what makes them one fact, in one place.

- DUO-side decisions (plicht, doelgroep, termijn, verzoeken, contracts …) come from `wi2021.duo`, which
  calls `uitzenden` inside its transaction.
- BRP facts arrive as core events (`inburgering.gebeurtenissen`); the handlers below hand them to
  `wi2021.duo`, which changes the plicht and emits SS111, SS120/SS121/SS122, SS123 and SS139.
- The deadline signals SS126 and SS127 are in `wi2021.termijnregels`.

Recipient: the gemeente where the person lives or to which the COA coupled them (R-ACC-1; seed 004
§3.2), unless section 5 says otherwise (SS122 and SS123 go to the gemeente that was left). The fact key
names the fact as section 5 defines it, so the same fact twice — a replayed feed, the same decision under
another message id — gives one signal.
"""

from datetime import date

from django.utils import timezone

from inburgering.constants import Wet
from inburgering.gebeurtenissen import Overlijden, PersoonsgegevensGewijzigd, VertrekUitNederland, abonneer
from inburgering.models import Gemeente, Persoon
from signalen.services import signaal_uitzenden


def ontvanger(persoon: Persoon) -> Gemeente | None:
    """The COA koppelingsgemeente while the person still lives in an AZC, else the woongemeente."""
    return persoon.toekomstige_gemeente or persoon.woongemeente


def gevestigd(persoon: Persoon) -> bool:
    """Settled per DUO: a woongemeente and no COA koppeling elsewhere (no longer in an AZC)."""
    return persoon.woongemeente_id is not None and persoon.toekomstige_gemeente_id in (
        None,
        persoon.woongemeente_id,
    )


def plicht_feit(plicht, *delen) -> str:
    """A fact about one plicht (a model or its pk): "wi2021:plicht:<pk>:…"."""
    return ":".join(["wi2021", "plicht", str(getattr(plicht, "pk", plicht)), *map(str, delen)])


def persoon_feit(persoon: Persoon, *delen) -> str:
    return ":".join(["wi2021", "persoon", persoon.bsn, *map(str, delen)])


def uitzenden(
    code: str, persoon: Persoon, feit: str, gemeente: Gemeente | None = None, datum: date | None = None
):
    """Emit one Wi2021 signal; None when there is no recipient or the fact was signalled before."""
    gemeente = gemeente or ontvanger(persoon)
    if gemeente is None:
        return None
    return signaal_uitzenden(wet=Wet.WI2021, code=code, persoon=persoon, gemeente=gemeente,
                             datum=datum or timezone.localdate(), feit=feit)  # fmt: skip


# --- BRP facts -----------------------------------------------------------------------------------------


def bij_persoonsgegevens_gewijzigd(gebeurtenis: PersoonsgegevensGewijzigd) -> None:
    """A new woongemeente. Read from this event rather than `Verhuizing` because only it tells whether the
    person was still COA-coupled before the change: leaving the AZC is a settlement (SS139, D-30), not a
    move (SS120/SS121/SS122)."""
    wijzigingen = gebeurtenis.wijzigingen
    if "woongemeente" not in wijzigingen or gebeurtenis.persoon.wet != Wet.WI2021:
        return
    from . import duo

    oude_gemeente, nieuwe_gemeente = wijzigingen["woongemeente"]
    oude_koppeling = wijzigingen.get("toekomstige_gemeente", [gebeurtenis.persoon.toekomstige_gemeente])[0]
    duo.woongemeente_gewijzigd(persoon=gebeurtenis.persoon, oude_gemeente=oude_gemeente,
                               nieuwe_gemeente=nieuwe_gemeente, uit_azc=oude_koppeling is not None)  # fmt: skip


def bij_overlijden(gebeurtenis: Overlijden) -> None:
    """SS111 "Einde inburgeringsplicht – Persoon is overleden"; the plicht ends."""
    if gebeurtenis.persoon.wet == Wet.WI2021:
        from . import duo

        duo.persoon_overleden(persoon=gebeurtenis.persoon, datum=gebeurtenis.datum)


def bij_vertrek(gebeurtenis: VertrekUitNederland) -> None:
    """SS123 "Vertrokken uit Nederland", to the gemeente that was left."""
    if gebeurtenis.persoon.wet == Wet.WI2021:
        from . import duo

        duo.vertrokken_uit_nederland(persoon=gebeurtenis.persoon, datum=gebeurtenis.datum)


def registreer() -> None:
    """Subscribe to the core events (call from ready(); idempotent, `abonneer` de-duplicates)."""
    abonneer(PersoonsgegevensGewijzigd, bij_persoonsgegevens_gewijzigd)
    abonneer(Overlijden, bij_overlijden)
    abonneer(VertrekUitNederland, bij_vertrek)
