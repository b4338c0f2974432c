"""Demo Wi2021 data for the demo persons under the Wi2021 (`seed_demo`), deterministic per seed and BSN.

Everything is told as it happens in the chain: DUO's decisions come as the Wi2021 chain events of
docs/ketenberichten.md (fed through `wi2021.duo` like `import_events`), the gemeente's PIP is registered
through `wi2021.services` by a demo caseworker of the person's gemeente (the medewerker in Groningen, the
helpdesk elsewhere), and the BRP facts (moves, deaths, departures) are the core's events. So every Wi2021
signal follows from the data; the deadline signals SS126/SS127 come from the daily rules `seed_demo`
runs at the end.

Each person with a story gets one of TOESTANDEN: just vastgesteld (the 10-week window running), no PIP
after the window (SS126), a PIP in its correction window or final (with its termijn, SS102), a termijn
verlengd ambtshalve/corona (SS103) or on request (SS112/SS104/SS113), a tijdelijke vrijstelling (SS109,
ingetrokken again: SS129/SS130), ended by diploma after exams (SS106), gehele vrijstelling (SS107) or
ontheffing (SS108, with BIO advice SS140 and the partial/refused decisions), ingetrokken inside and past
the month of grace (SS110), a doelgroep change (SS124/SS125), exams with attempts, an opleidingscontract
(SS132/SS133/SS135/SS136). Independently: asielstatushouders and gezinsmigranten, persons in the AZC with
a koppelingsgemeente who may have settled since (SS139), older persons reaching the AOW age within six
months (SS128, nothing more), a melding of DUO, a leerbaarheidstoets in one of its states (`wi2021.demo_lbt`:
SS137, SS131, SS138, ontheven, opnieuw aangevraagd). A person who moves (the core's `persoon_verhuisd`) had
their plicht — and often a final PIP — in the gemeente they left (`voor_verhuizing`), so the move gives
SS120/SS121 and SS122; the new gemeente may re-establish the PIP since, more or less than 28 days ago
(inside or past the old gemeente's window, D-03).

Registering a PIP in the past: the service registers it today (so every rule of today is applied), then
the whole registration is moved to its day in the story — the dagtekening by the same number of days,
so it keeps its distance to the registration — the way `wi2013.demo` dates its PVT history. A PIP whose
two weeks have passed is then made final by the service's own daily job, run as of that day
(`pips_definitief_maken(nu=...)`): SS102 and the termijn carry that day. The audit trail keeps the real
moment of the demo run.

Persons without a story (a larger set, see `inburgering.demo.VERHALEN_MAX`) get their plicht as bulk rows
in a final state, without events or signals. A person who already has a plicht is left alone, so a re-run
adds nothing.
"""

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from dateutil.relativedelta import relativedelta

from inburgering.bulk import bulk_invoegen
from inburgering.constants import Wet
from inburgering.demo import VERHALEN_MAX, WET_VERDELING, bericht
from inburgering.models import Gemeente, Persoon, Verhuizing
from inburgering.registry import DemoAanvulling, registreer_demo

from . import demo_lbt
from . import meldingen as m
from .aow import bereikt_aow_binnen_zes_maanden
from .constants import (
    Alfabetisering,
    Doelgroep,
    Examenniveau,
    Examenonderdeel,
    Examenstatus,
    Leerroute,
    Niveau,
    RedenEinde,
    RedenWijzigingTermijn,
)
from .models import (
    DoelgroepHistorie,
    Examenpoging,
    Inburgeringsplicht,
    Instelling,
    Pip,
    PipHistorie,
    TermijnHistorie,
)
from .regels import CORRECTIETERMIJN, EERSTE_DAGTEKENING, TERMIJN
from .services import PIP_VELDEN, pip_doorgeven, pip_wijzigen, pips_definitief_maken

# A story costs some 150 queries (its events, the PIP service and its daily job), ten times a Wi2013 one,
# so of the persons the core gives a story about this many tell their Wi2021 one (a share by BSN, movers
# included); the others get bulk rows.
WI2021_VERHALEN_MAX = 300
_run = {"deel": 1.0}

