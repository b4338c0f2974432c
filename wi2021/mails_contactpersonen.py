"""The two contactpersoon e-mails (seed 001 §3.3, R-CP-8, R-CP-9, D-27), through the outbox.

- Weekly, Monday 07:00: per contactpersoon the new signals of its caseload, and for the algemeen contactpersoon
  also those of persons without a contactpersoon (two sections); counts per code with the §3.2.3 text and a
  link to the pre-filtered signal list. No BSNs or names: e-mail is not a secure channel. No signals, no mail.
- Daily, 18:00: per contactpersoon whose caseload changed, "Aantal koppelingen", "Aantal ontkoppelingen" and
  the caseload size (a transfer counts as koppelingen for the receiver).

Each run is a `Mailronde` with a fixed period (van, tot]; "nieuw" is what arrived in it, and the next run
starts where the previous one ended. Every mail has the idempotency key (soort, period, contactpersoon), so
the outbox holds at most one per contactpersoon and period. A run claims itself (like an outbox row) and
renews the claim per batch; a run whose worker died is resumed by `rondes_hervatten` (beat, every five
minutes) with the same period and keys: it queues only the mails that are not yet in the outbox.

The counts come from a few aggregate queries for all contactpersonen at once; the mails are queued in
batches, each batch one transaction.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from inburgering.constants import Wet
from inburgering.models import UitgaandeMail
from inburgering.outbox.services import Bericht, mails_in_wachtrij
from signalen.catalogus import catalogus
from signalen.models import Signaal

from .models import Contactpersoon, Koppeling, Mailronde, MailSoort
from .selectors_contactpersonen import GEEN

WEEK_MOMENT = time(7, 0)  # Monday (D-27)
DAG_MOMENT = time(18, 0)  # D-27
# Longer than one batch can take, so an expired claim means a dead worker. Settings only for the tests.
CLAIMDUUR = timedelta(seconds=getattr(settings, "WI2021_MAILRONDE_CLAIM_SECONDEN", 600))
BATCH = getattr(settings, "WI2021_MAILRONDE_BATCH", 500)
SLEUTEL = {MailSoort.WEEK: "wi2021-signalen", MailSoort.DAG: "wi2021-koppelingen"}
TEMPLATES = {MailSoort.WEEK: "mail/wi2021_signalen", MailSoort.DAG: "mail/wi2021_koppelingen"}


# --- periods --------------------------------------------------------------------------------------------


def week_periode(nu: datetime) -> tuple[str, datetime]:
    """The latest Monday 07:00 (Europe/Amsterdam) not after `nu`, and its ISO week as the period name."""
    lokaal = timezone.localtime(nu)
    maandag = lokaal.date() - timedelta(days=lokaal.weekday())
    tot = timezone.make_aware(datetime.combine(maandag, WEEK_MOMENT))
    if lokaal < tot:
        tot = timezone.make_aware(datetime.combine(maandag - timedelta(days=7), WEEK_MOMENT))
    jaar, week, _ = timezone.localtime(tot).isocalendar()
    return f"{jaar}W{week:02d}", tot


def dag_periode(nu: datetime) -> tuple[str, datetime]:
    """The latest 18:00 not after `nu`, named by its date."""
    lokaal = timezone.localtime(nu)
    dag = lokaal.date() if lokaal.time() >= DAG_MOMENT else lokaal.date() - timedelta(days=1)
    return f"{dag:%Y%m%d}", timezone.make_aware(datetime.combine(dag, DAG_MOMENT))


PERIODE = {MailSoort.WEEK: (week_periode, timedelta(days=7)), MailSoort.DAG: (dag_periode, timedelta(days=1))}


def sleutel(ronde: Mailronde, contactpersoon_id: int) -> str:
    return f"{SLEUTEL[ronde.soort]}-{ronde.periode}-{contactpersoon_id}"


# --- the jobs ---------------------------------------------------------------------------------------------


def weekmail_versturen(nu: datetime | None = None) -> int:
    """Beat, Monday 07:00: this week's run (after finishing any older one). Returns the mails queued."""
    return _ronde_versturen(MailSoort.WEEK, nu or timezone.now())


def koppelmail_versturen(nu: datetime | None = None) -> int:
    """Beat, daily 18:00: today's digest of koppelingen."""
    return _ronde_versturen(MailSoort.DAG, nu or timezone.now())


