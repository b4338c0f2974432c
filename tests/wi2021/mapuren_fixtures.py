"""Fixtures of the MAP/PVT and uren tests (Wi2021 2/3), loaded with `pytest_plugins`: a client with the MUT
role, a Groningen resident with a PIP, instellingen and inburgeringsaanbod.

`aanbod` creates a real inburgeringsaanbod, which `selectors_aanbod.aanbiedingen_voor_uren` finds (FS 659)."""

import pytest

from wi2021.models import Inburgeringsplicht, Instelling


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
def aanbod(db):
    """aanbod(persoon, instelling, gemeente): an actueel inburgeringsaanbod of `gemeente` at `instelling` for the
    person's current plicht."""
    from tests.wi2021.aanbod_data import aanbod as maak_aanbod

    def maak(persoon, instelling, gemeente):
        plicht = Inburgeringsplicht.objects.filter(persoon=persoon).order_by("-datum_start", "-pk").first()
        return maak_aanbod(plicht, gemeente, bij=instelling)

    return maak
