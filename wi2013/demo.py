"""Demo Wi2013 data for every demo person under the Wi2013 (`seed_demo`), deterministic per seed and BSN.

Every person gets one of the states below: a PVT term open, ending within two months (SS602), passed
(SS603/SS604), signed (datum voldaan, provisional or final), one of the eight reasons niet voldaan
(provisional; or final and cleared, with its history and a new term), not PVT-plichtig or onbepaald.
Independently: recht op MB J/N with the melding bij BZK Ja (with its year) / Nee / empty, a DUO loan or
not, and for signed persons with a loan a factuur in every status, accepted or refused. The dates obey
the rules of `wi2013.regels` at the moment of registration, so every demo registration is one the
portal would have accepted.

Rows are only made for persons that have no Wi2013 data yet, so a re-run of the same seed adds nothing.

What DUO learnt last comes as Wi2013 chain events (docs/ketenberichten.md) that `seed_demo` feeds through
`wi2013.duo` after the bulk insert: for some persons the PVT-plicht itself (SS601, SS608, SS609) or the
recht op MB (SS610), and every verdict on a factuur (SS611, SS612). So those signals follow from the data.
A person who moved (`inburgering.Verhuizing`) was PVT-plichtig in the gemeente they came from.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from inburgering.bulk import bulk_invoegen
from inburgering.demo import bericht
from inburgering.models import Verhuizing
from inburgering.registry import DemoAanvulling, registreer_demo

from .constants import RedenNietVoldaan
from .models import Factuur, PvtHistorie, Wi2013Persoon
from .regels import CORRECTIETERMIJN_DAGEN, REGELS, VOORAF, Eis

# State → weight.
TOESTANDEN = {
    "open": 12,  # term ends more than two months from today
    "termijn_nadert": 8,  # ends within two months: SS602
    "overschreden": 10,  # passed, nothing registered: SS603, after two weeks SS604
    "voldaan_voorlopig": 6,  # datum voldaan registered less than two weeks ago
    "voldaan_definitief": 18,  # datum voldaan final
    "reden_voorlopig": 16,  # a reason registered less than two weeks ago (each of the eight)
    "reden_definitief": 8,  # a reason became final and was cleared; DUO set a new term
    "niet_pvt_plichtig": 16,  # inburgeringsplicht started before 01-10-2017
    "onbepaald": 6,
}
PVT_START = date(2017, 10, 1)  # the participatieverklaringstraject exists since 1 October 2017
# (status, geaccepteerd) of a factuur: new, refused, rejected by DUO, taken up, and the accepted route.
FACTUURTOESTANDEN = (("", None), ("", False), ("1", None), ("2", None), ("2", True), ("3", True), ("4", True),
                     ("5", True))  # fmt: skip
DEMO_GEBRUIKER = "demo"


@dataclass
class Rijen:
    gegevens: Wi2013Persoon
    historie: list[tuple[PvtHistorie, datetime]] = field(default_factory=list)
    facturen: list[Factuur] = field(default_factory=list)
    berichten: list[dict] = field(default_factory=list)  # chain events, fed after the bulk insert


def _moment(dag: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time(rng.randint(8, 16), rng.randint(0, 59))))


def _dag(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


def wi2013_voor(
    *,
    persoon_id: int,
    data: dict,
    seed: int,
    vandaag: date,
    vorige_gemeente_id: int | None = None,
    verhaal: bool = True,
) -> Rijen:
    """The Wi2013 data of one demo person; the same seed and BSN always give the same rows.
    `vorige_gemeente_id`: the gemeente the person moved away from, where they were first settled. With
    `verhaal` false the rows are the final state and no chain events are made."""
    rng = random.Random(f"{seed}:{data['bsn']}:wi2013")  # own stream: not correlated with the demo signals
    toestand = rng.choices(list(TOESTANDEN), weights=list(TOESTANDEN.values()))[0]
    gemeente_id = data["woongemeente_id"]
    g = Wi2013Persoon(
        persoon_id=persoon_id,
        indicatie_inburgeringsplicht=True,
        gemeente_eerste_vestiging_id=vorige_gemeente_id or gemeente_id,
        lening_duo=rng.random() < 0.45,
    )
    rijen = Rijen(g)

    def feed(soort: str, waarden: dict | None = None) -> None:
        rijen.berichten.append(bericht(seed, data["bsn"], soort, waarden))

    # MB (seed 000 §5.2): recht Ja → gemeld Ja (with the meicirculaire year) or Nee; recht Nee → empty.
    if toestand != "onbepaald":
        g.recht_op_mb = rng.random() < 0.5
        if g.recht_op_mb:
            g.mb_gemeld_bzk = rng.random() < 0.6
            if g.mb_gemeld_bzk:
                g.mb_gemeld_jaar = vandaag.year - rng.choice((0, 0, 1, 2, 3))

    def termijn(einde: date) -> None:
        g.pvt_plichtig = True
        g.datum_einde_pvt_plicht = einde
        g.datum_start_pvt_plicht = einde - timedelta(days=rng.randint(300, 420))

    def historie(gebeurtenis: str, moment: datetime, *, gebruiker: str = DEMO_GEBRUIKER, **velden) -> None:
        waarden = {veld: getattr(g, veld) for veld in ("datum_start_deelname", "datum_einde_deelname",
                                                      "datum_voldaan", "reden_niet_voldaan")}  # fmt: skip
        rij = PvtHistorie(gegevens=g, gebruiker=gebruiker, gemeente_id=gemeente_id, gebeurtenis=gebeurtenis,
                          datum_einde_pvt_plicht=g.datum_einde_pvt_plicht, **{**waarden, **velden})  # fmt: skip
        rijen.historie.append((rij, moment))

    def deelname(tot: date) -> None:
        g.datum_start_deelname = tot - timedelta(days=rng.randint(14, 90))
        g.datum_einde_deelname = min(g.datum_start_deelname + timedelta(days=rng.randint(0, 21)), tot)

    def reden_registreren(reden: str, dag: date) -> None:
        regel = REGELS[reden]
        g.reden_niet_voldaan = reden
        g.datum_start_deelname = g.datum_einde_deelname = g.datum_voldaan = None
        start = regel.start_deelname is Eis.GEVULD or (
            regel.start_deelname is Eis.OPTIONEEL and rng.random() < 0.5
        )
        if start:
            deelname(dag)
            if regel.einde_deelname is Eis.OPTIONEEL and rng.random() < 0.5:
                g.datum_einde_deelname = None

    def voldaan(dag: date) -> None:
        deelname(dag)
        g.datum_voldaan = dag
        g.gemeente_einde_pvt_id = gemeente_id

    if toestand == "open":
        termijn(vandaag + VOORAF + timedelta(days=rng.randint(5, 300)))
        if rng.random() < 0.4:
            deelname(min(vandaag, g.datum_start_pvt_plicht + timedelta(days=rng.randint(60, 200))))
            if rng.random() < 0.5:
                g.datum_einde_deelname = None  # still taking part
    elif toestand == "termijn_nadert":
        termijn(vandaag + timedelta(days=rng.randint(0, 58)))
        if rng.random() < 0.3:
            deelname(vandaag - timedelta(days=rng.randint(0, 30)))
            g.datum_einde_deelname = None
    elif toestand == "overschreden":
        termijn(vandaag - timedelta(days=rng.randint(1, 120)))
    elif toestand == "voldaan_voorlopig":
        termijn(vandaag + timedelta(days=rng.randint(-30, 300)))
        geregistreerd = vandaag - timedelta(days=rng.randint(0, CORRECTIETERMIJN_DAGEN - 1))
        voldaan(max(geregistreerd - timedelta(days=rng.randint(0, 20)), g.datum_start_pvt_plicht))
        g.geregistreerd_op, g.geregistreerd_door_id = _moment(geregistreerd, rng), gemeente_id
        historie("geregistreerd", g.geregistreerd_op)
    elif toestand == "voldaan_definitief":
        vestiging = max(data["datum_vestiging"] or PVT_START, PVT_START)
        start = min(
            vestiging + timedelta(days=rng.randint(0, 120)), vandaag - timedelta(days=rng.randint(400, 1500))
        )
        g.pvt_plichtig, g.datum_start_pvt_plicht = True, start
        g.datum_einde_pvt_plicht = start + timedelta(days=rng.randint(365, 600))
        voldaan(
            min(_dag(rng, start + timedelta(days=30), g.datum_einde_pvt_plicht), vandaag - timedelta(days=30))
        )
        g.geregistreerd_op = _moment(g.datum_voldaan + timedelta(days=rng.randint(0, 10)), rng)
        g.geregistreerd_door_id, g.definitief = gemeente_id, True
        historie("geregistreerd", g.geregistreerd_op)
        historie("definitief", g.geregistreerd_op + timedelta(days=CORRECTIETERMIJN_DAGEN, hours=12),
                 gebruiker="DUO")  # fmt: skip
    elif toestand == "reden_voorlopig":
        reden = rng.choice(RedenNietVoldaan.values)
        geregistreerd = vandaag - timedelta(days=rng.randint(0, CORRECTIETERMIJN_DAGEN - 1))
        if REGELS[reden].pas_na_termijn:  # culpable reasons and Overmacht: only after the term
            termijn(geregistreerd - timedelta(days=rng.randint(1, 90)))
        else:  # from two months before the end
            termijn(vandaag + timedelta(days=rng.randint(-20, 55)))
            geregistreerd = max(geregistreerd, g.datum_einde_pvt_plicht - VOORAF)
        reden_registreren(reden, geregistreerd)
        g.geregistreerd_op, g.geregistreerd_door_id = _moment(geregistreerd, rng), gemeente_id
        historie("geregistreerd", g.geregistreerd_op)
    elif toestand == "reden_definitief":
        reden = rng.choice(RedenNietVoldaan.values)
        termijn(vandaag - timedelta(days=rng.randint(150, 700)))  # the first term
        geregistreerd = _moment(g.datum_einde_pvt_plicht + timedelta(days=rng.randint(1, 20)), rng)
        reden_registreren(reden, geregistreerd.date())
        historie("geregistreerd", geregistreerd)
        definitief = geregistreerd + timedelta(days=CORRECTIETERMIJN_DAGEN, hours=12)
        historie("definitief", definitief, gebruiker="DUO")
        historie("geschoond", definitief, gebruiker="DUO", reden_niet_voldaan="")
        g.reden_niet_voldaan = ""  # cleared for a second overrun (13-3); DUO set a new term
        g.datum_einde_pvt_plicht = vandaag + timedelta(days=rng.randint(-60, 240))
    elif toestand == "niet_pvt_plichtig":
        g.pvt_plichtig = False
        g.indicatie_inburgeringsplicht = rng.random() < 0.9
    # onbepaald: PVT-plichtig, MB and dates stay empty

    if (
        verhaal and toestand in ("open", "termijn_nadert") and rng.random() < 0.5
    ):  # DUO sets the PVT-plicht as an event
        feed("wi2013_pvt_vastgesteld", {"datum_start_pvt_plicht": g.datum_start_pvt_plicht.isoformat(),
                                        "datum_einde_pvt_plicht": g.datum_einde_pvt_plicht.isoformat()})  # fmt: skip
        g.pvt_plichtig = g.datum_start_pvt_plicht = g.datum_einde_pvt_plicht = None
    if (
        verhaal and g.recht_op_mb is not None and rng.random() < 0.25
    ):  # the recht op MB arrives as an event (SS610)
        feed("wi2013_gegevens_gewijzigd", {"recht_op_mb": g.recht_op_mb, "mb_gemeld_bzk": g.mb_gemeld_bzk,
                                           "mb_gemeld_jaar": g.mb_gemeld_jaar})  # fmt: skip
        g.recht_op_mb = g.mb_gemeld_bzk = g.mb_gemeld_jaar = None

    if g.datum_voldaan and g.lening_duo and rng.random() < 0.85:
        status, geaccepteerd = ("", None) if not g.definitief else rng.choice(FACTUURTOESTANDEN)
        factuurdatum = min(g.datum_voldaan + timedelta(days=rng.randint(0, 30)), vandaag)
        rijen.facturen.append(Factuur(
            gegevens=g, gemeente_id=gemeente_id, factuurnummer=f"PVT{factuurdatum:%Y}{rng.randint(0, 10**8):08d}",
            factuurdatum=factuurdatum, debiteurnummer=f"D{rng.randint(0, 10**7):07d}", status=status,
            geaccepteerd=None if verhaal else geaccepteerd,
        ))  # fmt: skip
        if (
            verhaal and geaccepteerd is not None
        ):  # the inburgeraar's verdict in Mijn Inburgering (SS611/SS612)
            feed("factuur_geaccepteerd" if geaccepteerd else "factuur_geweigerd")
    return rijen


def per_batch(personen: list[tuple[int, dict, bool]], seed: int, vandaag: date) -> list[dict]:
    """Wi2013 data for the batch's Wi2013 persons that have none yet; set-based, a few bulk statements.
    Returns their chain events, which `seed_demo` feeds after the insert."""
    kandidaten = [(pid, data, verhaal) for pid, data, verhaal in personen
                  if data["wet"] == "WI2013" and data["woongemeente_id"]]  # fmt: skip
    bestaand = set(
        Wi2013Persoon.objects.filter(pk__in=[pid for pid, _, _ in kandidaten]).values_list("pk", flat=True)
    )
    kandidaten = [k for k in kandidaten if k[0] not in bestaand]
    if not kandidaten:
        return []
    vorige = dict(
        Verhuizing.objects.filter(
            persoon_id__in=[pid for pid, _, _ in kandidaten], van_gemeente__isnull=False
        )
        .order_by("-datum")
        .values_list("persoon_id", "van_gemeente_id")
    )  # the earliest move wins: the dict keeps the last value per person
    alle = [wi2013_voor(persoon_id=pid, data=data, seed=seed, vandaag=vandaag, vorige_gemeente_id=vorige.get(pid),
                        verhaal=verhaal)
            for pid, data, verhaal in kandidaten]  # fmt: skip
    bulk_invoegen(Wi2013Persoon, [r.gegevens for r in alle])
    bulk_invoegen(Factuur, [f for r in alle for f in r.facturen])
    historie = [paar for r in alle for paar in r.historie]
    for rij, moment in historie:
        rij.tijdstip = moment
    # `tijdstip` is auto_now_add: each row keeps its moment in the story instead of "now".
    bulk_invoegen(PvtHistorie, [rij for rij, _ in historie], houd=("tijdstip",))
    return [b for r in alle for b in r.berichten]


def samenvatting() -> str:
    return f"{Wi2013Persoon.objects.count()} Wi2013-personen"


def registreer() -> None:
    """Add the Wi2013 data to every batch of `seed_demo` (call from ready(); idempotent, keyed by name)."""
    registreer_demo(DemoAanvulling("wi2013", per_batch, samenvatting))