def rondes_hervatten(nu: datetime | None = None) -> int:
    """Beat, every five minutes: finish runs whose worker died (claim expired), oldest first."""
    nu = nu or timezone.now()
    onvoltooid = Mailronde.objects.filter(voltooid_op__isnull=True).filter(
        Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu)
    )
    return sum(_afwerken(ronde) for ronde in onvoltooid.order_by("tot"))


def _ronde_versturen(soort: str, nu: datetime) -> int:
    aantal = rondes_hervatten(nu)
    periode, tot = PERIODE[soort][0](nu)
    ronde = _ronde(soort, periode, tot)
    if ronde.voltooid_op is None:
        aantal += _afwerken(ronde)
    return aantal


def _ronde(soort: str, periode: str, tot: datetime) -> Mailronde:
    """This period's run; it starts where the previous run ended, so periods neither overlap nor leave gaps."""
    bestaand = Mailronde.objects.filter(soort=soort, periode=periode).first()
    if bestaand is not None:
        return bestaand
    vorige = Mailronde.objects.filter(soort=soort, tot__lt=tot).order_by("-tot").values_list("tot", flat=True)
    van = vorige.first() or tot - PERIODE[soort][1]
    try:
        with transaction.atomic():
            return Mailronde.objects.create(soort=soort, periode=periode, van=van, tot=tot)
    except IntegrityError:  # another worker created it just now
        return Mailronde.objects.get(soort=soort, periode=periode)


def _claim(ronde: Mailronde) -> bool:
    """One conditional UPDATE (autocommitted): a live claim of another worker, or a finished run, wins."""
    nu = timezone.now()
    return bool(
        Mailronde.objects.filter(pk=ronde.pk, voltooid_op__isnull=True)
        .filter(Q(geclaimd_tot__isnull=True) | Q(geclaimd_tot__lt=nu))
        .update(geclaimd_tot=nu + CLAIMDUUR)
    )


def _afwerken(ronde: Mailronde) -> int:
    """Queue every mail of the run that is not yet in the outbox, batch by batch; then mark it finished."""
    if not _claim(ronde):
        return 0
    inhoud = (
        _signalen_per_contactpersoon if ronde.soort == MailSoort.WEEK else _koppelingen_per_contactpersoon
    )(ronde)
    prefix = f"{SLEUTEL[ronde.soort]}-{ronde.periode}-"
    al_in_outbox = set(
        UitgaandeMail.objects.filter(sleutel__startswith=prefix).values_list("sleutel", flat=True)
    )
    te_doen = sorted(pk for pk in inhoud if sleutel(ronde, pk) not in al_in_outbox)
    aantal = 0
    for start in range(0, len(te_doen), BATCH):
        ids = te_doen[start : start + BATCH]
        personen = Contactpersoon.objects.select_related("gemeente").in_bulk(ids)
        with transaction.atomic():  # deleted since: no mail
            aantal += len(
                mails_in_wachtrij([_bericht(ronde, personen[pk], inhoud[pk]) for pk in ids if pk in personen])
            )
        Mailronde.objects.filter(pk=ronde.pk).update(geclaimd_tot=timezone.now() + CLAIMDUUR)
    Mailronde.objects.filter(pk=ronde.pk).update(
        voltooid_op=timezone.now(),
        geclaimd_tot=None,
        aantal_mails=UitgaandeMail.objects.filter(sleutel__startswith=prefix).count(),
    )
    return aantal


def _bericht(ronde: Mailronde, cp: Contactpersoon, inhoud) -> Bericht:
    map_ = TEMPLATES[ronde.soort]
    return Bericht(
        sleutel=sleutel(ronde, cp.pk),
        aan=[cp.email],
        onderwerp_template=f"{map_}/onderwerp.txt",
        tekst_template=f"{map_}/tekst.txt",
        html_template=f"{map_}/bericht.html",
        context={
            "contactpersoon": cp,
            "gemeente": cp.gemeente,
            "ronde": ronde,
            "inhoud": inhoud,
            "portaal": _portaal_url(),
        },  # fmt: skip
    )


def _portaal_url() -> str:
    return settings.PIB_PORTAAL_URL.rstrip("/")


# --- the weekly signals ----------------------------------------------------------------------------------


