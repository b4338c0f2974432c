"""The demo's leerbaarheidstoetsen (§3.6.5, R-LBT): told like the rest of `wi2021.demo`, through DUO's chain
events (`lbt_aanmelding`, `lbt_uitslag`, `lbt_verlopen`) and the gemeente's services (`services_lbt`: Onthef,
Opnieuw aanvragen), so SS137, SS131 and — from the daily rule `seed_demo` runs at the end — SS138 follow
from the data. `wi2021.demo` hands over each story right after the plicht was established.

Each state of TOESTANDEN needs enough time since the vaststelling; a story that is too young for its state
falls back to a plain aanmelding. The gemeente's actions run through the service today and are then moved
to their day in the story, the way the demo dates the PIP. A mover may leave while the LBT is still
aangemeld (`voor_verhuizing`): the old gemeente's SS137 then disappears on the move (R-ACC-11).
"""

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from dateutil.relativedelta import relativedelta

from inburgering.demo import bericht
from inburgering.models import Gemeente, Persoon

from .constants import LbtResultaat, RedenOpnieuwLbt
from .duo import LBT_AANMELDTERMIJN
from .models import LbtOntheffing, Leerbaarheidstoets
from .services_lbt import lbt_ontheffen, lbt_opnieuw_aanvragen

LBT_KANS = 0.6  # of the persons with a running plicht, this share has an LBT
TOESTANDEN = {
    "aangemeld": 4,  # SS137, the 12-month period running
    "bijna_verlopen": 2,  # aangemeld almost 12 months ago: SS138
    "uitslag": 5,  # SS131 with J, N or O
    "verlopen": 2,  # expired untaken, DUO's automatic new LBT: SS137 twice
    "ontheven": 2,  # S-21 by the gemeente
    "opnieuw": 3,  # result N, S-22 by the gemeente, DUO's new aanmelding (or still pending)
}
# Stories whose plicht ends or is suspended later on get no LBT: their LBT dates could fall after the end.
ZONDER_LBT = {
    "diploma",
    "vrijstelling",
    "ontheffing",
    "ingetrokken",
    "ingetrokken_gratie",
    "tijdelijk_vrijgesteld",
}
VERHUIZER_LBT_KANS = 0.5
BEVESTIGD_NA = timedelta(days=2)  # "binnen 2 werkdagen weer beschikbaar" (D-23)


