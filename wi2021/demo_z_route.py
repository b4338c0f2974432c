"""Demo Z-route persons (§3.6.15, §3.6.16), told after all batches of `seed_demo` like a gemeente would:
persons in the Zelfredzaamheidsroute with a final PIP get their MAP and PVT registered through the services by
their gemeente's caseworker; then some are ready for the eindgesprek (the B-15 link), some had it registered
less than two weeks ago (changeable), some two weeks ago or longer — the daily job, run as of that day, made it
final: the plicht ended, the certificate was issued and SS141 signalled — and of those some certificates were
already handed over ("Handel af").

Only persons whose signals all stay true once the plicht ends are chosen (SS101, SS102, SS139), so every
signal keeps agreeing with the data (test_demo_waarheid). As in `wi2021.demo`, a registration is done today
through the service (every rule of today applied) and then moved to its day in the story. A re-run adds
nothing: once any eindgesprek exists, the story has been told.
"""

import random
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from inburgering.models import Gemeente
from inburgering.registry import DemoAanvulling, registreer_demo
from signalen.models import Signaal

from .constants import Leerroute
from .demo import Context
from .models import EindgesprekZRoute, Pip, Traject, Trajectresultaat, ZRouteCertificaat
from .services_map_pvt import traject_doorgeven
from .services_z_route import certificaat_afhandelen, eindgesprek_doorgeven, eindgesprekken_definitief_maken

AANTAL = 16  # Z-route persons with a story here, Groningen's first (the demo medewerker's gemeente)
TOESTANDEN = ("klaar", "voorlopig", "definitief", "afgehandeld")  # in turn
ONSCHULDIGE_SIGNALEN = {"SS101", "SS102", "SS139"}  # their facts stay true when the plicht ends


def _moment(rng: random.Random, dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(rng.randint(8, 16), rng.randint(0, 59))))


def _kandidaten(ctx: Context, vandaag: date) -> list[Pip]:
    pips = list(
        Pip.objects.filter(
            leerroute=Leerroute.Z, definitief=True, actief=True, plicht__reden_einde="",
            plicht__persoon__datum_overlijden__isnull=True, plicht__persoon__datum_vertrek__isnull=True,
            plicht__persoon__toekomstige_gemeente__isnull=True, plicht__persoon__verhuizingen__isnull=True,
            plicht__trajectresultaten__isnull=True,
            initieel_geregistreerd_op__lt=timezone.make_aware(datetime.combine(vandaag - timedelta(days=120), time.min)),
        ).select_related("plicht__persoon").order_by("plicht__persoon__bsn")
    )  # fmt: skip
    pips = [p for p in pips if p.gemeente_id == p.plicht.persoon.woongemeente_id]
    signalen: dict[int, set[str]] = {}
    for persoon_id, code in Signaal.objects.filter(
        persoon_id__in=[p.plicht.persoon_id for p in pips]
    ).values_list("persoon_id", "code"):
        signalen.setdefault(persoon_id, set()).add(code)
    pips = [p for p in pips if signalen.get(p.plicht.persoon_id, set()) <= ONSCHULDIGE_SIGNALEN]
    return sorted(pips, key=lambda p: p.gemeente_id not in ctx.groningen_ids)[:AANTAL]


def afronden(seed: int, vandaag: date) -> None:
    if (
        EindgesprekZRoute.objects.exists()
        or Trajectresultaat.objects.filter(plicht__pip__leerroute="Z").exists()
    ):
        return
    ctx = Context.laden(seed, vandaag)
    for nummer, pip in enumerate(_kandidaten(ctx, vandaag)):
        actor = ctx.behandelaar(pip.gemeente_id)
        if actor is None:
            continue
        persoon = pip.plicht.persoon
        rng = random.Random(f"{seed}:{persoon.bsn}:z-route")
        toestand = TOESTANDEN[nummer % len(TOESTANDEN)]
        try:
            _verhaal(rng, actor, Gemeente.objects.get(pk=pip.gemeente_id), pip, toestand, vandaag)
        except ValidationError:
            continue  # the rules of today refuse this person (e.g. a later plicht): no story


def _verhaal(rng, actor, gemeente, pip: Pip, toestand: str, vandaag: date) -> None:
    persoon = pip.plicht.persoon
    start = max(pip.plicht.datum_start, timezone.localdate(pip.initieel_geregistreerd_op))
    if toestand in ("definitief", "afgehandeld"):
        laatste = vandaag - timedelta(days=rng.randint(20, 60))  # the eindgesprek, registered that day
    elif toestand == "voorlopig":
        laatste = vandaag - timedelta(days=rng.randint(0, 10))
    else:
        laatste = vandaag - timedelta(days=rng.randint(1, 20))
    datums = {}
    for traject in (Traject.MAP, Traject.PVT):  # done in the weeks before the eindgesprek
        datums[traject] = min(laatste, max(start, laatste - timedelta(days=rng.randint(2, 40))))
        resultaat = traject_doorgeven(actor=actor, gemeente=gemeente, persoon=persoon, traject=traject,
                                      datum=datums[traject])  # fmt: skip
        Trajectresultaat.objects.filter(pk=resultaat.pk).update(
            geregistreerd_op=_moment(rng, datums[traject])
        )
    if toestand == "klaar":
        return  # B-15 offers "Geef de datum van het eindgesprek Z-route door"
    # Held after both and registered on `laatste`: recently for "voorlopig", two weeks ago or longer else.
    registratie = laatste
    gesprek_dag = min(registratie, max(datums.values()) + timedelta(days=rng.randint(0, 2)))
    gesprek = eindgesprek_doorgeven(actor=actor, gemeente=gemeente, persoon=persoon, datum=gesprek_dag)
    moment = _moment(rng, registratie)
    EindgesprekZRoute.objects.filter(pk=gesprek.pk).update(geregistreerd_op=moment, gewijzigd_op=moment)
    if toestand == "voorlopig":
        return
    # The daily job as it ran two weeks after the registration: the plicht ends, certificate, SS141.
    definitief = timezone.make_aware(datetime.combine(registratie + timedelta(days=14), time(0, 40)))
    eindgesprekken_definitief_maken(nu=definitief)
    if toestand == "afgehandeld":
        certificaat = ZRouteCertificaat.objects.get(eindgesprek=gesprek)
        certificaat_afhandelen(actor=actor, gemeente=certificaat.gemeente, certificaat_id=certificaat.pk)
        dag = min(vandaag, timezone.localdate(definitief) + timedelta(days=rng.randint(1, 5)))
        ZRouteCertificaat.objects.filter(pk=certificaat.pk).update(afgehandeld_op=dag)


def samenvatting() -> str:
    return (
        f"{EindgesprekZRoute.objects.count()} eindgesprekken Z-route, "
        f"{ZRouteCertificaat.objects.count()} Z-route certificaten"
    )


def registreer() -> None:
    """After the Wi2021 stories (the final Z-route PIPs exist then) and the daily rules (whose signals are
    left alone): keyed by name, so registering twice is harmless."""
    registreer_demo(DemoAanvulling("wi2021_z_route", lambda *args: None, samenvatting, afronden=afronden))
