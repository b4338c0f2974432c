"""Deterministic demo data: the same --seed always gives the same persons, so re-running adds nothing."""

import csv
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

from django.core.exceptions import ValidationError

from faker import Faker

from .constants import Geslacht, Rol, Wet
from .ketenberichten import OngeldigBericht, verwerk_bericht

VOORVOEGSELS = ("van der", "van den", "van de", "in 't", "van", "de", "den", "der", "ter", "te", "het")

# (nationaliteit, geboorteland, geboorteplaats) of people who typically integrate under these laws.
HERKOMST = (
    ("Syrische", "Syrië", "Damascus"),
    ("Syrische", "Syrië", "Aleppo"),
    ("Eritrese", "Eritrea", "Asmara"),
    ("Turkse", "Turkije", "Ankara"),
    ("Turkse", "Turkije", "Izmir"),
    ("Marokkaanse", "Marokko", "Nador"),
    ("Afghaanse", "Afghanistan", "Kabul"),
    ("Oekraïense", "Oekraïne", "Kharkiv"),
    ("Iraanse", "Iran", "Teheran"),
    ("Somalische", "Somalië", "Mogadishu"),
    ("Indiase", "India", "Bangalore"),
    ("Chinese", "China", "Wenzhou"),
    ("Jemenitische", "Jemen", "Sanaa"),
    ("Irakese", "Irak", "Bagdad"),
    ("Ethiopische", "Ethiopië", "Addis Abeba"),
)

# Share of persons per law; the rest falls under none (e.g. vrijgesteld from birth).
WET_VERDELING = ((Wet.WI2021, 0.45), (Wet.WI2013, 0.25), (Wet.WI2007, 0.20), ("", 0.10))
VESTIGING = {Wet.WI2007: (2007, 2012), Wet.WI2013: (2013, 2021), Wet.WI2021: (2022, 2026), "": (1995, 2026)}

# The gemeenten of the demo users (and Almere, the second showcase gemeente): they get an IBAN, so a
# factuur can be submitted (13-4), and their nightly files are built by seed_demo.
DEMO_GEMEENTEN = ("0014", "0034")

DEMO_GEBRUIKERS = {
    # username: (roles, gemeentecode or None for all gemeenten, is_superuser)
    "medewerker": (tuple(Rol.values), "0014", False),
    "raadpleger": ((Rol.WI2007, Rol.WI2013, Rol.WI2021), "0014", False),
    "helpdesk": (tuple(Rol.values), None, False),
    "beheerder": ((), None, True),
}


def demo_totp_sleutel(username: str) -> str:
    """The demo users' TOTP key (hex), derived from the name so scripts and people can reproduce codes."""
    import hashlib

    return hashlib.sha256(f"pib-demo-totp:{username}".encode()).hexdigest()[:40]


# Persons are spread over the gemeenten by their share of the population (CBS, data/inwoners.csv); a
# gemeente not in that file gets an equal part of the rest of the national total.
NEDERLAND = 17_942_942  # CBS: inwoners van Nederland op 1 januari 2024
INWONERS = Path(__file__).resolve().parent / "data" / "inwoners.csv"


# In a demo of a few thousand persons the demo users' gemeente would hold a handful of them (Groningen is 1.4 %
# of the country), too few to show every state on its screens; up to DEMO_SCHAAL persons it gets this share.
# At national scale (issue 15: a million persons) every gemeente has exactly its CBS share.
DEMO_SCHAAL = 50_000
DEMO_AANDEEL = {"0014": 0.10}


def gewichten(codes: list[str], aantal: int) -> dict[str, float]:
    """The weight of each gemeente when `aantal` persons are spread: CBS shares, with the demo floor."""
    inwoners = inwoners_per_gemeente(codes)
    if aantal <= DEMO_SCHAAL:
        totaal = sum(inwoners.values())
        for code, aandeel in DEMO_AANDEEL.items():
            if code in inwoners:
                rest = totaal - inwoners[code]
                inwoners[code] = max(inwoners[code], aandeel / (1 - aandeel) * rest)
    return inwoners


