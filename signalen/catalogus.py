"""S-1: the codes and Dutch texts of every signal, per law, loaded once from the manuals' data files."""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Signaalsoort:
    code: str
    omschrijving: str
    oorzaak: str = ""
    vervolgactie: str = ""
    toelichting: str = ""


@cache
def catalogus(wet: str) -> dict[str, Signaalsoort]:
    with open(DATA / f"catalogus_{wet.lower()}.json", encoding="utf-8") as fh:
        return {item["code"]: Signaalsoort(**item) for item in json.load(fh)}


def soort(wet: str, code: str) -> Signaalsoort:
    """KeyError for a code the manual does not define: emitting one is a programming error."""
    return catalogus(wet)[code]


def omschrijving(wet: str, code: str) -> str:
    gevonden = catalogus(wet).get(code)
    # The signal tables show the texts without their closing full stop (seed 001 §3.2.1 screenshot).
    return gevonden.omschrijving.rstrip(".") if gevonden else code


def codes(wet: str) -> list[tuple[str, str]]:
    """Choices for "Code signaal": code and text."""
    return [(c, f"{c} {s.omschrijving}") for c, s in sorted(catalogus(wet).items())]