# State → weight, for the persons with a story that do not move.
TOESTANDEN = {
    "vastgesteld": 8,  # the 10-week window for the PIP is running
    "geen_pip": 7,  # the window has passed without a PIP: SS126
    "pip_voorlopig": 8,  # PIP registered less than two weeks ago
    "pip_definitief": 12,  # PIP final, termijn set: SS102 (asielstatushouder after 3 months: SS127)
    "termijn_verlengd": 5,  # SS103
    "verlenging_verzocht": 5,  # SS112, then SS104 / SS113 or still open
    "tijdelijk_vrijgesteld": 6,  # SS109 (refused: SS115); ingetrokken again SS129 / SS130
    "examens": 5,  # attempts, some failed, one planned
    "diploma": 6,  # exams passed, SS106
    "vrijstelling": 5,  # SS107 (refused SS114), before it a partial one SS116 / SS117
    "ontheffing": 5,  # SS108, SS118, SS119; BIO with its advice request SS140
    "bio_advies_open": 2,  # SS140, the advice not given yet
    "ingetrokken_gratie": 3,  # SS110 less than a month ago: changes still allowed (D-05)
    "ingetrokken": 3,  # SS110 longer ago
    "doelgroep_gewijzigd": 5,  # SS124 / SS125, sometimes the rights changed on request
    "opleidingscontract": 6,  # SS132 / SS133 / SS135 / SS136 or a contract that fits
}
ASIEL_KANS = 0.55
AZC_GEVESTIGD_KANS = 0.6  # of the persons in the AZC, this share has settled in the koppelingsgemeente
MELDING_KANS = 0.06
VERHUIZER_PIP_KANS = 0.6  # a mover had a PIP in the gemeente they left: SS121, else SS120
HERBEVESTIGD_KANS = 0.5  # the new gemeente re-established (or first registered) the PIP since
EERSTE_VASTSTELLING = date(2022, 1, 15)
BEVESTIGD = (m.AS605.bevestigingssleutel, m.AS606.bevestigingssleutel)  # the caseworker confirms these
MEDEWERKER, HELPDESK = "medewerker", "helpdesk"
ONDERDELEN = tuple(Examenonderdeel.values)
AANMELDING = ("gepland", "nog_te_doen", "onbekend")  # statuses of an aanmelding, not a result


def _dag(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


def _moment(rng: random.Random, dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(rng.randint(8, 16), rng.randint(0, 59))))


@dataclass
class Context:
    """What every story of one call needs, looked up once."""

    seed: int
    vandaag: date
    codes: dict[int, str]  # gemeente id → code
    gebruikers: dict[str, object]
    groningen_ids: set[int]  # where the medewerker has its roles
    instellingen: dict[str, list[str]]  # soort → codes

    @classmethod
    def laden(cls, seed: int, vandaag: date) -> "Context":
        if not Instelling.objects.exists():
            call_command("load_instellingen", verbosity=0)  # reference data the contracts refer to
        gebruikers = {
            u.username: u for u in get_user_model().objects.filter(username__in=(MEDEWERKER, HELPDESK))
        }
        medewerker = gebruikers.get(MEDEWERKER)
        eigen = set(medewerker.autorisaties.values_list("gemeente_id", flat=True)) if medewerker else set()
        instellingen: dict[str, list[str]] = {}
        for code, soort in (
            Instelling.objects.filter(actief=True).order_by("code").values_list("code", "soort")
        ):
            instellingen.setdefault(soort, []).append(code)
        return cls(seed=seed, vandaag=vandaag, codes=dict(Gemeente.objects.values_list("id", "code")),
                   gebruikers=gebruikers, groningen_ids=eigen, instellingen=instellingen)  # fmt: skip

    def behandelaar(self, gemeente_id: int):
        """The demo caseworker of the gemeente: the medewerker in its own gemeente, else the helpdesk."""
        if gemeente_id in self.groningen_ids:
            return self.gebruikers[MEDEWERKER]
        return self.gebruikers.get(HELPDESK)