def inwoners_per_gemeente(codes: list[str]) -> dict[str, float]:
    """{gemeentecode: inwoners} for `codes`, from the CBS figures, the rest evenly over the others."""
    bekend = {}
    with INWONERS.open(encoding="utf-8") as bestand:
        for rij in csv.DictReader(bestand, delimiter=";"):
            bekend[rij["code"]] = int(rij["inwoners"])
    overig = [code for code in codes if code not in bekend]
    rest = max(NEDERLAND - sum(bekend.values()), 0) / len(overig) if overig else 0.0
    return {code: float(bekend.get(code, rest)) for code in codes}


# Shares of the persons under a law whose story has a BRP chain event (docs/ketenberichten.md): a move
# between gemeenten, then possibly death or departure. Every signal of these facts comes from feeding
# the event through the importer, so it agrees with the person's data by construction.
VERHUIS_KANS = 0.05
OVERLIJDENS_KANS = 0.015
VERTREK_KANS = 0.015
# Feeding an event through the services costs ~25 queries, so at most this many persons have a story;
# in a larger set a random share of them does and the others stay in their neutral state (their law
# data complete, without events). Up to this size every person under a law has one.
VERHALEN_MAX = 20_000


@dataclass
class DemoPersoon:
    # The Persoon row as bulk-created: the neutral starting state, before any chain event.
    data: dict
    rol: str = ""  # a short description for showcase persons
    verhaal: bool = False  # gets chain events (from the core and the law apps), see VERHALEN_MAX
    verhuizing: dict | None = None  # a `persoon_verhuisd` event, fed right after the bulk insert
    verhuisd: dict = field(default_factory=dict)  # the Persoon fields the move changes, as ids and dates
    einde: dict | None = None  # `persoon_overleden` / `persoon_vertrokken_uit_nederland`, fed last

    def na_verhuizing(self) -> dict:
        """The person as the law apps build their data on: after the move, before death or departure."""
        return {**self.data, **self.verhuisd}


def bericht(seed: int, bsn: str, soort: str, gegevens: dict) -> dict:
    """A chain event of the demo; its id is fixed per seed, person and type, so a re-run skips it."""
    return {"id": f"demo-{seed}-{bsn}-{soort}", "type": soort, "bsn": bsn, "gegevens": gegevens}


@dataclass
class Voeding:
    """What feeding the demo's chain events did: applied now, applied by an earlier run, refused."""

    toegepast: int = 0
    overgeslagen: int = 0
    fouten: list[str] = field(default_factory=list)

    def voed(self, berichten) -> None:
        """Apply events through the chain-event importer, as `import_events` does: each through the services,
        with its audit entry and signals, and skipped when its id was applied before."""
        for ketenbericht in berichten:
            try:
                if verwerk_bericht(ketenbericht):
                    self.toegepast += 1
                else:
                    self.overgeslagen += 1
            except (OngeldigBericht, ValidationError) as fout:
                self.fouten.append(f"{ketenbericht['id']}: {fout}")


BSN_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2)


def bsn_uit(rng: random.Random, gebruikt: set[str]) -> str:
    """A random BSN passing the elfproef; rejection-sampled so the stream stays deterministic."""
    while True:
        kandidaat = f"{rng.randint(10_000_000, 99_999_999):08d}"
        # The elfproef: 9·d1 + … + 2·d8 − d9 ≡ 0 (mod 11), so d9 is that sum mod 11 when it is a digit.
        laatste = sum(g * int(c) for g, c in zip(BSN_GEWICHTEN, kandidaat, strict=True)) % 11
        if laatste <= 9:
            waarde = kandidaat + str(laatste)
            if waarde not in gebruikt:
                gebruikt.add(waarde)
                return waarde


def _splits_achternaam(naam: str) -> tuple[str, str]:
    for voorvoegsel in VOORVOEGSELS:
        if naam.startswith(voorvoegsel + " "):
            return voorvoegsel, naam[len(voorvoegsel) + 1 :]
    return "", naam


def _datum(rng: random.Random, van: date, tot: date) -> date:
    return van + timedelta(days=rng.randint(0, (tot - van).days))


def _kies_wet(rng: random.Random) -> str:
    r, grens = rng.random(), 0.0
    for wet, deel in WET_VERDELING:
        grens += deel
        if r < grens:
            return wet
    return ""


POOL = 2000  # names and streets per run
POSTCODELETTERS = [a + b for a in "ABCDEFGHJKLMNPRTVWXZ" for b in "ABCDEFGHJKLMNPRTVWXZ"
                   if a + b not in ("SA", "SD", "SS")]  # fmt: skip