def _dag(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


class LbtVerhaal:
    def __init__(self, verhaal, vaststelling: date):
        self.v, self.ctx, self.bsn, self.vandaag = verhaal, verhaal.ctx, verhaal.bsn, verhaal.vandaag
        self.rng = random.Random(f"{self.ctx.seed}:{self.bsn}:lbt")  # the rest of the story keeps its draws
        self.vaststelling = vaststelling
        self.nummer = 0

    def bericht(self, soort: str, gegevens: dict) -> dict:
        self.nummer += 1
        b = bericht(self.ctx.seed, self.bsn, soort, gegevens)
        return {**b, "id": f"{b['id']}-lbt{self.nummer}"}

    def examennummer(self) -> str:
        return f"1{self.bsn}{self.nummer:02d}"  # 12 digits, like the manual's 100124583541

    def aanmelding(self, datum: date) -> tuple[dict, str]:
        nr = self.examennummer()
        return self.bericht("lbt_aanmelding", {"examennummer": nr, "datum_aanmelding": datum.isoformat()}), nr

    def uitslag(self, nr: str, aanmelding: date, resultaat: str | None = None) -> tuple[dict, date]:
        rng = self.rng
        tot = min(aanmelding + timedelta(days=300), self.vandaag - timedelta(days=1))
        afname = _dag(rng, min(aanmelding + timedelta(days=7), tot), tot)
        resultaat = resultaat or rng.choices(LbtResultaat.values, weights=(5, 3, 1))[0]
        gegevens = {"examennummer": nr, "datum_toetsafname": afname.isoformat(), "resultaat": resultaat}
        if resultaat != LbtResultaat.O:
            benodigd = rng.randint(25, 32)
            behaald = (
                rng.randint(benodigd, 40) if resultaat == LbtResultaat.J else rng.randint(5, benodigd - 1)
            )
            gegevens |= {"maximum_score": 40, "behaalde_score": behaald, "benodigde_score": benodigd}
        return self.bericht("lbt_uitslag", gegevens), afname

    def _gemeente_actie(self):
        persoon = Persoon.objects.select_related("woongemeente").get(pk=self.v.pid)
        gemeente = Gemeente.objects.get(pk=persoon.woongemeente_id)
        return persoon, gemeente, self.ctx.behandelaar(gemeente.pk)

    def ontheffen(self, dag: date) -> None:
        persoon, gemeente, actor = self._gemeente_actie()
        ontheffing = lbt_ontheffen(actor=actor, gemeente=gemeente, persoon=persoon)
        LbtOntheffing.objects.filter(pk=ontheffing.pk).update(ontheven_op=_moment(dag))

    def opnieuw_aanvragen(self, nr: str, dag: date) -> None:
        persoon, gemeente, actor = self._gemeente_actie()
        lbt = Leerbaarheidstoets.objects.get(examennummer=nr)
        reden = self.rng.choice(RedenOpnieuwLbt.values)
        overig = "Tolk was niet aanwezig bij de afname." if reden == RedenOpnieuwLbt.OVERIG else ""
        lbt_opnieuw_aanvragen(actor=actor, gemeente=gemeente, persoon=persoon, reden=reden, overig=overig,
                              versie=lbt.versiekenmerk)  # fmt: skip
        Leerbaarheidstoets.objects.filter(pk=lbt.pk).update(opnieuw_aangevraagd_op=_moment(dag))

    def vertellen(self) -> Iterator[dict]:
        rng, vandaag = self.rng, self.vandaag
        toestand = rng.choices(list(TOESTANDEN), weights=list(TOESTANDEN.values()))[0]
        eerste = self.vaststelling + timedelta(
            days=rng.randint(3, 20)
        )  # DUO prepares it after the vaststelling
        if eerste > vandaag:
            return
        jaar_geleden = vandaag - LBT_AANMELDTERMIJN
        if toestand == "bijna_verlopen" and eerste <= jaar_geleden + timedelta(days=1):
            aanmelding = _dag(
                rng, max(eerste, jaar_geleden + timedelta(days=1)), jaar_geleden + timedelta(days=25)
            )
            yield self.aanmelding(aanmelding)[0]
        elif toestand == "verlopen" and eerste < jaar_geleden:
            b, nr = self.aanmelding(_dag(rng, eerste, jaar_geleden - timedelta(days=1)))
            yield b
            einde = date.fromisoformat(b["gegevens"]["datum_aanmelding"]) + LBT_AANMELDTERMIJN
            yield self.bericht("lbt_verlopen", {"examennummer": nr, "datum": einde.isoformat()})
            yield self.aanmelding(einde + timedelta(days=1))[0]  # automatic, a new examennummer
        elif toestand == "uitslag" and eerste <= vandaag - timedelta(days=7):
            b, nr = self.aanmelding(eerste)
            yield b
            yield self.uitslag(nr, eerste)[0]
        elif toestand == "opnieuw" and eerste <= vandaag - timedelta(days=14):
            b, nr = self.aanmelding(eerste)
            yield b
            uitslag, afname = self.uitslag(nr, eerste, LbtResultaat.N)
            yield uitslag
            verzoek = _dag(rng, afname + timedelta(days=1), min(afname + timedelta(days=20), vandaag))
            self.opnieuw_aanvragen(nr, verzoek)
            if verzoek + BEVESTIGD_NA <= vandaag:  # else the request is still pending: B-6 says so
                yield self.aanmelding(verzoek + BEVESTIGD_NA)[0]
        else:  # "aangemeld", "ontheven", or a story too young for its state
            aanmelding = _dag(rng, max(eerste, vandaag - relativedelta(months=10)), vandaag)
            yield self.aanmelding(aanmelding)[0]
            if toestand == "ontheven":
                self.ontheffen(_dag(rng, aanmelding, vandaag))


def _moment(dag: date):
    return timezone.make_aware(datetime.combine(dag, time(11, 0)))


def verhaal(v, toestand: str, vaststelling: date) -> Iterator[dict]:
    """The LBT of a settled person whose story (`wi2021.demo.TOESTANDEN`) keeps the plicht running."""
    if toestand in ZONDER_LBT or random.Random(f"{v.ctx.seed}:{v.bsn}:lbt-kans").random() >= LBT_KANS:
        return iter(())
    return LbtVerhaal(v, vaststelling).vertellen()


def voor_verhuizing(v, vaststelling: date, verhuisdatum: date) -> Iterator[dict]:
    """A mover registered for the LBT before the move, still aangemeld when leaving (R-ACC-11)."""
    lbt = LbtVerhaal(v, vaststelling)
    aanmelding = vaststelling + timedelta(days=lbt.rng.randint(3, 20))
    if aanmelding < verhuisdatum and lbt.rng.random() < VERHUIZER_LBT_KANS:
        yield lbt.aanmelding(aanmelding)[0]