class Verhaal:
    """The Wi2021 story of one person: a generator of chain events, with the gemeente's PIP registered
    through the service between them (it resumes after the previous event was applied)."""

    def __init__(self, ctx: Context, persoon_id: int, data: dict, deel: str = ""):
        self.ctx, self.pid, self.data, self.bsn = ctx, persoon_id, data, data["bsn"]
        self.vandaag = ctx.vandaag
        self.rng = random.Random(f"{ctx.seed}:{self.bsn}:wi2021{deel}")
        self.nummer = 0
        self.plicht_start: date | None = None
        self.pip_dagtekening: date | None = None
        self.pip_moment: date | None = None

    # --- events ---------------------------------------------------------------------------------------

    def bericht(self, soort: str, gegevens: dict | None = None) -> dict:
        """A chain event with an id of its own: a story may hold several of one type."""
        self.nummer += 1
        b = bericht(self.ctx.seed, self.bsn, soort, gegevens or {})
        return {**b, "id": f"{b['id']}-w{self.nummer}"}

    def vaststellen(self, vaststelling: date, *, koppeling: int | None = None) -> dict:
        self.doelgroep = (
            Doelgroep.ASIELSTATUSHOUDER if self.rng.random() < ASIEL_KANS else Doelgroep.GEZINSMIGRANT
        )
        start = max(EERSTE_DAGTEKENING, vaststelling - timedelta(days=self.rng.randint(0, 45)))
        self.plicht_start, self.vaststelling = start, vaststelling
        gegevens = {"datum_start": start.isoformat(), "doelgroep": self.doelgroep,
                    "datum_vaststelling": vaststelling.isoformat()}  # fmt: skip
        if koppeling:
            gegevens["koppelingsgemeente"] = self.ctx.codes[koppeling]
        return self.bericht("inburgeringsplicht_vastgesteld", gegevens)

    def aow(self, vaststelling: date) -> bool:
        return bereikt_aow_binnen_zes_maanden(self.data["geboortedatum"], vaststelling)

    # --- the gemeente's PIP ----------------------------------------------------------------------------

    def pip_gegevens(self, leerroute: str | None = None) -> dict:
        leerroute = leerroute or self.rng.choices(Leerroute.values, weights=(6, 2, 1))[0]
        data = {"leerroute": leerroute, "alfabetisering": Alfabetisering.NVT}
        if leerroute == Leerroute.Z:
            data["alfabetisering"] = self.rng.choice(Alfabetisering.values)
            if self.rng.random() < 0.3:
                data["aangepaste_uren_participatie"] = self.rng.choice((200, 400, 600))
        if leerroute == Leerroute.B1 and self.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
            data["geschatte_uren"] = self.rng.choice((400, 600, 800))
        return data

    def pip(
        self, gemeente_id: int, dag: date, *, leerroute: str | None = None, definitief: bool | None = None
    ):
        """The initial PIP by the gemeente's caseworker, registered on `dag` (today through the service,
        then moved to its day); final once two weeks have passed (unless `definitief` is False)."""
        ctx = self.ctx
        afstand = self.rng.randint(0, min(10, (dag - self.plicht_start).days))
        data = {**self.pip_gegevens(leerroute), "dagtekening": self.vandaag - timedelta(days=afstand)}
        persoon = Persoon.objects.get(pk=self.pid)
        gemeente = Gemeente.objects.get(pk=gemeente_id)
        pip = pip_doorgeven(actor=ctx.behandelaar(gemeente_id), gemeente=gemeente, persoon=persoon, data=data,
                            bevestigd=BEVESTIGD)  # fmt: skip
        moment = _moment(self.rng, dag)
        self.pip_dagtekening, self.pip_moment = dag - timedelta(days=afstand), dag
        Pip.objects.filter(pk=pip.pk).update(dagtekening=self.pip_dagtekening, geregistreerd_op=moment,
                                             dagtekening_initieel=self.pip_dagtekening,
                                             initieel_geregistreerd_op=moment)  # fmt: skip
        PipHistorie.objects.filter(pip=pip).update(laatste_wijziging=moment, dagtekening=self.pip_dagtekening)
        if definitief is not False and dag + CORRECTIETERMIJN <= self.vandaag:
            # The daily job as it ran two weeks after the registration: SS102 and the termijn of that day.
            pips_definitief_maken(nu=moment + CORRECTIETERMIJN)
        return pip

    def pip_herbevestigen(self, gemeente_id: int, dag: date) -> None:
        """R-PIP-18: after the move the new gemeente re-establishes the PIP by changing it (on `dag`)."""
        persoon = Persoon.objects.get(pk=self.pid)
        pip = Pip.objects.get(plicht__persoon=persoon)
        afstand = self.rng.randint(0, min(10, (dag - pip.dagtekening).days - 1))
        velden = ("leerroute", "niveau", "alfabetisering", "geschatte_uren", "aangepaste_uren_participatie",
                  "toestemming_nvo")  # fmt: skip
        data = {**{v: getattr(pip, v) for v in velden}, "dagtekening": self.vandaag - timedelta(days=afstand)}
        pip = pip_wijzigen(actor=self.ctx.behandelaar(gemeente_id), gemeente=Gemeente.objects.get(pk=gemeente_id),
                           persoon=persoon, data=data, versie=pip.versiekenmerk, bevestigd=BEVESTIGD)  # fmt: skip
        moment, dagtekening = _moment(self.rng, dag), dag - timedelta(days=afstand)
        Pip.objects.filter(pk=pip.pk).update(dagtekening=dagtekening, geregistreerd_op=moment)
        laatste = PipHistorie.objects.filter(pip=pip).order_by("-pk").values_list("pk", flat=True)[:1]
        PipHistorie.objects.filter(pk__in=list(laatste)).update(
            laatste_wijziging=moment, dagtekening=dagtekening
        )

    def termijn_einde(self) -> date:
        return self.pip_dagtekening + TERMIJN

    # --- the stories -----------------------------------------------------------------------------------

    def gevestigd(self) -> Iterator[dict]:
        """A settled person that does not move: one of TOESTANDEN."""
        rng, vandaag = self.rng, self.vandaag
        toestand = rng.choices(list(TOESTANDEN), weights=list(TOESTANDEN.values()))[0]
        gemeente = self.data["woongemeente_id"]
        oud = max(EERSTE_VASTSTELLING, vandaag - timedelta(days=1000))

        def vastgesteld_tussen(van_dagen: int, tot_dagen: int) -> date:
            return _dag(
                rng, max(oud, vandaag - timedelta(days=van_dagen)), vandaag - timedelta(days=tot_dagen)
            )

        if toestand in ("vastgesteld", "pip_voorlopig"):
            vaststelling = vastgesteld_tussen(60, 0)
        elif toestand == "geen_pip":
            vaststelling = vastgesteld_tussen(500, 75)
        else:
            vaststelling = vastgesteld_tussen(1000, 120)
        yield self.vaststellen(vaststelling)
        if self.aow(vaststelling):
            return  # SS128: no PIP, aanbod, MAP or PVT required (D-29)
        yield from demo_lbt.verhaal(self, toestand, vaststelling)  # the leerbaarheidstoets (B-6)
        if toestand == "pip_voorlopig":
            self.pip(gemeente, _dag(rng, max(vaststelling, vandaag - timedelta(days=13)), vandaag))
        elif toestand in ("vastgesteld", "geen_pip", "bio_advies_open") or (
            toestand == "tijdelijk_vrijgesteld" and rng.random() < 0.3
        ):
            pass  # no PIP
        elif toestand == "opleidingscontract":
            yield from self.contract(gemeente, vaststelling)
            return
        else:
            self.pip(gemeente, _dag(rng, vaststelling + timedelta(days=3), vaststelling + timedelta(days=60)))
        yield from getattr(self, toestand, lambda: iter(()))()
        if rng.random() < MELDING_KANS:  # DUO placed a notice (B-1)
            yield self.melding()

    def na_pip(self) -> date:
        """The first day after the PIP (final) on which DUO's later decisions fall."""
        return (
            (self.pip_moment + CORRECTIETERMIJN) if self.pip_moment else self.vaststelling + timedelta(days=1)
        )

    def termijn_verlengd(self) -> Iterator[dict]:
        einde = self.termijn_einde() + relativedelta(months=self.rng.choice((3, 6, 12)))
        yield self.bericht("termijn_verlengd", {
            "einde": einde.isoformat(), "reden": self.rng.choice(("ambtshalve", "corona")),
            "datum": _dag(self.rng, self.na_pip(), self.vandaag).isoformat()})  # fmt: skip

    def verlenging_verzocht(self) -> Iterator[dict]:
        rng, verzoek = self.rng, f"VL-{self.bsn}"
        ontvangst = _dag(rng, self.na_pip(), self.vandaag)
        yield self.bericht("verzoek_verlenging_ingediend", {"verzoek_id": verzoek,
                                                            "datum_ontvangst": ontvangst.isoformat()})  # fmt: skip
        r = rng.random()
        if r < 0.4:
            return  # not decided yet (D-34: listed without a status)
        besluit = {"verzoek_id": verzoek, "datum_besluit": _dag(rng, ontvangst, self.vandaag).isoformat()}
        if r < 0.75:
            besluit |= {"uitkomst": "toegekend",
                        "nieuwe_einde": (self.termijn_einde() + relativedelta(months=6)).isoformat()}  # fmt: skip
        else:
            besluit["uitkomst"] = "afgewezen"
        yield self.bericht("besluit_verlenging", besluit)

    def besluit(
        self, soort: str, omvang: str, uitkomst: str, *, na: date | None = None, **meer
    ) -> tuple[dict, date]:
        """A decision on a verzoek (vrijstelling or ontheffing) received after `na`; returns it with its date."""
        rng = self.rng
        ontvangst = _dag(rng, na or self.na_pip(), self.vandaag - timedelta(days=1))
        datum = _dag(rng, ontvangst, self.vandaag)
        prefix = "VZ" if soort == "besluit_vrijstelling" else "ON"
        gegevens = {"verzoek_id": f"{prefix}-{self.bsn}-{self.nummer + 1}", "soort": omvang, "uitkomst": uitkomst,
                    "datum_ontvangst": ontvangst.isoformat(), "datum_besluit": datum.isoformat(), **meer}  # fmt: skip
        return self.bericht(soort, gegevens), datum

    def onderdeel(self) -> dict:
        return {"onderdeel": self.rng.choice(ONDERDELEN), "niveau": self.rng.choice(("A2", "B1"))}

    def tijdelijk_vrijgesteld(self) -> Iterator[dict]:
        toegekend = self.rng.random() < 0.85
        besluit, datum = self.besluit(
            "besluit_vrijstelling", "tijdelijk", "toegekend" if toegekend else "afgewezen"
        )
        yield besluit
        if toegekend and self.rng.random() < 0.4:
            yield self.bericht("tijdelijke_vrijstelling_ingetrokken",
                               {"datum": _dag(self.rng, datum, self.vandaag).isoformat()})  # fmt: skip

    def vrijstelling(self) -> Iterator[dict]:
        na = None
        if self.rng.random() < 0.4:  # first a partial one
            besluit, na = self.besluit("besluit_vrijstelling", "gedeeltelijk",
                                       self.rng.choice(("toegekend", "afgewezen")), **self.onderdeel())  # fmt: skip
            yield besluit
        uitkomst = "toegekend" if self.rng.random() < 0.7 else "afgewezen"
        yield self.besluit("besluit_vrijstelling", "geheel", uitkomst, na=na)[0]

    def ontheffing(self) -> Iterator[dict]:
        rng = self.rng
        grond = rng.choice(("medisch", "bio"))
        na = None
        if grond == "bio":  # DUO asks the gemeente's advice first (B-14)
            na = _dag(rng, self.na_pip(), self.vandaag - timedelta(days=2))
            yield self.bericht(
                "bio_advies_gevraagd", {"aanvraag_id": f"BIO-{self.bsn}", "datum": na.isoformat()}
            )
        r = rng.random()
        if r < 0.6:
            yield self.besluit("besluit_ontheffing", "geheel", "toegekend", na=na, grond=grond)[0]
        elif r < 0.8:
            yield self.besluit("besluit_ontheffing", "gedeeltelijk", "toegekend", na=na, grond=grond,
                               **self.onderdeel())[0]  # fmt: skip
        else:
            yield self.besluit("besluit_ontheffing", "geheel", "afgewezen", na=na, grond=grond)[0]

    def bio_advies_open(self) -> Iterator[dict]:
        datum = _dag(self.rng, self.vaststelling, self.vandaag)
        yield self.bericht(
            "bio_advies_gevraagd", {"aanvraag_id": f"BIO-{self.bsn}", "datum": datum.isoformat()}
        )

    def ingetrokken_gratie(self) -> Iterator[dict]:
        yield self.intrekking(_dag(self.rng, self.vandaag - timedelta(days=25), self.vandaag))

    def ingetrokken(self) -> Iterator[dict]:
        datum = _dag(
            self.rng,
            max(self.na_pip(), self.vandaag - timedelta(days=300)),
            self.vandaag - timedelta(days=35),
        )
        yield self.intrekking(datum)

    def intrekking(self, datum: date) -> dict:
        return self.bericht("inburgeringsplicht_ingetrokken", {
            "datum": datum.isoformat(), "reden": "Verblijfsvergunning ingetrokken"})  # fmt: skip

    def doelgroep_gewijzigd(self) -> Iterator[dict]:
        rng = self.rng
        naar = (
            Doelgroep.GEZINSMIGRANT
            if self.doelgroep == Doelgroep.ASIELSTATUSHOUDER
            else Doelgroep.ASIELSTATUSHOUDER
        )
        datum = _dag(rng, self.vaststelling + timedelta(days=30), self.vandaag - timedelta(days=1))
        yield self.bericht(
            "doelgroep_gewijzigd", {"van": self.doelgroep, "naar": naar, "datum": datum.isoformat()}
        )
        if rng.random() < 0.3:  # the mutatieformulier: the rights of the new doelgroep on request (R-PL-3)
            yield self.bericht("rechten_op_verzoek_gewijzigd", {
                "rechten": Doelgroep.GEZINSMIGRANT, "datum": _dag(rng, datum, self.vandaag).isoformat()})  # fmt: skip

    def uitslag(self, onderdeel: str, poging: int, status: str, datum: date, niveau: str = "B1") -> dict:
        return self.bericht("examen_aanmelding" if status in AANMELDING else "examen_uitslag", {
            "onderdeel": onderdeel, "niveau": niveau, "datum": datum.isoformat(), "poging": poging,
            "status": status})  # fmt: skip

    def examens(self) -> Iterator[dict]:
        rng, vandaag = self.rng, self.vandaag
        begin = self.na_pip()
        onderdelen = rng.sample(ONDERDELEN, 3)
        yield self.uitslag(onderdelen[0], 1, "geslaagd", _dag(rng, begin, vandaag))
        datum = _dag(rng, begin, vandaag - timedelta(days=14))
        yield self.uitslag(onderdelen[1], 1, rng.choice(("niet_geslaagd", "verwijtbaar")), datum)
        yield self.uitslag(onderdelen[1], 2, "gepland", vandaag + timedelta(days=rng.randint(7, 60)))
        yield self.uitslag(onderdelen[2], 1, rng.choice(("niet_verwijtbaar", "onbekend", "nog_te_doen")),
                           _dag(rng, begin, vandaag))  # fmt: skip

    def diploma(self) -> Iterator[dict]:
        rng, vandaag = self.rng, self.vandaag
        laatste = begin = self.na_pip()
        for onderdeel in ONDERDELEN:
            datum = _dag(rng, begin, vandaag - timedelta(days=20))
            if rng.random() < 0.25:
                yield self.uitslag(onderdeel, 1, "niet_geslaagd", datum)
                datum = _dag(rng, datum, vandaag - timedelta(days=10))
                yield self.uitslag(onderdeel, 2, "geslaagd", datum)
            else:
                yield self.uitslag(onderdeel, 1, "geslaagd", datum)
            laatste = max(laatste, datum)
        yield self.bericht("diploma_behaald", {"datum": _dag(rng, laatste, vandaag).isoformat()})

    def contract(self, gemeente: int, vaststelling: date) -> Iterator[dict]:
        """A cursusinstelling's contract compared with the PIP (§4.1)."""
        rng, vandaag = self.rng, self.vandaag
        soort, leerroute, taalniveau = rng.choice((
            ("regulier", Leerroute.B1, "B1"),  # fits: no signal
            ("regulier", Leerroute.B1, "A2"),  # below the PIP niveau: SS133
            ("regulier", Leerroute.Z, "A2"),  # above it in the Z-route: SS135
            ("taalschakel", Leerroute.B1, "B1"),  # taalschakeltraject outside the Onderwijsroute: SS136
            ("taalschakel", Leerroute.O, "B1"),  # fits
        ))  # fmt: skip
        if rng.random() < 0.25:  # the PIP is still in its correction window: SS132
            self.pip(gemeente, _dag(rng, max(vaststelling, vandaag - timedelta(days=13)), vandaag), leerroute=leerroute,
                     definitief=False)  # fmt: skip
        else:
            self.pip(gemeente, _dag(rng, vaststelling + timedelta(days=3), vaststelling + timedelta(days=60)),
                     leerroute=leerroute)  # fmt: skip
        instellingen = self.ctx.instellingen.get("taalschakel" if soort == "taalschakel" else "bow") or []
        if not instellingen:
            return
        yield self.bericht("opleidingscontract_geregistreerd", {
            "contract_id": f"OC-{self.bsn}", "instelling": rng.choice(instellingen), "soort": soort,
            "taalniveau": taalniveau, "datum": _dag(rng, self.pip_moment, vandaag).isoformat()})  # fmt: skip

    def melding(self) -> dict:
        start = self.vandaag - timedelta(days=self.rng.randint(0, 20))
        return self.bericht("melding_geplaatst", {
            "titel": "Brief over de inburgeringstermijn verstuurd",
            "toelichting": "DUO heeft de inburgeraar een brief gestuurd over het einde van de inburgeringstermijn.",
            "startdatum": start.isoformat(), "einddatum": (start + timedelta(days=90)).isoformat()})  # fmt: skip

    def in_azc(self) -> Iterator[dict]:
        """In the AZC with a koppelingsgemeente (A-7): SS101 there; some have settled since (SS139, the window)."""
        rng, vandaag = self.rng, self.vandaag
        koppeling = self.data["toekomstige_gemeente_id"]
        vaststelling = _dag(rng, max(EERSTE_VASTSTELLING, vandaag - timedelta(days=300)), vandaag)
        yield self.vaststellen(vaststelling, koppeling=koppeling)
        if rng.random() < AZC_GEVESTIGD_KANS:
            yield self.bericht("persoon_gevestigd", {
                "gemeente": self.ctx.codes[koppeling],
                "datum": _dag(rng, vaststelling, vandaag).isoformat()})  # fmt: skip

    def voor_verhuizing(self, verhuisdatum: date) -> Iterator[dict]:
        """Before the move: the plicht in the old gemeente, often with a final PIP there."""
        rng = self.rng
        vaststelling = _dag(rng, max(EERSTE_VASTSTELLING, verhuisdatum - timedelta(days=200)), verhuisdatum)
        yield self.vaststellen(vaststelling)
        if not self.aow(vaststelling):
            yield from demo_lbt.voor_verhuizing(self, vaststelling, verhuisdatum)  # still aangemeld: R-ACC-11
        if (
            not self.aow(vaststelling)
            and (verhuisdatum - vaststelling).days >= 20
            and rng.random() < VERHUIZER_PIP_KANS
        ):
            # Registered and final before the move: SS102 to the old gemeente, then SS121.
            self.pip(self.data["woongemeente_id"], _dag(rng, vaststelling, verhuisdatum - timedelta(days=15)))

    def na_verhuizing(self, naar: int, verhuisdatum: date) -> None:
        """After the move the new gemeente re-establishes the PIP, or registers the first one (D-03: the old
        gemeente sees the person until 28 days after that). Nothing to feed: only the service."""
        plicht = Inburgeringsplicht.objects.filter(persoon_id=self.pid).select_related("pip").first()
        if plicht is None or plicht.reden_einde or plicht.aow_binnen_zes_maanden:
            return
        pip = getattr(plicht, "pip", None)
        if (pip is not None and pip.gemeente_id == naar) or self.rng.random() >= HERBEVESTIGD_KANS:
            return  # done by an earlier run, or not (yet)
        if pip is None:
            self.doelgroep, self.plicht_start = plicht.doelgroep, plicht.datum_start
            self.pip(naar, _dag(self.rng, verhuisdatum, self.vandaag))
        elif verhuisdatum < self.vandaag:
            self.pip_herbevestigen(naar, _dag(self.rng, max(verhuisdatum, pip.dagtekening + timedelta(days=2)),
                                              self.vandaag))  # fmt: skip