def personen(*, aantal: int, seed: int, gemeenten: list, vandaag: date) -> Iterator[DemoPersoon]:
    """`gemeenten` is a list of (id, code, naam); persons live in them by their share of the population.

    Each person comes in a neutral starting state (alive, in the Netherlands, in their first gemeente);
    what happened to them later is in their chain events (`verhuizing`, `einde`).
    """
    rng = random.Random(seed)
    nl, tr = Faker("nl_NL"), Faker("tr_TR")
    nl.seed_instance(seed)
    tr.seed_instance(seed + 1)
    # Faker per person costs ~0.3 ms, half the time of a million persons: names and streets are drawn
    # from pools Faker fills once per run (deterministic per seed like everything else).
    namen = {
        herkomst: {
            Geslacht.MAN: [f.first_name_male() for _ in range(POOL)],
            Geslacht.VROUW: [f.first_name_female() for _ in range(POOL)],
            "achternaam": [f.last_name() for _ in range(POOL)],
        }
        for herkomst, f in (("nl", nl), ("tr", tr))
    }
    straten = [nl.street_name() for _ in range(POOL)]
    gebruikt: set[str] = set()
    per_code = {code: (gid, naam, code) for gid, code, naam in gemeenten}
    groningen = per_code.get("0014")
    almere = per_code.get("0034")
    azc = per_code.get("1950")  # Westerwolde: aanmeldcentrum Ter Apel
    per_code_id = {g[0]: g for g in per_code.values()}
    verhaal_kans = min(1.0, VERHALEN_MAX / aantal) if aantal else 1.0
    volgorde = [per_code[code] for _, code, _ in gemeenten]
    inwoners = gewichten([code for _, code, _ in gemeenten], aantal)
    grenzen = list(accumulate(inwoners[code] for _, code, _ in gemeenten))

    def woonplaats():
        """A gemeente drawn by its share of the population: one draw, a binary search."""
        return volgorde[min(bisect(grenzen, rng.random() * grenzen[-1]), len(volgorde) - 1)]

    def adres() -> dict:
        return {"straat": rng.choice(straten), "huisnummer": str(rng.randint(1, 250)),
                "postcode": f"{rng.randint(1000, 9999)}{rng.choice(POSTCODELETTERS)}"}  # fmt: skip

    def verhuizen(persoon: DemoPersoon, van) -> None:
        """The person lived in `van` first and moved to the gemeente drawn for them."""
        data, naar = persoon.data, per_code_id[persoon.data["woongemeente_id"]]
        datum = _datum(rng, min(data["datum_vestiging"] + timedelta(days=30), vandaag), vandaag)
        nieuw = {**adres(), "woonplaats": naar[1]}
        persoon.verhuisd = {"woongemeente_id": naar[0], "datum_vestiging": datum, **nieuw}
        persoon.verhuizing = bericht(seed, data["bsn"], "persoon_verhuisd",
                                     {"naar_gemeente": naar[2], "datum": datum.isoformat(), **nieuw})  # fmt: skip
        data["woongemeente_id"], data["woonplaats"] = van[0], van[1]

    def eindigen(persoon: DemoPersoon, einde: str) -> None:
        """The person died or left the country, after settling in their (last) gemeente."""
        sinds = persoon.verhuisd.get("datum_vestiging", persoon.data["datum_vestiging"])
        soort = "persoon_overleden" if einde == "overleden" else "persoon_vertrokken_uit_nederland"
        persoon.einde = bericht(
            seed, persoon.data["bsn"], soort, {"datum": _datum(rng, sinds, vandaag).isoformat()}
        )

    def verhaal(persoon: DemoPersoon) -> None:
        data = persoon.data
        if rng.random() < VERHUIS_KANS and not data["toekomstige_gemeente_id"]:
            # A third of the moves leave a demo gemeente, so its users see the old gemeente's side.
            kandidaten = [g for g in (groningen, almere) if g] if rng.random() < 0.3 else []
            van = rng.choice(kandidaten) if kandidaten else woonplaats()
            if van[0] != data["woongemeente_id"]:
                verhuizen(persoon, van)
        r = rng.random()
        if r < OVERLIJDENS_KANS:
            eindigen(persoon, "overleden")
        elif r < OVERLIJDENS_KANS + VERTREK_KANS:
            eindigen(persoon, "vertrokken")

    def maak(i: int, *, wet: str | None = None, gemeente=None) -> DemoPersoon:
        pool = namen["nl" if rng.random() < 0.35 else "tr"]
        geslacht = rng.choice((Geslacht.MAN, Geslacht.VROUW, Geslacht.MAN, Geslacht.VROUW, Geslacht.ONBEKEND))
        voornamen = pool[Geslacht.MAN if geslacht == Geslacht.MAN else Geslacht.VROUW]
        voornaam = rng.choice(voornamen)
        if rng.random() < 0.3:
            voornaam += " " + rng.choice(voornamen)
        voorvoegsels, achternaam = _splits_achternaam(rng.choice(pool["achternaam"]))
        wet = _kies_wet(rng) if wet is None else wet
        if gemeente is None:
            gemeente = woonplaats()
        nationaliteit, land, plaats = rng.choice(HERKOMST)
        van, tot = VESTIGING[wet]
        vestiging = _datum(rng, date(van, 1, 1), min(date(tot, 12, 31), vandaag))
        toekomstig = None
        woongemeente_id = gemeente[0]
        if wet == Wet.WI2021 and azc and rng.random() < 0.03:
            toekomstig, woongemeente_id = gemeente[0], azc[0]  # COA assigned, still in the AZC
        data = {
            "bsn": bsn_uit(rng, gebruikt),
            "a_nummer": str(rng.randint(1_000_000_000, 9_999_999_999)),
            "voornamen": voornaam,
            "voorvoegsels": voorvoegsels,
            "achternaam": achternaam,
            "geboortedatum": _datum(rng, date(1950, 1, 1), date(2006, 12, 31)),
            "geslacht": geslacht,
            "nationaliteit": nationaliteit,
            "geboorteland": land,
            "geboorteplaats": plaats,
            **adres(),
            "woonplaats": gemeente[1],
            "woongemeente_id": woongemeente_id,
            "toekomstige_gemeente_id": toekomstig,
            "datum_vestiging": vestiging,
            "datum_overlijden": None,
            "datum_vertrek": None,
            "uitgeschreven_uit_brp": rng.random() < 0.02,
            "wet": wet,
        }
        return DemoPersoon(data)

    showcase = []
    if groningen and almere:
        # (wet, gemeente, moved from, end, description): every kind of story, in the demo users' gemeenten.
        showcase = [
            (Wet.WI2021, groningen, None, "", "Wi2021, woont in Groningen"),
            (Wet.WI2013, groningen, None, "", "Wi2013, woont in Groningen"),
            (Wet.WI2007, groningen, None, "", "Wi2007, woont in Groningen"),
            (Wet.WI2021, groningen, None, "overleden", "Wi2021, overleden, woonde in Groningen"),
            (Wet.WI2013, almere, None, "", "Wi2013, woont in Almere"),
            (Wet.WI2007, groningen, None, "overleden", "Wi2007, overleden, woonde in Groningen"),
            (Wet.WI2007, groningen, None, "vertrokken", "Wi2007, naar het buitenland, woonde in Groningen"),
            (Wet.WI2013, almere, groningen, "", "Wi2013, verhuisd van Groningen naar Almere"),
            (Wet.WI2021, groningen, almere, "", "Wi2021, verhuisd van Almere naar Groningen"),
        ]
    for i in range(aantal):
        if i < len(showcase):
            wet, gemeente, van, einde, rol = showcase[i]
            persoon = maak(i, wet=wet, gemeente=gemeente)
            persoon.data.update(uitgeschreven_uit_brp=False, toekomstige_gemeente_id=None,
                                woongemeente_id=gemeente[0])  # fmt: skip
            persoon.rol, persoon.verhaal = rol, True
            if van:
                verhuizen(persoon, van)
            if einde:
                eindigen(persoon, einde)
        else:
            persoon = maak(i)
            # Only persons under a law get signals from their story.
            persoon.verhaal = bool(persoon.data["wet"]) and rng.random() < verhaal_kans
            if persoon.verhaal:
                verhaal(persoon)
        yield persoon


