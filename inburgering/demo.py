"""Deterministic demo data: the same --seed always gives the same persons, so re-running adds nothing."""

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from faker import Faker
from stdnum.nl import bsn as stdnum_bsn

from .constants import Geslacht, Rol, Wet

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


@dataclass
class DemoPersoon:
    data: dict
    rol: str = ""  # a short description for showcase persons


def bsn_uit(rng: random.Random, gebruikt: set[str]) -> str:
    """A random BSN passing the elfproef; rejection-sampled so the stream stays deterministic."""
    while True:
        kandidaat = f"{rng.randint(10_000_000, 99_999_999):08d}"
        controle = stdnum_bsn.checksum(kandidaat + "0")
        # checksum(x0) = sum of weights 9..2 mod 11; the last digit d needs sum - d ≡ 0 (mod 11).
        laatste = controle % 11
        if laatste <= 9:
            waarde = kandidaat + str(laatste)
            if stdnum_bsn.is_valid(waarde) and waarde not in gebruikt:
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


def personen(*, aantal: int, seed: int, gemeenten: list, vandaag: date) -> Iterator[DemoPersoon]:
    """`gemeenten` is a list of (id, code, naam); Groningen (0014) and Almere (0034) get extra residents."""
    rng = random.Random(seed)
    nl, tr = Faker("nl_NL"), Faker("tr_TR")
    nl.seed_instance(seed)
    tr.seed_instance(seed + 1)
    gebruikt: set[str] = set()
    per_code = {code: (gid, naam) for gid, code, naam in gemeenten}
    groningen = per_code.get("0014")
    almere = per_code.get("0034")
    azc = per_code.get("1950")  # Westerwolde: aanmeldcentrum Ter Apel

    def maak(i: int, *, wet: str | None = None, gemeente=None, overleden: bool | None = None) -> DemoPersoon:
        faker = nl if rng.random() < 0.35 else tr
        geslacht = rng.choice((Geslacht.MAN, Geslacht.VROUW, Geslacht.MAN, Geslacht.VROUW, Geslacht.ONBEKEND))
        voornaam = faker.first_name_male() if geslacht == Geslacht.MAN else faker.first_name_female()
        if rng.random() < 0.3:
            voornaam += " " + (
                faker.first_name_male() if geslacht == Geslacht.MAN else faker.first_name_female()
            )
        voorvoegsels, achternaam = _splits_achternaam(faker.last_name())
        wet = _kies_wet(rng) if wet is None else wet
        if gemeente is None:
            r = rng.random()
            if r < 0.12 and groningen:
                gemeente = groningen
            elif r < 0.16 and almere:
                gemeente = almere
            else:
                gemeente = per_code[rng.choice(gemeenten)[1]]
        nationaliteit, land, plaats = rng.choice(HERKOMST)
        van, tot = VESTIGING[wet]
        vestiging = _datum(rng, date(van, 1, 1), min(date(tot, 12, 31), vandaag))
        overleden = rng.random() < 0.015 if overleden is None else overleden
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
            "straat": nl.street_name(),
            "huisnummer": str(rng.randint(1, 250)),
            "postcode": nl.postcode().replace(" ", ""),
            "woonplaats": gemeente[1],
            "woongemeente_id": woongemeente_id,
            "toekomstige_gemeente_id": toekomstig,
            "datum_vestiging": vestiging,
            "datum_overlijden": _datum(rng, vestiging, vandaag) if overleden else None,
            "uitgeschreven_uit_brp": rng.random() < 0.02,
            "wet": wet,
        }
        return DemoPersoon(data)

    showcase = []
    if groningen and almere:
        showcase = [
            (Wet.WI2021, groningen, False, "Wi2021, woont in Groningen"),
            (Wet.WI2013, groningen, False, "Wi2013, woont in Groningen"),
            (Wet.WI2007, groningen, False, "Wi2007, woont in Groningen"),
            (Wet.WI2021, groningen, True, "Wi2021, overleden, woonde in Groningen"),
            (Wet.WI2013, almere, False, "Wi2013, woont in Almere"),
        ]
    for i in range(aantal):
        if i < len(showcase):
            wet, gemeente, overleden, rol = showcase[i]
            persoon = maak(i, wet=wet, gemeente=gemeente, overleden=overleden)
            persoon.data["uitgeschreven_uit_brp"] = False
            persoon.data["toekomstige_gemeente_id"] = None
            persoon.data["woongemeente_id"] = gemeente[0]
            persoon.rol = rol
            yield persoon
        else:
            yield maak(i)