class Sectie:
    """One section of the weekly mail: per code the §3.2.3 text and the count, and the link to the list."""

    def __init__(self, titel: str, per_code: Counter, link: str, teksten: dict[str, str]):
        self.titel, self.link = titel, link
        self.regels = [(code, teksten.get(code, code), n) for code, n in sorted(per_code.items())]
        self.totaal = sum(per_code.values())


@dataclass
class Weekinhoud:
    eigen: Sectie | None = None
    zonder_contactpersoon: Sectie | None = None

    @property
    def secties(self) -> list[Sectie]:
        return [s for s in (self.eigen, self.zonder_contactpersoon) if s is not None]


EIGEN = "Nieuwe signalen voor de inburgeringsplichtigen in uw caseload"
ZONDER = (
    "Nieuwe signalen voor inburgeringsplichtigen zonder contactpersoon (u bent de algemeen contactpersoon)"
)


def _signalen_per_contactpersoon(ronde: Mailronde) -> dict[int, Weekinhoud]:
    """Two queries for all contactpersonen: the new signals of the period per (gemeente, linked
    contactpersoon, code), and the algemeen contactpersoon per gemeente (R-CP-8, fn 11)."""
    actueel = Koppeling.objects.filter(
        persoon=OuterRef("persoon"), gemeente=OuterRef("gemeente"), ingetrokken_op__isnull=True
    ).values("contactpersoon")[:1]
    rijen = (
        Signaal.objects.filter(wet=Wet.WI2021, aangemaakt_op__gt=ronde.van, aangemaakt_op__lte=ronde.tot)
        .annotate(cp=Subquery(actueel))
        .values_list("gemeente_id", "cp", "code")
        .annotate(aantal=Count("id"))
        .order_by()
    )
    algemeen = dict(Contactpersoon.objects.filter(algemeen=True).values_list("gemeente_id", "pk"))
    eigen: dict[int, Counter] = defaultdict(Counter)
    zonder: dict[int, Counter] = defaultdict(Counter)
    for gemeente_id, cp, code, aantal in rijen:
        if cp is not None:
            eigen[cp][code] += aantal
        elif gemeente_id in algemeen:
            zonder[algemeen[gemeente_id]][code] += aantal
    # "Selecteren signalen WI2021" filtered on the contactpersoon (or on none) from the period's start.
    lijst = _portaal_url() + reverse("signalen:selecteren", kwargs={"wet": "wi2021"})
    vanaf = timezone.localtime(ronde.van).strftime("%d-%m-%Y")

    def link(contactpersoon: str) -> str:
        return f"{lijst}?{urlencode({'contactpersoon': contactpersoon, 'datum_vanaf': vanaf})}"

    teksten = {code: s.omschrijving for code, s in catalogus(Wet.WI2021).items()}
    inhoud: dict[int, Weekinhoud] = defaultdict(Weekinhoud)
    for cp, per_code in eigen.items():
        inhoud[cp].eigen = Sectie(EIGEN, per_code, link(str(cp)), teksten)
    for cp, per_code in zonder.items():
        inhoud[cp].zonder_contactpersoon = Sectie(ZONDER, per_code, link(GEEN), teksten)
    return dict(inhoud)


# --- the daily koppelingen digest ------------------------------------------------------------------------


@dataclass(frozen=True)
class Daginhoud:
    koppelingen: int
    ontkoppelingen: int
    caseload: int


def _tellingen(qs, ids: Iterable[int] | None = None) -> dict[int, int]:
    if ids is not None:
        qs = qs.filter(contactpersoon_id__in=list(ids))
    return dict(qs.values_list("contactpersoon").annotate(n=Count("id")).order_by())


def _koppelingen_per_contactpersoon(ronde: Mailronde) -> dict[int, Daginhoud]:
    """Three queries: links made and links ended in the period per contactpersoon, and their caseloads."""
    gekoppeld = _tellingen(Koppeling.objects.filter(gekoppeld_op__gt=ronde.van, gekoppeld_op__lte=ronde.tot))
    ontkoppeld = _tellingen(
        Koppeling.objects.filter(ingetrokken_op__gt=ronde.van, ingetrokken_op__lte=ronde.tot)
    )
    ids = set(gekoppeld) | set(ontkoppeld)
    caseload = _tellingen(Koppeling.objects.actueel(), ids)
    return {pk: Daginhoud(gekoppeld.get(pk, 0), ontkoppeld.get(pk, 0), caseload.get(pk, 0)) for pk in ids}
