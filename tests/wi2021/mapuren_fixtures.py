"""Fixtures of the MAP/PVT and uren tests (Wi2021 2/3), loaded with `pytest_plugins`: a client with the MUT
role, a Groningen resident with a PIP, instellingen and inburgeringsaanbod.

`aanbod` is the one place that stands in for the Inburgeringsaanbod (built concurrently): it answers
`selectors_map_pvt_uren._aanbod_voor_instelling`. When that function is swapped for
`selectors_aanbod.aanbiedingen_voor_uren`, this fixture creates a real aanbod instead."""

import pytest

from wi2021 import selectors_map_pvt_uren
from wi2021.models import Instelling


@pytest.fixture
def mut(login, medewerker):
    return login(medewerker)


@pytest.fixture
def persoon_met_pip(plicht, pip):
    """persoon_met_pip(leerroute=..., doelgroep=..., **plicht velden): a Groningen resident with a PIP."""

    def maak(*, leerroute="B1", **kwargs):
        p = plicht(**kwargs)
        pip(p, leerroute=leerroute, **({"niveau": "NVT"} if leerroute == "Z" else {}))
        return p.persoon

    return maak


@pytest.fixture
def instelling(db):
    def maak(naam="Taalschool Noord", soort="bow", code=None) -> Instelling:
        return Instelling.objects.create(code=code or naam[:20], naam=naam, plaats="Groningen", soort=soort)

    return maak


@pytest.fixture
def aanbod(monkeypatch):
    """aanbod(persoon, instelling, gemeente): an actueel or niet-actueel aanbod of `gemeente` at `instelling`."""
    geregistreerd: list[tuple[int, int, Instelling]] = []

    def _aanbod_voor_instelling(plicht, gemeente):
        return [i for persoon_id, gemeente_id, i in geregistreerd
                if persoon_id == plicht.persoon_id and gemeente_id == gemeente.pk]  # fmt: skip

    monkeypatch.setattr(selectors_map_pvt_uren, "_aanbod_voor_instelling", _aanbod_voor_instelling)

    def maak(persoon, instelling, gemeente):
        geregistreerd.append((persoon.pk, gemeente.pk, instelling))

    return maak