def begin(persons: int, seed: int, vandaag: date) -> None:
    """The share of the core's story persons that tell their Wi2021 story in this run."""
    verwacht = dict(WET_VERDELING)[Wet.WI2021] * min(persons, VERHALEN_MAX)
    _run["deel"] = min(1.0, WI2021_VERHALEN_MAX / verwacht) if verwacht else 1.0


def _vertelt(seed: int, bsn: str) -> bool:
    trek = int.from_bytes(hashlib.sha256(f"{seed}:{bsn}:wi2021-verhaal".encode()).digest()[:4]) / 2**32
    return trek < _run["deel"]


def _met_plicht(persoon_ids) -> set[int]:
    return set(
        Inburgeringsplicht.objects.filter(persoon_id__in=persoon_ids).values_list("persoon_id", flat=True)
    )


def voor_verhuizing(verhuizers: list[tuple[int, dict, dict]], seed: int, vandaag: date) -> Iterator[dict]:
    """The movers' plicht (and PIP) in the gemeente they leave, before the core feeds the move."""
    kandidaten = [(pid, data, verhuisd) for pid, data, verhuisd in verhuizers
                  if data["wet"] == Wet.WI2021 and data["woongemeente_id"]]  # fmt: skip
    if not kandidaten:
        return iter(())
    bestaand = _met_plicht([pid for pid, _, _ in kandidaten])
    kandidaten = [k for k in kandidaten if k[0] not in bestaand and _vertelt(seed, k[1]["bsn"])]
    return _verhalen(
        seed, vandaag, [(pid, data, verhuisd["datum_vestiging"]) for pid, data, verhuisd in kandidaten]
    )


