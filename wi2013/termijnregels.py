"""S-9 deadline rules of the Wi2013 (seed 000 §3.6), run daily by signalen.termijnregels.

- SS602 "Termijn loopt over twee maanden af. Persoon moet pv nog ondertekenen.": the PVT term ends
  within two months (einde − 2 maanden <= peildatum <= einde) and there is no datum voldaan.
- SS603 "Termijn is overschreden. Persoon heeft PV niet getekend.": the term has passed
  (peildatum > einde) and there is no datum voldaan.
- SS604 "Persoon heeft nog niet getekend en er is nog geen reden voor opgenomen.": the term passed two
  weeks ago (peildatum >= einde + 14 dagen), no datum voldaan and no reden niet voldaan. A reason
  registered for this term that has since become final and was cleared (13-3, so that a second overrun
  can get its own reason) still counts: the PVT history holds it with the term's end date.

Only for persons DUO holds PVT-plichtig, alive, not struck off the BRP, under the Wi2013, to their
woongemeente. The fact is the person and the end date of the term: a re-run, or the next day, never
signals the same term twice; a new term (DUO sets another datum einde) is a new fact.

Each rule is one query for its candidates plus, per chunk, one query for the facts already signalled;
only new facts reach `signaal_uitzenden`, so a daily re-run costs a handful of queries.
"""

from collections.abc import Callable
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet

from inburgering.constants import Wet
from signalen.termijnregels import Termijnregel, registreer_termijnregel, termijnsignalen_uitzenden

from .models import PvtHistorie, Wi2013Persoon
from .regels import VOORAF

TWEE_MAANDEN = VOORAF  # the same two months as for registering a non-culpable reason
TWEE_WEKEN = timedelta(days=14)
MAANDEINDE_MARGE = timedelta(days=3)  # 30-04 − 2 maanden = 28-02, but 28-02 + 2 maanden = 28-04
CHUNK = 500


def pvt_plichtigen() -> QuerySet[Wi2013Persoon]:
    """PVT-plichtig, alive, not struck off, under the Wi2013, with a woongemeente and a term end, not signed."""
    return Wi2013Persoon.objects.filter(
        pvt_plichtig=True,
        datum_einde_pvt_plicht__isnull=False,
        datum_voldaan__isnull=True,
        persoon__wet=Wet.WI2013,
        persoon__datum_overlijden__isnull=True,
        persoon__uitgeschreven_uit_brp=False,
        persoon__woongemeente__isnull=False,
    )


def _uitzenden(
    code: str,
    kandidaten: QuerySet[Wi2013Persoon],
    peildatum: date,
    geldt: Callable[[date], bool] | None = None,
) -> int:
    """Emit `code` once per (person, datum einde PVT-plicht); returns how many signals are new.

    `geldt(einde)` narrows a candidate window that SQL can only approximate (calendar months)."""
    rijen = (
        kandidaten.order_by("pk")
        .values_list("pk", "persoon__bsn", "persoon__woongemeente__code", "datum_einde_pvt_plicht")
        .iterator(chunk_size=CHUNK)
    )
    if geldt is not None:
        rijen = (rij for rij in rijen if geldt(rij[3]))
    return termijnsignalen_uitzenden(wet=Wet.WI2013, code=code, rijen=rijen, peildatum=peildatum,
                                     gegevens=Wi2013Persoon.objects.all())  # fmt: skip


def ss602_termijn_loopt_af(peildatum: date) -> int:
    """SS602: einde − 2 maanden <= peildatum <= einde, not signed.

    "Two months before" is the same calendar subtraction as the rule for registering a non-culpable
    reason (wi2013.regels.VOORAF): the end of 30-04 gives 28-02. SQL selects a few days more and the
    exact boundary is applied per row."""
    kandidaten = pvt_plichtigen().filter(
        datum_einde_pvt_plicht__gte=peildatum,
        datum_einde_pvt_plicht__lte=peildatum + TWEE_MAANDEN + MAANDEINDE_MARGE,
    )
    return _uitzenden("SS602", kandidaten, peildatum, lambda einde: einde - TWEE_MAANDEN <= peildatum)


def ss603_termijn_overschreden(peildatum: date) -> int:
    """SS603: peildatum > einde, not signed."""
    kandidaten = pvt_plichtigen().filter(datum_einde_pvt_plicht__lt=peildatum)
    return _uitzenden("SS603", kandidaten, peildatum)


def ss604_geen_reden_na_twee_weken(peildatum: date) -> int:
    """SS604: peildatum >= einde + 14 dagen, not signed and no reason registered for this term."""
    reden_vastgelegd = PvtHistorie.objects.filter(
        gegevens=OuterRef("pk"),
        gebeurtenis="definitief",
        datum_einde_pvt_plicht=OuterRef("datum_einde_pvt_plicht"),
    ).exclude(reden_niet_voldaan="")
    kandidaten = (
        pvt_plichtigen()
        .filter(datum_einde_pvt_plicht__lte=peildatum - TWEE_WEKEN, reden_niet_voldaan="")
        .exclude(Exists(reden_vastgelegd))
    )
    return _uitzenden("SS604", kandidaten, peildatum)


REGELS = (
    Termijnregel("wi2013-ss602", "Termijn loopt over twee maanden af. Persoon moet pv nog ondertekenen.",
                 ss602_termijn_loopt_af),
    Termijnregel("wi2013-ss603", "Termijn is overschreden. Persoon heeft PV niet getekend.",
                 ss603_termijn_overschreden),
    Termijnregel("wi2013-ss604", "Persoon heeft nog niet getekend en er is nog geen reden voor opgenomen.",
                 ss604_geen_reden_na_twee_weken),
)  # fmt: skip


def registreer() -> None:
    """Register the Wi2013 deadline rules (call from ready(); idempotent, keyed by name)."""
    for regel in REGELS:
        registreer_termijnregel(regel)
