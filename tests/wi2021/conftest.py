from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from inburgering.constants import Wet
from tests.factories import PersoonFactory
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau
from wi2021.models import Inburgeringsplicht, Pip, PipHistorie

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def plicht(groningen):
    """plicht(doelgroep=..., persoon={...}, **velden): a running Wi2021 plicht of a Groningen resident."""

    def maak(**kwargs) -> Inburgeringsplicht:
        persoon_velden = kwargs.pop("persoon", {})
        persoon_velden.setdefault("woongemeente", groningen)
        persoon = PersoonFactory(wet=Wet.WI2021, **persoon_velden)
        kwargs.setdefault("datum_start", date(2024, 3, 1))
        kwargs.setdefault("doelgroep", Doelgroep.ASIELSTATUSHOUDER)
        return Inburgeringsplicht.objects.create(persoon=persoon, **kwargs)

    return maak


@pytest.fixture
def pip(groningen):
    """pip(plicht, geregistreerd=datetime, **velden): a PIP registered by Groningen (B1-route, B1)."""

    def maak(plicht, *, geregistreerd: datetime | None = None, gemeente=None, **kwargs) -> Pip:
        geregistreerd = geregistreerd or datetime(2024, 4, 2, 10, 0, tzinfo=AMS)
        kwargs.setdefault("dagtekening", date(2024, 4, 1))
        kwargs.setdefault("dagtekening_initieel", kwargs["dagtekening"])
        kwargs.setdefault("leerroute", Leerroute.B1)
        kwargs.setdefault("niveau", Niveau.B1)
        kwargs.setdefault("alfabetisering", Alfabetisering.NVT)
        if kwargs["leerroute"] == Leerroute.B1 and plicht.doelgroep == Doelgroep.ASIELSTATUSHOUDER:
            kwargs.setdefault("geschatte_uren", 600)
        pip = Pip.objects.create(
            plicht=plicht, gemeente=gemeente or groningen, geregistreerd_op=geregistreerd,
            initieel_geregistreerd_op=geregistreerd, **kwargs,
        )  # fmt: skip
        PipHistorie.objects.create(
            pip=pip, laatste_wijziging=geregistreerd, gebruiker="test", gemeente=pip.gemeente, gebeurtenis="doorgegeven",
            dagtekening=pip.dagtekening, leerroute=pip.leerroute, niveau=pip.niveau, alfabetisering=pip.alfabetisering,
            geschatte_uren=pip.geschatte_uren,
        )  # fmt: skip
        return pip

    return maak
