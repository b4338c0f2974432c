"""Page helpers of the MAP/PVT and uren tests (Wi2021 2/3); their fixtures are in `mapuren_fixtures`."""

import html
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2024, 6, 1, 10, 0, tzinfo=AMS)  # "today" of the tests: 01-06-2024
START = date(2024, 3, 1)  # the plicht's start (the plicht fixture's default)


def url(naam: str, persoon, **kwargs) -> str:
    return reverse(f"wi2021:{naam}", kwargs={"persoon": persoon.pk, **kwargs})


def tekst(response) -> str:
    return html.unescape(response.content.decode())


def veldfout(response, veld: str) -> str:
    gevonden = re.search(rf'id="id_{veld}_error">([^<]*)<', tekst(response))
    return gevonden.group(1) if gevonden else ""


def versie(response) -> str:
    gevonden = re.search(r'name="versie"(?: value="([^"]*)")?', tekst(response))
    return gevonden.group(1) or "" if gevonden else ""


def weigering(response) -> str:
    """The refusal a blocked page shows instead of the form (pip_blokkade, pip_weigering)."""
    gevonden = re.search(r'role="alert"><p class="utrecht-paragraph">([^<]*)</p>', tekst(response))
    return gevonden.group(1) if gevonden else ""


def fouten(response) -> list[str]:
    """The error summary at the top of a form (D-19)."""
    blok = re.search(r'id="foutenoverzicht"[^>]*>(.*?)</ul>', tekst(response), re.S)
    return (
        [re.sub(r"<[^>]+>", "", li).strip() for li in re.findall(r"<li[^>]*>(.*?)</li>", blok.group(1), re.S)]
        if blok
        else []
    )