def extracten_bouwen(vandaag: date) -> int:
    """Run the nightly build of "Downloaden bestanden" for the demo gemeenten now, synchronously, so a
    newcomer sees every file; a gemeente whose files of today exist is left alone. Returns the number of
    gemeenten built."""
    from .downloads.registry import alle_extracten
    from .downloads.tasks import bouw_extracten_gemeente
    from .models import Downloadbestand, Gemeente

    # The nightly job's peildatum is yesterday; the demo's data is complete up to today (its signals are
    # dated today), so its files are "bijgewerkt tot en met" today. Tonight's run rebuilds that day.
    peildatum = vandaag
    sleutels = {extract.sleutel for extract in alle_extracten()}
    gebouwd = 0
    for gemeente in Gemeente.objects.filter(code__in=DEMO_GEMEENTEN, actief=True).order_by("code"):
        klaar = Downloadbestand.objects.filter(gemeente=gemeente, peildatum=peildatum, extract__in=sleutels)
        if set(klaar.values_list("extract", flat=True)) != sleutels:
            bouw_extracten_gemeente(gemeente.id, peildatum.isoformat())  # the task itself, run in-process
            gebouwd += 1
    return gebouwd


# The per-gemeente document of the demo gemeenten (seed 000 §3.7, §5.1: the MB declarations COA did not
# pay before 1-10-2017). DUO's real columns are not published; these are a plausible, fictional set.
DEMO_CSV_KOLOMMEN = ("Gemeentecode", "Gemeentenaam", "BSN", "Achternaam", "Voornamen", "Datum vestiging",
                     "Declaratiejaar", "Bedrag", "Opmerking")  # fmt: skip
