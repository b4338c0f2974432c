"""S-9 deadline rules of the Wi2021 (WI2021.md section 5, D-06, D-30), run daily by signalen.termijnregels.

- SS126 "Nog geen PIP ontvangen.": a running plicht (not tijdelijk vrijgesteld, not an SS128 person), today
  > start of the gemeente's 10-week window + 70 days, and no PIP for the plicht. To the window's gemeente.
  Fact: (plicht, gemeente, window start) — a new window after a move is a new fact.
- SS127 "Nog geen inburgeringsaanbod ontvangen.": an asielstatushouder (not SS128) whose active PIP was
  first registered more than 3 calendar months ago, without an inburgeringsaanbod. To the PIP's gemeente
  while the person still lives there (or is coupled to it). Fact: (plicht, PIP).
- SS138 "Aanmeldtermijn LBT verloopt binnen een maand.": an LBT still aangemeld (so not taken, not expired)
  of a running plicht whose person is not ontheven, and peildatum >= einde aanmeldtermijn - 1 month (D-06).
  To the gemeente of the person now. Fact: (plicht, LBT examennummer) — a new LBT is a new fact.

Only living persons under the Wi2021. Each rule is one query for its candidates plus, per chunk, one for
the facts already signalled; only new facts reach `signaal_uitzenden`, so a daily re-run costs a handful
of queries.
"""

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from itertools import islice

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from inburgering.constants import Wet
from inburgering.models import Gemeente
from signalen.models import UitgezondenFeit
from signalen.services import feit_sleutel
from signalen.termijnregels import Termijnregel, registreer_termijnregel

from .constants import Doelgroep, LbtStatus
from .models import Inburgeringsaanbod, Inburgeringsplicht, LbtOntheffing, Leerbaarheidstoets, Pip
from .regels import PIP_VENSTER
from .signalering import plicht_feit, uitzenden

DRIE_MAANDEN = relativedelta(months=3)
MAANDEINDE_MARGE = timedelta(days=3)  # SQL selects a few days more; the exact calendar rule is per row
CHUNK = 500


def _lopende_plichten() -> QuerySet[Inburgeringsplicht]:
    """Running (so not tijdelijk vrijgesteld), not SS128, of a living Wi2021 person."""
    return Inburgeringsplicht.objects.filter(
        reden_einde="",
        aow_binnen_zes_maanden=False,
        persoon__wet=Wet.WI2021,
        persoon__datum_overlijden__isnull=True,
    )


def _uitzenden(code: str, rijen: Iterable[tuple[int, int, str, str]], peildatum: date) -> int:
    """`rijen` yields (plicht pk, gemeente pk, gemeentecode, fact); emits the new facts only."""
    rijen, aantal = iter(rijen), 0
    while chunk := list(islice(rijen, CHUNK)):
        sleutels = {feit_sleutel(rij[3], code, rij[2]): rij for rij in chunk}
        # The facts, not the signals: retention deletes signals, the facts stay (S-7, S-9).
        bekend = set(UitgezondenFeit.objects.filter(feit__in=sleutels).values_list("feit", flat=True))
        nieuw = [rij for sleutel, rij in sleutels.items() if sleutel not in bekend]
        if not nieuw:
            continue
        plichten = Inburgeringsplicht.objects.select_related("persoon").in_bulk([rij[0] for rij in nieuw])
        gemeenten = Gemeente.objects.in_bulk([rij[1] for rij in nieuw])
        for plicht_pk, gemeente_pk, _, feit in nieuw:
            aantal += bool(uitzenden(code, plichten[plicht_pk].persoon, feit, gemeente=gemeenten[gemeente_pk],
                                     datum=peildatum))  # fmt: skip
    return aantal


