"""Reads that matter: scoped to the active gemeente and audited where they show person data."""

from dataclasses import dataclass

from .access import Toegang
from .audit import audit
from .models import AuditActie, Persoon
from .registry import persoon_url


@dataclass(frozen=True)
class WetUitkomst:
    """Result of "Onder welke wet valt een persoon" (seed 001 §3.4, seed 002 §3.10)."""

    wet_label: str | None  # None: not known under any Wet inburgering
    in_gemeente: bool
    overleden: bool
    gegevens_url: str | None  # "Ga naar de gegevens van deze persoon", only with a role for that law

    @property
    def melding(self) -> str:
        if self.wet_label is None:
            return "Persoon valt niet onder een Wet inburgering."
        if self.in_gemeente:
            return f"Persoon valt onder de {self.wet_label}."
        return f"Persoon valt onder de {self.wet_label}, maar is niet woonachtig in uw gemeente."


def onder_welke_wet(*, actor, toegang: Toegang, bsn: str) -> WetUitkomst:
    """The law a BSN falls under. Other gemeenten learn the law only, never the person's data (A-3)."""
    persoon = (
        Persoon.objects.filter(bsn=bsn)
        .only("id", "bsn", "wet", "woongemeente_id", "toekomstige_gemeente_id", "datum_overlijden")
        .first()
    )
    gemeente = toegang.gemeente
    if persoon is None or not persoon.wet:
        uitkomst = WetUitkomst(wet_label=None, in_gemeente=False, overleden=False, gegevens_url=None)
    else:
        in_gemeente = gemeente is not None and gemeente.id in (
            persoon.woongemeente_id,
            persoon.toekomstige_gemeente_id,
        )
        url = persoon_url(persoon.wet, persoon) if in_gemeente and toegang.mag_lezen(persoon.wet) else None
        uitkomst = WetUitkomst(
            wet_label=persoon.get_wet_display(),
            in_gemeente=in_gemeente,
            overleden=persoon.is_overleden,
            gegevens_url=url,
        )
    audit(
        actor=actor,
        actie=AuditActie.ZOEKEN,
        gemeente=gemeente,
        bsn=bsn,
        omschrijving=f"Onder welke wet valt een persoon: {uitkomst.melding}",
    )
    return uitkomst