def _verhalen(seed: int, vandaag: date, kandidaten) -> Iterator[dict]:
    if not kandidaten:
        return
    ctx = Context.laden(seed, vandaag)
    for pid, data, verhuisdatum in kandidaten:
        yield from Verhaal(ctx, pid, data).voor_verhuizing(verhuisdatum)


def per_batch(personen: list[tuple[int, dict, bool]], seed: int, vandaag: date) -> Iterator[dict]:
    """The batch's Wi2021 persons: a story for those with `verhaal` in this run's share (events and PIPs),
    bulk rows for the others; the movers' life in their new gemeente."""
    kandidaten = [(pid, data, verhaal) for pid, data, verhaal in personen
                  if data["wet"] == Wet.WI2021 and (data["woongemeente_id"] or data["toekomstige_gemeente_id"])]  # fmt: skip
    if not kandidaten:
        return iter(())
    verhuisd = dict(  # movers in this run's share had their plicht before the move (`voor_verhuizing`)
        Verhuizing.objects.filter(
            persoon_id__in=[pid for pid, _, _ in kandidaten], van_gemeente__isnull=False, uit_azc=False
        )
        .order_by("-datum")
        .values_list("persoon_id", "datum")
    )  # the earliest move: the one the core fed
    bestaand = _met_plicht([pid for pid, _, _ in kandidaten])
    vertelt = {pid: v and _vertelt(seed, data["bsn"]) for pid, data, v in kandidaten}
    _bulk(
        [(pid, data) for pid, data, _ in kandidaten if not vertelt[pid] and pid not in bestaand],
        seed,
        vandaag,
    )
    # A mover's plicht came before the move; what the new gemeente did since is checked per person.
    met_verhaal = [
        (pid, data)
        for pid, data, _ in kandidaten
        if vertelt[pid] and (pid in verhuisd or pid not in bestaand)
    ]
    return _per_batch_verhalen(seed, vandaag, met_verhaal, verhuisd)


