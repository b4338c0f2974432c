"""Demo data for what the gemeente carries out after the PIP (issue 11 item 5): inburgeringsaanbod (B-8),
MAP and PVT (B-9) and deelgenomen uren (B-10), for the Wi2021 demo persons with a story.

Everything goes through the gemeente's own services (`services_aanbod`, `services_map_pvt`,
`services_uren`) by the gemeente's demo caseworker, so the data obeys the same rules a caseworker meets;
a refusal leaves that step out. As `wi2021.demo` does with the PIP, a registration is made today and then
moved to its day in the story (its `geregistreerd_op`).

- Settled persons with a final PIP of their own gemeente get one of `SCENARIOS` (by BSN):
  everything done (aanbod actueel, MAP and PVT voldaan, uren of all six kinds, D-18); an aanbod withdrawn
  ("Verwijder", D-32) next to a current one; MAP voldaan and PVT pending with participatie-uren; nothing
  yet. A gezinsmigrant gets no aanbod (R-AB-1) and no instelling uren (R-UR-1): PVT and participatie-uren.
- A person who moves: before the move their old gemeente registered an aanbod, the MAP and uren
  (`voor_verhuizing`). When the new gemeente re-establishes the PIP that aanbod turns niet actueel
  (R-ACC-8) on that day; where the new gemeente has not done so yet it does so here, alternately less and
  more than 28 days ago, so the old gemeente is inside its window (and brings its instelling uren up to
  date, "nog 4 weken", D-03) or past it. The new gemeente registers its own participatie-uren: B-10 lists
  both gemeenten' rows (D-31).

Idempotent: a plicht that already has any aanbod, MAP/PVT result or uren is left alone.
"""

import hashlib
import logging
import random
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from inburgering.constants import Wet
from inburgering.models import Gemeente, Persoon, Verhuizing
from inburgering.registry import DemoAanvulling, registreer_demo

from .constants import Alfabetisering, Doelgroep, Leerroute, SoortInstelling
from .demo import BEVESTIGD, Context, Verhaal, _moment
from .models import (
    AanbodStatus,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    Instelling,
    Traject,
    Trajectresultaat,
    TrajectresultaatHistorie,
    Urenregistratie,
    Urensoort,
    Urenstand,
)
from .regels import OUDE_GEMEENTE_VENSTER
from .services_aanbod import aanbod_intrekken, aanbod_toevoegen
from .services_map_pvt import traject_doorgeven
from .services_uren import uren_doorgeven, uren_instelling_doorgeven

logger = logging.getLogger(__name__)

# What the gemeente has done for a settled person with a final PIP (per BSN); see the module docstring.
SCENARIOS = ("alles", "ingetrokken", "map_pvt_open", "nog_niets")
WEIGERINGEN = (ValidationError, PermissionDenied)


def _trek(seed: int, bsn: str, wat: str) -> random.Random:
    return random.Random(f"{seed}:{bsn}:wi2021-{wat}")


