"""S-9 deadline rules of the Wi2007 (seed 002 §3.7), run daily by signalen.termijnregels.

- SS004 "Einde (verlengde) handhavingstermijn nadert": the term ends within six months.
- SS066 "Persoon heeft het einde van de (verlengde) handhavingstermijn bereikt": the term has ended.
  Both for persons the gemeente handhaaft, ISI Actief, alive, without diploma or gehele vrijstelling.
  The fact is the person and the end date: an extended term is a new fact, a re-run is not.
- SS007 "Persoon heeft de inburgeringsplichtige leeftijd bereikt": 18 years old within the last week,
  without a (tijdelijke) vrijstelling for an education or a diploma.

Each rule is one query for its candidates plus, per chunk, one query for the facts already signalled;
only new facts reach `signaal_uitzenden`, so a daily re-run costs a handful of queries.
"""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet

from dateutil.relativedelta import relativedelta

from inburgering.constants import Wet
from signalen.termijnregels import Termijnregel, registreer_termijnregel, termijnsignalen_uitzenden

from .constants import Herkomst, SoortVrijstelling
from .models import Vrijstelling, Wi2007Persoon

ZES_MAANDEN = relativedelta(months=6)
INBURGERINGSPLICHTIGE_LEEFTIJD = relativedelta(years=18)
# SS007 looks back one week, so a missed daily run is caught up; shorter than the week after which
# an Afgehandeld signal is deleted (S-7), so a deleted SS007 is never emitted again.
INHAALTERMIJN = timedelta(days=7)
CHUNK = 500


def _levende_wi2007() -> QuerySet[Wi2007Persoon]:
    return Wi2007Persoon.objects.filter(
        persoon__wet=Wet.WI2007,
        persoon__datum_overlijden__isnull=True,
        persoon__woongemeente__isnull=False,
        herkomst=Herkomst.ACTIEF,
    )


def gehandhaafd() -> QuerySet[Wi2007Persoon]:
    """Persons a gemeente handhaaft whose term can still run out: no diploma, not wholly exempted."""
    return _levende_wi2007().filter(
        gehandhaafd=True,
        diploma_behaald=False,
        gehele_vrijstelling_duo=False,
        einde_handhavingstermijn__isnull=False,
    )


def _uitzenden(code: str, kandidaten: QuerySet[Wi2007Persoon], datum_veld: str, peildatum: date) -> int:
    """Emit `code` once per (person, date in `datum_veld`); returns how many signals are new."""
    rijen = (
        kandidaten.order_by("pk")
        .values_list("pk", "persoon__bsn", "persoon__woongemeente__code", datum_veld)
        .iterator(chunk_size=CHUNK)
    )
    return termijnsignalen_uitzenden(wet=Wet.WI2007, code=code, rijen=rijen, peildatum=peildatum,
                                     gegevens=Wi2007Persoon.objects.all())  # fmt: skip


def ss004_einde_handhavingstermijn_nadert(peildatum: date) -> int:
    """SS004: peildatum < einde (verlengde) handhavingstermijn <= peildatum + 6 maanden."""
    kandidaten = gehandhaafd().filter(
        einde_handhavingstermijn__gt=peildatum, einde_handhavingstermijn__lte=peildatum + ZES_MAANDEN
    )
    return _uitzenden("SS004", kandidaten, "einde_handhavingstermijn", peildatum)


def ss066_einde_handhavingstermijn_bereikt(peildatum: date) -> int:
    """SS066: einde (verlengde) handhavingstermijn <= peildatum."""
    kandidaten = gehandhaafd().filter(einde_handhavingstermijn__lte=peildatum)
    return _uitzenden("SS066", kandidaten, "einde_handhavingstermijn", peildatum)


def ss007_inburgeringsplichtige_leeftijd(peildatum: date) -> int:
    """SS007: turned 18 in the last week; no diploma, no gehele vrijstelling, no running tijdelijke
    vrijstelling (which is the one "in verband met een opleiding")."""
    opleiding = Vrijstelling.objects.filter(
        Q(datum_einde__isnull=True) | Q(datum_einde__gt=peildatum),
        persoon=OuterRef("pk"),
        soort=SoortVrijstelling.TIJDELIJK,
        datum_start__lte=peildatum,
    )
    achttien = peildatum - INBURGERINGSPLICHTIGE_LEEFTIJD  # born on or before: 18 on the peildatum
    kandidaten = (
        _levende_wi2007()
        .filter(
            diploma_behaald=False,
            gehele_vrijstelling_duo=False,
            persoon__geboortedatum__lte=achttien,
            persoon__geboortedatum__gt=(peildatum - INHAALTERMIJN) - INBURGERINGSPLICHTIGE_LEEFTIJD,
        )
        .exclude(Exists(opleiding))
    )
    return _uitzenden("SS007", kandidaten, "persoon__geboortedatum", peildatum)


REGELS = (
    Termijnregel("wi2007-ss004", "Einde (verlengde) handhavingstermijn nadert", ss004_einde_handhavingstermijn_nadert),
    Termijnregel("wi2007-ss007", "Persoon heeft de inburgeringsplichtige leeftijd bereikt",
                 ss007_inburgeringsplichtige_leeftijd),
    Termijnregel("wi2007-ss066", "Persoon heeft het einde van de (verlengde) handhavingstermijn bereikt",
                 ss066_einde_handhavingstermijn_bereikt),
)  # fmt: skip


def registreer() -> None:
    """Register the Wi2007 deadline rules (call from ready(); idempotent, keyed by name)."""
    for regel in REGELS:
        registreer_termijnregel(regel)