def _per_batch_verhalen(seed: int, vandaag: date, personen, verhuisd: dict[int, date]) -> Iterator[dict]:
    if not personen:
        return
    ctx = Context.laden(seed, vandaag)
    for pid, data in personen:
        if pid in verhuisd:
            Verhaal(ctx, pid, data, ":na").na_verhuizing(data["woongemeente_id"], verhuisd[pid])
        elif data["toekomstige_gemeente_id"]:
            yield from Verhaal(ctx, pid, data).in_azc()
        else:
            yield from Verhaal(ctx, pid, data).gevestigd()


def _bulk(personen: list[tuple[int, dict]], seed: int, vandaag: date) -> None:
    """Persons without a story: the plicht in a final state, no events, no signals of their own. As a
    gemeente would have it, a settled person has a PIP registered within the window (final after two weeks,
    the termijn from its dagtekening); of the plichten over two years old half ended with a diploma.
    The daily rules `seed_demo` runs at the end judge these rows like any other."""
    if not personen:
        return
    plichten, pips = [], {}
    for pid, data in personen:
        rng = random.Random(f"{seed}:{data['bsn']}:wi2021")
        vaststelling = _dag(rng, EERSTE_VASTSTELLING, vandaag)
        gevestigd = bool(data["woongemeente_id"]) and not data["toekomstige_gemeente_id"]
        aow = bereikt_aow_binnen_zes_maanden(data["geboortedatum"], vaststelling)
        plicht = Inburgeringsplicht(
            persoon_id=pid, datum_start=max(EERSTE_DAGTEKENING, vaststelling - timedelta(days=rng.randint(0, 45))),
            doelgroep=Doelgroep.ASIELSTATUSHOUDER if rng.random() < ASIEL_KANS else Doelgroep.GEZINSMIGRANT,
            aow_binnen_zes_maanden=aow, pip_venster_start=vaststelling if gevestigd and not aow else None,
            pip_venster_gemeente_id=data["woongemeente_id"] if gevestigd and not aow else None,
        )  # fmt: skip
        plichten.append(plicht)
        geregistreerd = vaststelling + timedelta(days=rng.randint(5, 60))
        if gevestigd and not aow and geregistreerd <= vandaag:
            dagtekening = max(plicht.datum_start, geregistreerd - timedelta(days=rng.randint(0, 10)))
            definitief = geregistreerd + CORRECTIETERMIJN <= vandaag
            if definitief:
                plicht.termijn_start, plicht.termijn_einde = (
                    dagtekening + timedelta(days=1),
                    dagtekening + TERMIJN,
                )
            klaar = vaststelling < vandaag - timedelta(days=730) and rng.random() < 0.5
            datum_einde = _dag(rng, geregistreerd, vandaag) if klaar else None
            moment = _moment(rng, geregistreerd)
            leerroute = rng.choices(Leerroute.values, weights=(6, 2, 1))[0]
            if klaar and leerroute != Leerroute.Z:  # the Z-route ends with an eindgesprek, not a diploma
                plicht.reden_einde, plicht.datum_einde = RedenEinde.DIPLOMA, datum_einde
            pips[pid] = Pip(
                gemeente_id=data["woongemeente_id"], dagtekening_initieel=dagtekening, dagtekening=dagtekening,
                geregistreerd_op=moment, initieel_geregistreerd_op=moment, definitief=definitief, leerroute=leerroute,
                niveau=Niveau.NVT if leerroute == Leerroute.Z else Niveau.B1, alfabetisering=Alfabetisering.NVT,
                geschatte_uren=600 if leerroute == Leerroute.B1 and plicht.doelgroep == Doelgroep.ASIELSTATUSHOUDER else None,
            )  # fmt: skip
    plichten = bulk_invoegen(Inburgeringsplicht, plichten)
    bulk_invoegen(
        DoelgroepHistorie,
        [DoelgroepHistorie(plicht=p, laatste_wijziging=p.datum_start, doelgroep=p.doelgroep,
                           verblijfsdoel_gewijzigd="Verblijfsdoel vastgesteld")
         for p in plichten],
    )  # fmt: skip
    # "Diploma behaald": every onderdeel passed at the PIP niveau before the end (B-11 agrees with B-2).
    bsn = {pid: data["bsn"] for pid, data in personen}
    bulk_invoegen(
        Examenpoging,
        [
            Examenpoging(plicht=p, onderdeel=onderdeel, niveau=Examenniveau.B1, status=Examenstatus.GESLAAGD,
                         poging=1, sleutel=f"demo:{bsn[p.persoon_id]}:{onderdeel}",
                         datum=min(p.datum_einde, max(p.termijn_start or p.datum_start, p.datum_einde - timedelta(days=dagen))))
            for p in plichten
            if p.reden_einde == RedenEinde.DIPLOMA
            for onderdeel, dagen in zip(Examenonderdeel.values, (150, 120, 90, 60, 30), strict=True)
        ],
    )  # fmt: skip
    met_pip = [p for p in plichten if p.persoon_id in pips]
    for plicht in met_pip:
        pips[plicht.persoon_id].plicht = plicht
    rijen = bulk_invoegen(Pip, [pips[p.persoon_id] for p in met_pip])
    bulk_invoegen(
        PipHistorie,
        [PipHistorie(pip=pip, laatste_wijziging=pip.geregistreerd_op, gebruiker="demo", gemeente_id=pip.gemeente_id,
                     gebeurtenis="doorgegeven", **{v: getattr(pip, v) for v in PIP_VELDEN})
         for pip in rijen],
    )  # fmt: skip
    bulk_invoegen(
        TermijnHistorie,
        [TermijnHistorie(plicht=p, laatste_wijziging=timezone.localdate(pips[p.persoon_id].geregistreerd_op) + CORRECTIETERMIJN,
                         termijn_start=p.termijn_start, termijn_einde=p.termijn_einde,
                         reden_wijziging=RedenWijzigingTermijn.HERBEPALING)
         for p in met_pip
         if p.termijn_start],
    )  # fmt: skip


def samenvatting() -> str:
    return f"{Inburgeringsplicht.objects.count()} Wi2021-inburgeringsplichten, {Pip.objects.count()} PIP's"


def registreer() -> None:
    """Add the Wi2021 stories to every batch of `seed_demo` (call from ready(); idempotent, keyed by name)."""
    registreer_demo(
        DemoAanvulling("wi2021", per_batch, samenvatting, voor_verhuizing=voor_verhuizing, begin=begin)
    )
    from . import demo_bio_waardepapieren

    demo_bio_waardepapieren.registreer()  # one BIO advice given, one waardepapieren order (issue 12)
    from . import demo_z_route

    demo_z_route.registreer()  # Z-route eindgesprekken and certificates, after all batches (own module)
    from . import demo_uitvoering

    demo_uitvoering.registreer()  # aanbod, MAP/PVT and uren after the stories (issue 11 item 5)
    from . import demo_contactpersonen

    demo_contactpersonen.registreer()  # contactpersonen with caseloads (issue 12 item 8), after everything