def _dag_tussen(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


class Uitvoering:
    """One person's aanbod, MAP/PVT and uren, by one gemeente's caseworker, registered between two dates."""

    def __init__(self, ctx: Context, plicht: Inburgeringsplicht, gemeente: Gemeente, rng: random.Random):
        self.ctx, self.plicht, self.gemeente, self.rng = ctx, plicht, gemeente, rng
        self.persoon: Persoon = plicht.persoon
        self.actor = ctx.behandelaar(gemeente.pk)

    def _poging(self, stap: str, functie, **kwargs):
        """The service, or None when a rule refuses (that step then stays out of the story)."""
        try:
            return functie(actor=self.actor, gemeente=self.gemeente, persoon=self.persoon, **kwargs)
        except WEIGERINGEN as fout:
            logger.debug("Demo %s voor %s overgeslagen: %s", stap, self.persoon.bsn, fout)
            return None

    def _op_dag(self, model, pk: int, dag: date) -> None:
        model.objects.filter(pk=pk).update(geregistreerd_op=_moment(self.rng, min(dag, self.ctx.vandaag)))

    def instelling(self) -> Instelling | None:
        # Blik op Werk: every leerroute accepts it (R-AB-4).
        codes = self.ctx.instellingen.get(SoortInstelling.BOW, [])
        if not codes:
            return None
        bezet = set(
            Inburgeringsaanbod.objects.filter(plicht=self.plicht, gemeente=self.gemeente).values_list(
                "instelling__code", flat=True
            )
        )
        vrij = [c for c in codes if c not in bezet] or codes
        return Instelling.objects.filter(code=self.rng.choice(vrij)).first()

    def aanbod(self, van: date, tot: date) -> Inburgeringsaanbod | None:
        instelling = self.instelling()
        if instelling is None:
            return None
        inschrijving = _dag_tussen(self.rng, van, tot)
        start = inschrijving + timedelta(days=self.rng.randint(7, 28))
        data = {
            "instelling": instelling,
            "soort_instelling": instelling.soort,
            "datum_inschrijving": inschrijving,
            "datum_start": start,
            "datum_einde": start + timedelta(days=self.rng.choice((180, 365))),
            "alfabetisering": self.rng.choice(
                (Alfabetisering.NVT, Alfabetisering.NVT, Alfabetisering.ANALFABEET)
            ),
        }
        if self.rng.random() < 0.5 or (
            self.plicht.termijn_einde and data["datum_einde"] > self.plicht.termijn_einde
        ):
            data["datum_einde"] = None  # not known yet, or it would fall after the termijn (FS 673)
        aanbod = self._poging("aanbod", aanbod_toevoegen, data=data, bevestigd=BEVESTIGD)
        if aanbod is None:
            return None
        self._op_dag(Inburgeringsaanbod, aanbod.pk, inschrijving)
        return aanbod

    def intrekken(self, aanbod: Inburgeringsaanbod, dag: date) -> None:
        if self._poging("intrekken", aanbod_intrekken, aanbod=aanbod.pk, versie=aanbod.versiekenmerk) is None:
            return
        Inburgeringsaanbod.objects.filter(pk=aanbod.pk).update(ingetrokken_op=min(dag, self.ctx.vandaag))

    def traject(self, traject: str, datum: date) -> None:
        resultaat = self._poging(traject, traject_doorgeven, traject=traject, datum=datum)
        if resultaat is None:
            return
        self._op_dag(Trajectresultaat, resultaat.pk, datum + timedelta(days=self.rng.randint(0, 5)))
        moment = Trajectresultaat.objects.values_list("geregistreerd_op", flat=True).get(pk=resultaat.pk)
        TrajectresultaatHistorie.objects.filter(plicht=self.plicht, traject=traject).update(
            laatste_wijziging=moment
        )

    def _standen_op_dag(self, standen, dag: date) -> None:
        moment = _moment(self.rng, min(dag, self.ctx.vandaag))
        ids = [stand.pk for stand in standen]
        Urenstand.objects.filter(pk__in=ids).update(geregistreerd_op=moment)
        # Only the registration just made (earlier ones of the story already carry their day).
        Urenregistratie.objects.filter(
            stand_id__in=ids, geregistreerd_op__gte=timezone.now() - timedelta(minutes=10)
        ).update(geregistreerd_op=moment)

    def uren(self, soort: str, aantal: int, datum_tot: date) -> Urenstand | None:
        vorige = Urenstand.objects.filter(plicht=self.plicht, gemeente=self.gemeente, soort=soort,
                                          instelling__isnull=True).first()  # fmt: skip
        stand = self._poging(f"uren {soort}", uren_doorgeven, soort=soort, aantal=aantal, datum_tot=datum_tot,
                             versie=vorige.versiekenmerk if vorige else "geen")  # fmt: skip
        if stand is not None:
            self._standen_op_dag([stand], datum_tot + timedelta(days=self.rng.randint(0, 3)))
        return stand

    def uren_instelling(
        self, instelling: Instelling, totalen: dict[str, int | None], datum_tot: date
    ) -> None:
        vorige = [
            Urenstand.objects.filter(plicht=self.plicht, gemeente=self.gemeente, soort=soort, instelling=instelling).first()
            for soort in (Urensoort.TAALLES_KNM, Urensoort.GEOORLOOFD, Urensoort.ONGEOORLOOFD)
        ]  # fmt: skip
        versie = "/".join(s.versiekenmerk if s is not None else "geen" for s in vorige)
        standen = self._poging("uren instelling", uren_instelling_doorgeven, instelling_id=instelling.pk,
                               soort_instelling=instelling.soort, totalen=totalen, datum_tot=datum_tot,
                               versie=versie)  # fmt: skip
        if standen:
            self._standen_op_dag(standen, datum_tot + timedelta(days=self.rng.randint(0, 3)))


def _heeft_uitvoering(plicht_ids) -> set[int]:
    """The plichten that already have an aanbod, a MAP/PVT result or uren (a re-run adds nothing)."""
    return (
        set(Inburgeringsaanbod.objects.filter(plicht_id__in=plicht_ids).values_list("plicht_id", flat=True))
        | set(Trajectresultaat.objects.filter(plicht_id__in=plicht_ids).values_list("plicht_id", flat=True))
        | set(Urenstand.objects.filter(plicht_id__in=plicht_ids).values_list("plicht_id", flat=True))
    )


def _geschikt(pids) -> list[Inburgeringsplicht]:
    """Running plichten with a final, active PIP (the gemeente has work to do), in BSN order."""
    return list(
        Inburgeringsplicht.objects.filter(
            persoon_id__in=pids, reden_einde="", aow_binnen_zes_maanden=False, pip__definitief=True, pip__actief=True,
            persoon__datum_overlijden__isnull=True,
        )
        # The Z-route persons' MAP/PVT belong to the Z-route demo (`demo_z_route`), which leaves them all
        # alone once any Z-route plicht has a result.
        .exclude(pip__leerroute=Leerroute.Z)
        .select_related("persoon", "pip", "pip__gemeente")
        .order_by("persoon__bsn", "-datum_start", "-pk")
    )  # fmt: skip


def _scenario(seed: int, bsn: str) -> str:
    """The person's own turn, by BSN: the same on a re-run whoever else is in the batch (the core's ends of
    life come after the batch's stories, so the set of persons with work changes between runs)."""
    trek = int.from_bytes(hashlib.sha256(f"{seed}:{bsn}:wi2021-scenario".encode()).digest()[:4])
    return SCENARIOS[trek % len(SCENARIOS)]


def _vertelt(seed: int, bsn: str) -> bool:
    return hashlib.sha256(f"{seed}:{bsn}:wi2021-uitvoering".encode()).digest()[0] < 230  # ~90 %


# --- settled persons --------------------------------------------------------------------------------------


def _verhaal(u: Uitvoering, scenario: str) -> None:
    plicht, pip, vandaag, rng = u.plicht, u.plicht.pip, u.ctx.vandaag, u.rng
    begin = max(pip.dagtekening_initieel, plicht.datum_start)
    if (vandaag - begin).days < 20:
        return
    tijd = (vandaag - begin).days

    def dag(van: float, tot: float) -> date:
        return begin + timedelta(days=rng.randint(int(tijd * van), int(tijd * tot)))

    asiel = plicht.doelgroep == Doelgroep.ASIELSTATUSHOUDER
    if not asiel:  # gezinsmigrant: PVT and participatie-uren (no aanbod, no instelling uren)
        if scenario != "nog_niets":
            u.traject(Traject.PVT, dag(0.3, 0.9))
            u.uren(Urensoort.PARTICIPATIE, rng.choice((16, 24, 40)), dag(0.5, 1.0))
        return
    if scenario == "nog_niets":
        return
    aanbod = u.aanbod(begin, dag(0.05, 0.2))
    if scenario == "ingetrokken" and aanbod is not None:
        u.intrekken(aanbod, dag(0.2, 0.3))  # the wrong instelling: withdrawn, then the right one
        aanbod = u.aanbod(dag(0.3, 0.35), dag(0.35, 0.4))
    if pip.leerroute != Leerroute.O:
        u.traject(Traject.MAP, dag(0.4, 0.8))
    if scenario == "alles":
        u.traject(Traject.PVT, dag(0.4, 0.9))
        u.uren(Urensoort.PARTICIPATIE, rng.choice((20, 32)), dag(0.5, 0.6))
        u.uren(Urensoort.PARTICIPATIE, rng.choice((48, 64)), dag(0.7, 0.8))  # a later, higher total
        u.uren(Urensoort.PARTICIPATIE_TAALLES, rng.choice((8, 12, 16)), dag(0.6, 0.8))
        u.uren(Urensoort.BREDE_INTAKE, rng.choice((4, 6)), dag(0.1, 0.3))
    else:
        u.uren(Urensoort.PARTICIPATIE, rng.choice((12, 24)), dag(0.5, 1.0))
    if aanbod is not None and scenario in ("alles", "ingetrokken"):
        datum_tot = max(aanbod.datum_inschrijving, dag(0.6, 1.0))
        u.uren_instelling(aanbod.instelling, {Urensoort.TAALLES_KNM: rng.choice((120, 240, 360)),
                                              Urensoort.GEOORLOOFD: rng.choice((4, 8)),
                                              Urensoort.ONGEOORLOOFD: rng.choice((0, 2, 6))}, datum_tot)  # fmt: skip


def per_batch(personen: list[tuple[int, dict, bool]], seed: int, vandaag: date) -> None:
    """After the Wi2021 stories of the batch: the settled persons' turns, the movers' later life."""
    pids = [
        pid
        for pid, data, verhaal in personen
        if verhaal and data["wet"] == Wet.WI2021 and data["woongemeente_id"]
    ]
    if not pids:
        return None
    verhuisd = dict(
        Verhuizing.objects.filter(persoon_id__in=pids, van_gemeente__isnull=False, uit_azc=False)
        .order_by("-datum")
        .values_list("persoon_id", "van_gemeente_id")
    )  # fmt: skip
    plichten = [p for p in _geschikt(pids) if _vertelt(seed, p.persoon.bsn)]
    if not plichten:
        return None
    klaar = _heeft_uitvoering([p.pk for p in plichten])
    ctx = Context.laden(seed, vandaag)
    gemeenten = {
        g.pk: g for g in Gemeente.objects.filter(pk__in={p.persoon.woongemeente_id for p in plichten})
    }
    for plicht in plichten:
        if plicht.persoon_id in verhuisd:
            _na_verhuizing(ctx, plicht, verhuisd[plicht.persoon_id], seed)
            continue
        if plicht.pip.gemeente_id != plicht.persoon.woongemeente_id:
            continue
        gemeente = gemeenten[plicht.persoon.woongemeente_id]
        if plicht.pk in klaar or ctx.behandelaar(gemeente.pk) is None:
            continue
        _verhaal(Uitvoering(ctx, plicht, gemeente, _trek(seed, plicht.persoon.bsn, "uitvoering")),
                 _scenario(seed, plicht.persoon.bsn))  # fmt: skip
    return None


# --- movers -----------------------------------------------------------------------------------------------


def voor_verhuizing(verhuizers: list[tuple[int, dict, dict]], seed: int, vandaag: date):
    """Before the move (after the Wi2021 story gave the plicht and PIP there): the old gemeente's aanbod, MAP
    and uren, dated before the move."""
    data = {
        pid: (d, verhuisd)
        for pid, d, verhuisd in verhuizers
        if d["wet"] == Wet.WI2021 and d["woongemeente_id"]
    }
    plichten = _geschikt(list(data))
    plichten = [p for p in plichten if p.pk not in _heeft_uitvoering([q.pk for q in plichten])]
    if not plichten:
        return ()
    ctx = Context.laden(seed, vandaag)
    for plicht in plichten:
        oud, verhuisd = data[plicht.persoon_id]
        verhuisdatum = verhuisd.get("datum_vestiging") or vandaag
        begin = max(plicht.pip.dagtekening_initieel, plicht.datum_start)
        if plicht.pip.gemeente_id != oud["woongemeente_id"] or (min(verhuisdatum, vandaag) - begin).days < 12:
            continue
        if ctx.behandelaar(oud["woongemeente_id"]) is None:
            continue
        eind = min(verhuisdatum, vandaag) - timedelta(days=1)
        u = Uitvoering(
            ctx, plicht, Gemeente.objects.get(pk=oud["woongemeente_id"]), _trek(seed, oud["bsn"], "oud")
        )
        asiel = plicht.doelgroep == Doelgroep.ASIELSTATUSHOUDER
        aanbod = u.aanbod(begin, begin + (eind - begin) / 3) if asiel else None  # R-AB-1
        if plicht.pip.leerroute != Leerroute.O:
            u.traject(Traject.MAP, _dag_tussen(u.rng, begin + (eind - begin) / 2, eind))
        u.uren(
            Urensoort.PARTICIPATIE,
            u.rng.choice((16, 24)),
            _dag_tussen(u.rng, begin + (eind - begin) / 2, eind),
        )
        if aanbod is not None:
            datum_tot = _dag_tussen(u.rng, max(aanbod.datum_inschrijving, begin + (eind - begin) / 2), eind)
            u.uren_instelling(aanbod.instelling, {Urensoort.TAALLES_KNM: u.rng.choice((60, 90, 120)),
                                                  Urensoort.GEOORLOOFD: u.rng.choice((2, 4))}, datum_tot)  # fmt: skip
    return ()


_beurt = {"verhuizers": 0}


def _na_verhuizing(ctx: Context, plicht: Inburgeringsplicht, oud_id: int, seed: int) -> None:
    """After the move: the new gemeente's PIP (re-established here where the story had not), the old
    aanbod niet actueel from that day, then each gemeente's uren."""
    if not Urenstand.objects.filter(plicht=plicht, gemeente_id=oud_id).exists():
        return  # not one of `voor_verhuizing`'s persons
    persoon, vandaag = plicht.persoon, ctx.vandaag
    nieuw_id = persoon.woongemeente_id
    if Urenstand.objects.filter(plicht=plicht, gemeente_id=nieuw_id).exists():
        return  # an earlier run
    verhuizing = Verhuizing.objects.filter(persoon=persoon, van_gemeente_id=oud_id).order_by("-datum").first()
    rng = _trek(seed, persoon.bsn, "na")
    if plicht.pip.gemeente_id != nieuw_id and ctx.behandelaar(nieuw_id) is not None:
        # Alternately past the old gemeente's 4 weeks and inside them (D-03), past first (the rarer one).
        binnen = _beurt["verhuizers"] % 2 == 1
        _beurt["verhuizers"] += 1
        van = max(verhuizing.datum, plicht.pip.dagtekening + timedelta(days=3))
        dag = (
            _dag_tussen(rng, max(van, vandaag - timedelta(days=20)), vandaag)
            if binnen or van > vandaag - OUDE_GEMEENTE_VENSTER - timedelta(days=3)
            else _dag_tussen(rng, van, vandaag - OUDE_GEMEENTE_VENSTER - timedelta(days=3))
        )
        if dag <= vandaag:
            try:
                data = {"bsn": persoon.bsn, "geboortedatum": persoon.geboortedatum}
                Verhaal(ctx, persoon.pk, data, ":uitvoering").pip_herbevestigen(nieuw_id, dag)
            except WEIGERINGEN as fout:
                logger.debug("Demo herbevestiging voor %s overgeslagen: %s", persoon.bsn, fout)
        plicht.pip.refresh_from_db()
    if plicht.pip.gemeente_id != nieuw_id:
        return
    # R-ACC-8: niet actueel from the day the new gemeente's PIP was registered in the story.
    herbevestigd = timezone.localdate(plicht.pip.geregistreerd_op)
    Inburgeringsaanbod.objects.filter(
        plicht=plicht, gemeente_id=oud_id, status=AanbodStatus.NIET_ACTUEEL
    ).update(geldig_tot=herbevestigd)
    nieuw = Uitvoering(ctx, plicht, Gemeente.objects.get(pk=nieuw_id), rng)
    if nieuw.actor is None:
        return
    if (
        nieuw.uren(Urensoort.PARTICIPATIE, rng.choice((8, 12)), _dag_tussen(rng, herbevestigd, vandaag))
        is None
    ):
        return  # the new gemeente's uren mark this step as done: without them a re-run would repeat the old's
    if vandaag <= herbevestigd + OUDE_GEMEENTE_VENSTER:  # "nog 4 weken": the old gemeente's last hours
        oud = Uitvoering(ctx, plicht, Gemeente.objects.get(pk=oud_id), rng)
        stand = Urenstand.objects.filter(
            plicht=plicht, gemeente_id=oud_id, soort=Urensoort.TAALLES_KNM
        ).first()
        if oud.actor is not None and stand is not None:
            oud.uren_instelling(stand.instelling, {Urensoort.TAALLES_KNM: stand.aantal + rng.choice((20, 40))},
                                _dag_tussen(rng, max(stand.datum_tot, verhuizing.datum), vandaag))  # fmt: skip


def samenvatting() -> str:
    return (
        f"{Inburgeringsaanbod.objects.count()} inburgeringsaanbiedingen, "
        f"{Trajectresultaat.objects.count()} MAP/PVT-resultaten, {Urenstand.objects.count()} urenstanden"
    )


def registreer() -> None:
    """After the Wi2021 stories (registration order is the order of the batch's steps)."""
    registreer_demo(
        DemoAanvulling("wi2021_uitvoering", per_batch, samenvatting, voor_verhuizing=voor_verhuizing)
    )