DEMO_UITLEG = (
    "Dit is een demonstratiebestand van de demo-omgeving van PIB. De inhoud is verzonnen. In een echte "
    "omgeving vervangt beheer dit bestand (Beheer > Downloaddocumenten) door het bestand van DUO."
)


def _demo_pdf(titel: str) -> bytes:
    from django.utils.html import escape

    from weasyprint import HTML

    html = (
        f'<html lang="nl"><head><meta charset="utf-8"><title>{escape(titel)}</title></head>'
        f'<body style="font-family: sans-serif"><h1>{escape(titel)}</h1><p>{escape(DEMO_UITLEG)}</p>'
        "<p>Het echte document bevat de modellen van de diploma's en certificaten waarmee een inburgeraar "
        "aantoont dat hij aan de inburgeringsplicht heeft voldaan.</p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _demo_csv(gemeente) -> bytes:
    regels = [
        ";".join(DEMO_CSV_KOLOMMEN),
        f"{gemeente.code};{gemeente.naam};;Voorbeeld;Demonstratie;2016-05-12;2017;2370,00;{DEMO_UITLEG}",
        f"{gemeente.code};{gemeente.naam};;Proef;Fictief;2017-03-01;2017;2370,00;{DEMO_UITLEG}",
    ]
    return ("\r\n".join(regels) + "\r\n").encode("utf-8")


def documenten_uploaden() -> int:
    """Upload a demonstration file for every fixed document of "Downloaden bestanden" that has none yet, as
    beheer would (issue 9-9): a PDF for a document for every gemeente (the Diplomamodellenboek), a CSV for
    a document per gemeente, for the demo gemeenten only (the COA declaraties). Returns the number made;
    a re-run makes none."""
    from django.core.files.base import ContentFile

    from .downloads.models import Downloaddocument
    from .downloads.registry import alle_documenten
    from .models import Gemeente

    gemeenten = list(Gemeente.objects.filter(code__in=DEMO_GEMEENTEN).order_by("code"))
    gemaakt = 0
    for document in alle_documenten():
        if document.per_gemeente:
            if "csv" not in document.formaten:
                continue
            bestanden = [(g, _demo_csv(g), "csv") for g in gemeenten]
        elif "pdf" in document.formaten:
            naam = document.downloadnaam(gemeentecode="", formaat="pdf").removesuffix(".pdf")
            bestanden = [(None, _demo_pdf(f"{naam} — demonstratiebestand"), "pdf")]
        else:
            continue
        for gemeente, inhoud, formaat in bestanden:
            if Downloaddocument.objects.filter(document=document.sleutel, gemeente=gemeente).exists():
                continue
            upload = Downloaddocument(document=document.sleutel, gemeente=gemeente, geupload_door="demo")
            upload.bestand.save(f"demo.{formaat}", ContentFile(inhoud), save=False)
            upload.grootte = upload.bestand.size
            upload.full_clean()  # what beheer's upload is checked against: the content must be the format
            upload.save()
            gemaakt += 1
    return gemaakt
