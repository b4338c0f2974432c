from datetime import date

import pytest
from rest_framework.test import APIClient

from api import services
from inburgering.constants import Rol, Wet
from tests.factories import PersoonFactory, UserFactory
from wi2013.models import Wi2013Persoon

ALLE_ROLLEN = list(Rol.values)
LEESROLLEN = [Rol.WI2007, Rol.WI2013, Rol.WI2021]


@pytest.fixture
def beheerder(db):
    return UserFactory(username="beheerder", is_staff=True, is_superuser=True)


@pytest.fixture
def sleutel(beheerder, groningen):
    """sleutel(rollen=..., gemeente=..., naam=...) -> (Applicatiesleutel, the key in the clear)."""
    teller = iter(range(1, 1000))

    def maak(rollen=ALLE_ROLLEN, gemeente=None, naam=None, **kwargs):
        return services.sleutel_uitgeven(actor=beheerder, naam=naam or f"CVS test {next(teller)}",
                                         gemeente=gemeente or groningen, rollen=list(rollen), **kwargs)  # fmt: skip

    return maak


@pytest.fixture
def cvs(sleutel):
    """cvs(rollen=..., gemeente=...) -> an APIClient that sends a fresh key of those roles."""

    def maak(**kwargs) -> APIClient:
        client = APIClient()
        obj, tekst = sleutel(**kwargs)
        client.credentials(HTTP_AUTHORIZATION=f"Applicatiesleutel {tekst}")
        client.sleutel = obj
        return client

    return maak


@pytest.fixture
def wi2013_pvt(groningen):
    """A Wi2013 person of Groningen whose PV term has passed (seed 000 §4.4's example dates)."""

    def maak(gemeente=None, **gegevens) -> Wi2013Persoon:
        persoon = PersoonFactory(wet=Wet.WI2013, woongemeente=gemeente or groningen)
        velden = {"pvt_plichtig": True, "datum_start_pvt_plicht": date(2017, 11, 1),
                  "datum_einde_pvt_plicht": date(2018, 11, 1), **gegevens}  # fmt: skip
        return Wi2013Persoon.objects.create(persoon=persoon, **velden)

    return maak


@pytest.fixture
def plicht(groningen):
    """plicht(gemeente=..., **velden): a running Wi2021 plicht (asielstatushouder, from 01-03-2024)."""
    from wi2021.constants import Doelgroep
    from wi2021.models import Inburgeringsplicht

    def maak(gemeente=None, persoon=None, **velden):
        persoon = persoon or PersoonFactory(wet=Wet.WI2021, woongemeente=gemeente or groningen)
        velden.setdefault("datum_start", date(2024, 3, 1))
        velden.setdefault("doelgroep", Doelgroep.ASIELSTATUSHOUDER)
        return Inburgeringsplicht.objects.create(persoon=persoon, **velden)

    return maak


@pytest.fixture
def wi2007_persoon(groningen):
    from wi2007.models import Wi2007Persoon

    def maak(gemeente=None):
        persoon = PersoonFactory(wet=Wet.WI2007, woongemeente=gemeente or groningen)
        Wi2007Persoon.objects.create(persoon=persoon)
        return persoon

    return maak