def ss126_geen_pip(peildatum: date) -> int:
    """SS126: peildatum > pip_venster_start + 70 days (D-06) and no PIP for the plicht."""
    kandidaten = (
        _lopende_plichten()
        .filter(pip_venster_start__lt=peildatum - PIP_VENSTER, pip_venster_gemeente__isnull=False)
        .exclude(Exists(Pip.objects.filter(plicht=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", "pip_venster_gemeente_id", "pip_venster_gemeente__code", "pip_venster_start")
    )
    rijen = ((pk, gemeente, code, plicht_feit(pk, "venster", code, f"{start:%Y%m%d}"))
             for pk, gemeente, code, start in kandidaten.iterator(chunk_size=CHUNK))  # fmt: skip
    return _uitzenden("SS126", rijen, peildatum)


def zonder_aanbod(pips: QuerySet[Pip]) -> QuerySet[Pip]:
    """The one place for SS127's aanbod condition: "no inburgeringsaanbod (not ingetrokken) of that
    gemeente" (D-30)."""
    aanbod = Inburgeringsaanbod.objects.geldig().filter(
        plicht=OuterRef("plicht"), gemeente=OuterRef("gemeente")
    )
    return pips.exclude(Exists(aanbod))


def ss127_geen_aanbod(peildatum: date) -> int:
    """SS127: asielstatushouder, peildatum > first registration of the PIP + 3 months (D-06), no aanbod."""
    grens = timezone.make_aware(datetime.combine(peildatum - DRIE_MAANDEN + MAANDEINDE_MARGE, time.min))
    pips = zonder_aanbod(
        Pip.objects.filter(
            plicht__in=_lopende_plichten().filter(doelgroep=Doelgroep.ASIELSTATUSHOUDER),
            actief=True,
            initieel_geregistreerd_op__lt=grens,
        ).filter(
            Q(gemeente=F("plicht__persoon__toekomstige_gemeente"))
            | Q(
                plicht__persoon__toekomstige_gemeente__isnull=True,
                gemeente=F("plicht__persoon__woongemeente"),
            )
        )
    )
    kandidaten = pips.order_by("pk").values_list(
        "plicht_id", "gemeente_id", "gemeente__code", "pk", "initieel_geregistreerd_op"
    )
    rijen: Iterator = (
        (plicht, gemeente, code, plicht_feit(plicht, "pip", pip))
        for plicht, gemeente, code, pip, geregistreerd in kandidaten.iterator(chunk_size=CHUNK)
        if timezone.localdate(geregistreerd) + DRIE_MAANDEN < peildatum
    )
    return _uitzenden("SS127", rijen, peildatum)


LBT_WAARSCHUWING = relativedelta(months=1)  # SS138: "verloopt binnen 1 maand"


def ss138_lbt_verloopt(peildatum: date) -> int:
    """SS138: LBT aangemeld, not ontheven, peildatum >= einde aanmeldtermijn - 1 month (D-06)."""
    persoon = "plicht__persoon__"
    kandidaten = (
        Leerbaarheidstoets.objects.filter(
            status=LbtStatus.AANGEMELD,
            plicht__in=_lopende_plichten(),
            einde_aanmeldtermijn__lte=peildatum + LBT_WAARSCHUWING + MAANDEINDE_MARGE,
        )
        .exclude(Exists(LbtOntheffing.objects.filter(plicht=OuterRef("plicht"))))
        .annotate(
            ontvanger=Coalesce(f"{persoon}toekomstige_gemeente", f"{persoon}woongemeente"),
            ontvanger_code=Coalesce(f"{persoon}toekomstige_gemeente__code", f"{persoon}woongemeente__code"),
        )
        .filter(ontvanger__isnull=False)
        .order_by("pk")
        .values_list("plicht_id", "ontvanger", "ontvanger_code", "examennummer", "einde_aanmeldtermijn")
    )
    rijen: Iterator = (
        (plicht, gemeente, code, plicht_feit(plicht, "lbt", nummer))
        for plicht, gemeente, code, nummer, einde in kandidaten.iterator(chunk_size=CHUNK)
        if einde - LBT_WAARSCHUWING <= peildatum
    )
    return _uitzenden("SS138", rijen, peildatum)


REGELS = (
    Termijnregel("wi2021-ss126", "Nog geen PIP ontvangen.", ss126_geen_pip),
    Termijnregel("wi2021-ss127", "Nog geen inburgeringsaanbod ontvangen.", ss127_geen_aanbod),
    Termijnregel("wi2021-ss138", "Aanmeldtermijn LBT verloopt binnen een maand.", ss138_lbt_verloopt),
)


def registreer() -> None:
    """Register the Wi2021 deadline rules (call from ready(); idempotent, keyed by name)."""
    for regel in REGELS:
        registreer_termijnregel(regel)
