"""Demo Wi2007 data for every demo person under the Wi2007 (`seed_demo`), deterministic per seed and BSN.

Every person gets one of the states below, with the rows that go with it (voorzieningen,
vrijstellingen, boetes, examens), and the herkomst (ISI Actief/Definitief) computed by the same
function the services use. Rows are only made for persons that have no Wi2007 data yet, so a re-run
of the same seed adds nothing.

The rows are bulk-created in the state before the last things DUO learnt about the person; those come
as Wi2007 chain events (docs/ketenberichten.md) that `seed_demo` feeds through `wi2007.services`, so
their signals (SS002, SS005, SS006, SS015, SS016, SS017, SS065) follow from the data by construction.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from inburgering.bulk import bulk_invoegen
from inburgering.demo import bericht
from inburgering.models import Persoon
from inburgering.registry import DemoAanvulling, registreer_demo

from . import constants as c
from .isi import herkomst
from .models import Boete, Examen, Voorziening, Vrijstelling, Wi2007Persoon

# State → weight. "actief" persons are handhaafd with a term far ahead, within six months (SS004) or
# passed (SS066); "boete" persons passed their term and were fined.
TOESTANDEN = {
    "actief": 26,
    "termijn_nadert": 10,
    "termijn_verstreken": 10,
    "boete": 8,
    "definitief": 16,
    "vrijwillig": 8,
    "geheel_vrijgesteld": 8,
    "gedeeltelijk_vrijgesteld": 6,
    "tijdelijk_vrijgesteld": 6,
    "niet_inburgeringsplichtig": 7,
}
EXAMENS = (
    ("Toets Gesproken Nederlands", "A2", "", ""),
    ("Kennis van de Nederlandse Maatschappij", "A2", "", ""),
    ("Elektronisch praktijkexamen", "A2", "Werk", "Elektronisch"),
    ("Praktijkexamen", "A2", "Opvoeding, gezondheid en onderwijs", "Portfolio"),
    ("Praktijkexamen", "A2", "Maatschappelijke participatie", "Assessment"),
    ("Staatsexamen NT2 programma I", "P1", "", ""),
    ("Staatsexamen NT2 programma II", "P2", "", ""),
)
REDENEN_VERLENGING = ("Ziekte", "Zwangerschap", "Zorg voor gezinslid", "Voorziening te laat aangeboden")
REDENEN_NIET_PLICHTIG = ("Tijdelijk verblijfsdoel", "Geen rechtmatig verblijf", "Acht jaar leerplichtig in NL",
                         "Vrijgesteld wegens diploma")  # fmt: skip
REDENEN_EINDE = ("Inburgeringsexamen behaald", "Verhuisd", "Niet nagekomen afspraken", "")


@dataclass
class Rijen:
    gegevens: Wi2007Persoon
    voorzieningen: list[Voorziening] = field(default_factory=list)
    vrijstellingen: list[Vrijstelling] = field(default_factory=list)
    boetes: list[Boete] = field(default_factory=list)
    examens: list[Examen] = field(default_factory=list)
    berichten: list[dict] = field(default_factory=list)  # chain events, fed after the bulk insert


def _datum(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randint(0, max((tot - van).days, 0)))


def _examen(gegevens: Wi2007Persoon, gemeente_id: int, uitslag: str, datum: date, index: int) -> Examen:
    naam, niveau, profiel, variant = EXAMENS[index]
    return Examen(persoon=gegevens, examen=naam, niveau=niveau, uitslag=uitslag, profiel=profiel, variant=variant,
                  datum_deelname=datum, vrijgesteld=False,
                  gemeente_behaald_id=gemeente_id if uitslag == c.Uitslag.GESLAAGD else None)  # fmt: skip


def wi2007_voor(*, persoon_id: int, data: dict, seed: int, vandaag: date, verhaal: bool = True) -> Rijen:
    """The Wi2007 data of one demo person; the same seed and BSN always give the same rows. With `verhaal`
    false the rows are the final state and no chain events are made."""
    rng = random.Random(f"{seed}:{data['bsn']}:wi2007")  # own stream: not correlated with the demo signals
    toestand = rng.choices(list(TOESTANDEN), weights=list(TOESTANDEN.values()))[0]
    gemeente_id = data["woongemeente_id"]
    vestiging = data["datum_vestiging"] or date(2008, 1, 1)
    plicht = vestiging + timedelta(days=rng.randint(0, 120))
    gegevens = Wi2007Persoon(
        persoon=Persoon(id=persoon_id, **data),
        betrouwbaar_adres=rng.random() < 0.95,
        recht_op_lening=rng.random() < 0.6,
        asielgerechtigd=rng.random() < 0.3,
        verblijfsdoel=c.Verblijfsdoel.PERMANENT,
        rechtmatig_verblijf=True,
        pardonregeling=rng.random() < 0.08,
        pvb=rng.random() < 0.2,
        pvb_gebruikt=False,
        in_azc=False,
        datum_beslissing_verblijfsrecht=vestiging - timedelta(days=rng.randint(0, 400)),
        code_geheim=c.CodeGeheim.BEPERKT if rng.random() < 0.02 else c.CodeGeheim.GEEN,
        oudkomer=rng.random() < 0.4,
        inburgeringsplichtig=True,
        datum_inburgeringsplicht=plicht,
    )
    gegevens.pvb_gebruikt = bool(gegevens.pvb and rng.random() < 0.5)
    gegevens.in_azc = bool(gegevens.pardonregeling and rng.random() < 0.3)
    rijen = Rijen(gegevens)

    def feed(soort: str, waarden: dict) -> None:
        rijen.berichten.append(bericht(seed, data["bsn"], soort, waarden))

    def examen_als_bericht(examen: Examen) -> None:
        """The exam result arrives as a chain event (SS065) instead of a bulk row."""
        rijen.examens.remove(examen)
        feed("wi2007_examenuitslag", {"examen": examen.examen, "niveau": examen.niveau, "uitslag": examen.uitslag,
                                      "profiel": examen.profiel, "variant": examen.variant,
                                      "datum_deelname": examen.datum_deelname.isoformat()})  # fmt: skip

    def handhaving(einde: date) -> None:
        gegevens.gehandhaafd = True
        gegevens.handhaving_gemeente_id = gegevens.eerste_handhaving_gemeente_id = gemeente_id
        gegevens.begin_handhaving = plicht + timedelta(days=rng.randint(0, 60))
        gegevens.einde_handhavingstermijn = einde
        if einde > gegevens.begin_handhaving + timedelta(
            days=5 * 365
        ):  # longer than the usual term: extended
            gegevens.datum_verlenging = _datum(rng, gegevens.begin_handhaving, min(einde, vandaag))
            gegevens.reden_verlenging = rng.choice(REDENEN_VERLENGING)

    def voorziening(start: date, *, afgerond: bool = False) -> None:
        soort = rng.choice(c.SoortVoorziening.values)
        einde = _datum(rng, start, vandaag) if afgerond or rng.random() < 0.4 else None
        rijen.voorzieningen.append(Voorziening(
            persoon=gegevens, aanbod_gemeente_id=gemeente_id, doelgroep=rng.choice(c.Doelgroep.values),
            soort=soort, indicatie_pib=rng.random() < 0.3,
            vorm_duaal=rng.choice(c.VormDuaal.values) if soort == c.SoortVoorziening.DUAAL else "",
            datum_start=start, datum_einde=einde, reden_einde=rng.choice(REDENEN_EINDE) if einde else "",
        ))  # fmt: skip

    def examens(*uitslagen: str) -> None:
        datum = plicht + timedelta(days=rng.randint(200, 500))
        for index, uitslag in zip(rng.sample(range(len(EXAMENS)), len(uitslagen)), uitslagen, strict=True):
            rijen.examens.append(_examen(gegevens, gemeente_id, uitslag, min(datum, vandaag), index))
            datum += timedelta(days=rng.randint(14, 120))

    mislukt = (c.Uitslag.NIET_GESLAAGD, c.Uitslag.NIET_OPGEKOMEN, c.Uitslag.ONGELDIG)
    if toestand in ("actief", "termijn_nadert", "termijn_verstreken", "boete"):
        einde = {
            "actief": vandaag + timedelta(days=rng.randint(190, 900)),
            "termijn_nadert": vandaag + timedelta(days=rng.randint(1, 180)),
            "termijn_verstreken": vandaag - timedelta(days=rng.randint(0, 700)),
            "boete": vandaag - timedelta(days=rng.randint(60, 1500)),
        }[toestand]
        handhaving(einde)
        voorziening(gegevens.begin_handhaving + timedelta(days=rng.randint(0, 90)))
        examens(*(rng.choice((c.Uitslag.GESLAAGD, *mislukt)) for _ in range(rng.randint(0, 3))))
        gegevens.deelgenomen_volledig_examen = bool(rijen.examens) and rng.random() < 0.3
        if verhaal and rijen.examens and rng.random() < 0.5:
            examen_als_bericht(rijen.examens[-1])
        if verhaal and rng.random() < 0.1:  # the IND changed the indicatie asielgerechtigd (SS015)
            feed("wi2007_gegevens_gewijzigd", {"asielgerechtigd": not gegevens.asielgerechtigd})
        if gegevens.deelgenomen_volledig_examen:
            gegevens.gemeente_volledige_deelname_id = gemeente_id
        gegevens.schuld = rng.random() < 0.15
        gegevens.examenaanvraag = rng.choice(("", "", c.Examenaanvraag.WI, c.Examenaanvraag.NATURALISATIE))
        if toestand == "boete":
            for _ in range(rng.randint(1, 2)):
                rijen.boetes.append(Boete(
                    persoon=gegevens, datum_toekennen=_datum(rng, einde, vandaag),
                    reden="Inburgeringsexamen niet binnen de handhavingstermijn behaald",
                    bedrag=Decimal(rng.choice((250, 500, 750, 1000))), soort="Bestuurlijke boete",
                ))  # fmt: skip
    elif toestand == "definitief":
        handhaving(plicht + timedelta(days=rng.randint(3 * 365, 5 * 365)))
        start = gegevens.begin_handhaving + timedelta(days=rng.randint(0, 90))
        voorziening(start, afgerond=True)
        examens(rng.choice(mislukt), c.Uitslag.GESLAAGD, c.Uitslag.GESLAAGD, c.Uitslag.GESLAAGD)
        gegevens.diploma_behaald = True
        gegevens.datum_diploma = max(e.datum_deelname for e in rijen.examens)
        gegevens.niveau_diploma = rng.choice(c.Diplomaniveau.values)
        gegevens.diploma_gemeente_id = gemeente_id
        gegevens.indicatie_geslaagd = rng.choice(c.IndicatieGeslaagd.values)
        gegevens.deelgenomen_volledig_examen = True
        gegevens.gemeente_volledige_deelname_id = gemeente_id
        if rng.random() < 0.3:
            gegevens.volledige_deelname_nt2 = c.VolledigeDeelnameNT2.GESLAAGD
            gegevens.datum_volledige_deelname_nt2 = gegevens.datum_diploma
            gegevens.gemeente_volledige_deelname_nt2_id = gemeente_id
        if rng.random() < 0.25:  # a voorziening after the diploma keeps the person in ISI Actief (§3.2)
            voorziening(min(gegevens.datum_diploma + timedelta(days=rng.randint(30, 300)), vandaag))
        if verhaal and rng.random() < 0.5:  # the diploma arrives as a chain event (SS016)
            feed("wi2007_diploma_behaald", {"datum": gegevens.datum_diploma.isoformat(),
                                            "niveau": gegevens.niveau_diploma,
                                            "indicatie_geslaagd": gegevens.indicatie_geslaagd})  # fmt: skip
            gegevens.diploma_behaald, gegevens.datum_diploma, gegevens.diploma_gemeente_id = False, None, None
            gegevens.niveau_diploma = gegevens.indicatie_geslaagd = ""
    elif toestand == "vrijwillig":
        gegevens.inburgeringsplichtig = False
        gegevens.datum_inburgeringsplicht = None
        gegevens.reden_niet_inburgeringsplichtig = rng.choice(REDENEN_NIET_PLICHTIG)
        gegevens.vrijwillig = True
        voorziening(plicht + timedelta(days=rng.randint(0, 200)))
        examens(*(rng.choice((c.Uitslag.GESLAAGD, *mislukt)) for _ in range(rng.randint(0, 2))))
    elif toestand == "geheel_vrijgesteld":
        gegevens.gehele_vrijstelling_duo = True
        gegevens.inburgeringsplichtig = False
        gegevens.reden_niet_inburgeringsplichtig = "Vrijgesteld wegens diploma"
        if (
            rng.random() < 0.3
        ):  # "De gedeeltelijke vrijstelling kan ook voorkomen naast een gehele vrijstelling."
            rijen.vrijstellingen.append(Vrijstelling(
                persoon=gegevens, soort=c.SoortVrijstelling.GEDEELTELIJK, verleend_door=c.VerleendDoor.DUO,
                datum_start=plicht, examenonderdeel=c.Examenonderdeel.KNS,
            ))  # fmt: skip
        if rng.random() < 0.4:
            rijen.examens.append(Examen(persoon=gegevens, examen="Korte vrijstellingstoets", uitslag=c.Uitslag.GESLAAGD,
                                        datum_deelname=plicht + timedelta(days=rng.randint(30, 200)),
                                        gemeente_behaald_id=gemeente_id))  # fmt: skip
        if verhaal and rng.random() < 0.5:  # DUO grants the gehele vrijstelling as a chain event
            gegevens.gehele_vrijstelling_duo = False
            toets = [e for e in rijen.examens if e.examen == "Korte vrijstellingstoets"]
            if toets:  # the passed toets gives it (SS065, SS017)
                examen_als_bericht(toets[0])
            else:  # a diploma that exempts (SS006)
                feed("wi2007_gegevens_gewijzigd", {"gehele_vrijstelling_duo": True})
    elif toestand == "gedeeltelijk_vrijgesteld":
        handhaving(vandaag + timedelta(days=rng.randint(-400, 900)))
        rijen.vrijstellingen.append(Vrijstelling(
            persoon=gegevens, soort=c.SoortVrijstelling.GEDEELTELIJK, verleend_door=rng.choice(c.VerleendDoor.values),
            datum_start=plicht - timedelta(days=365), examenonderdeel=c.Examenonderdeel.TAAL,
            niveau=rng.choice(c.Diplomaniveau.values),
        ))  # fmt: skip
        examens(rng.choice((c.Uitslag.GESLAAGD, *mislukt)))
        rijen.examens.append(_examen(gegevens, gemeente_id, c.Uitslag.GESLAAGD, plicht, 0))
        rijen.examens[-1].vrijgesteld = True
    elif toestand == "tijdelijk_vrijgesteld":  # in education after the leerplicht; some ended without diploma
        gegevens.inburgeringsplichtig = False
        gegevens.datum_inburgeringsplicht = None
        gegevens.reden_niet_inburgeringsplichtig = "Tijdelijk vrijgesteld wegens opleiding"
        einde = _datum(rng, plicht, vandaag) if rng.random() < 0.6 else None
        rijen.vrijstellingen.append(Vrijstelling(
            persoon=gegevens, soort=c.SoortVrijstelling.TIJDELIJK, verleend_door=c.VerleendDoor.DUO,
            datum_start=plicht, datum_einde=einde,
        ))  # fmt: skip
        if verhaal and einde and rng.random() < 0.5:  # it ends, without diploma, as a chain event (SS005)
            rijen.vrijstellingen[-1].datum_einde = None
            feed("wi2007_vrijstelling", {"soort": c.SoortVrijstelling.TIJDELIJK, "verleend_door": c.VerleendDoor.DUO,
                                         "datum_start": plicht.isoformat(), "datum_einde": einde.isoformat()})  # fmt: skip
    else:  # niet_inburgeringsplichtig
        gegevens.inburgeringsplichtig = False
        gegevens.datum_inburgeringsplicht = None
        gegevens.reden_niet_inburgeringsplichtig = rng.choice(REDENEN_NIET_PLICHTIG)
        if gegevens.reden_niet_inburgeringsplichtig == "Tijdelijk verblijfsdoel":  # the IND says so (SS002)
            if verhaal:
                feed("wi2007_gegevens_gewijzigd", {"verblijfsdoel": c.Verblijfsdoel.TIJDELIJK})
            else:
                gegevens.verblijfsdoel = c.Verblijfsdoel.TIJDELIJK
        elif gegevens.reden_niet_inburgeringsplichtig == "Geen rechtmatig verblijf":
            gegevens.rechtmatig_verblijf = False

    gegevens.herkomst = herkomst(gegevens, vandaag=vandaag,
                                 voorziening_starts=[v.datum_start for v in rijen.voorzieningen])  # fmt: skip
    return rijen


def per_batch(personen: list[tuple[int, dict, bool]], seed: int, vandaag: date) -> list[dict]:
    """Wi2007 data for the batch's Wi2007 persons that have none yet; set-based, four bulk inserts.
    Returns their chain events, which `seed_demo` feeds after the insert."""
    kandidaten = [(pid, data, verhaal) for pid, data, verhaal in personen if data["wet"] == "WI2007"]
    bestaand = set(
        Wi2007Persoon.objects.filter(pk__in=[pid for pid, _, _ in kandidaten]).values_list("pk", flat=True)
    )
    alle = [wi2007_voor(persoon_id=pid, data=data, seed=seed, vandaag=vandaag, verhaal=verhaal)
            for pid, data, verhaal in kandidaten if pid not in bestaand]  # fmt: skip
    if not alle:
        return []
    bulk_invoegen(Wi2007Persoon, [r.gegevens for r in alle])  # the existing ones were left out above
    for model, soort in ((Voorziening, "voorzieningen"), (Vrijstelling, "vrijstellingen"), (Boete, "boetes"),
                         (Examen, "examens")):  # fmt: skip
        bulk_invoegen(model, [rij for r in alle for rij in getattr(r, soort)])
    return [b for r in alle for b in r.berichten]


def samenvatting() -> str:
    return f"{Wi2007Persoon.objects.count()} Wi2007-personen"


def registreer() -> None:
    """Add the Wi2007 data to every batch of `seed_demo` (call from ready(); idempotent, keyed by name)."""
    registreer_demo(DemoAanvulling("wi2007", per_batch, samenvatting))
