from datetime import date

import pytest

from inburgering.constants import Geslacht, Wet
from tests.factories import PersoonFactory
from wi2013.models import Wi2013Persoon


@pytest.fixture
def wi2013_persoon(groningen):
    """wi2013_persoon(achternaam=..., gegevens={...}): a Wi2013 person of Groningen (or `woongemeente=`)."""

    def maak(**kwargs) -> Wi2013Persoon:
        gegevens = kwargs.pop("gegevens", {})
        kwargs.setdefault("woongemeente", groningen)
        persoon = PersoonFactory(wet=Wet.WI2013, **kwargs)
        return Wi2013Persoon.objects.create(persoon=persoon, **gegevens)

    return maak


@pytest.fixture
def iban(groningen):
    groningen.iban = "NL91ABNA0417164300"
    groningen.save()
    return groningen


@pytest.fixture
def pvt_persoon(wi2013_persoon):
    """The manual's example (seed 000 §4.4): PVT-plichtig, term 01-11-2017 … 01-11-2018, nothing registered."""
    return wi2013_persoon(
        voornamen="Test", achternaam="Ycobtgabmtgabmugaugisttgiucob", geslacht=Geslacht.MAN,
        geboortedatum=date(1964, 4, 4),
        gegevens={"pvt_plichtig": True, "datum_start_pvt_plicht": date(2017, 11, 1),
                  "datum_einde_pvt_plicht": date(2018, 11, 1), "recht_op_mb": False},
    )  # fmt: skip


@pytest.fixture
def voldaan(wi2013_persoon, iban):
    """A person for whom a factuur can be submitted: a DUO loan and a datum voldaan (13-4)."""
    return wi2013_persoon(
        voornamen="Test", achternaam="Factuur", geslacht=Geslacht.MAN,
        gegevens={"pvt_plichtig": True, "datum_start_pvt_plicht": date(2017, 11, 1),
                  "datum_einde_pvt_plicht": date(2018, 11, 1), "datum_start_deelname": date(2017, 11, 15),
                  "datum_einde_deelname": date(2017, 12, 15), "datum_voldaan": date(2018, 6, 17),
                  "lening_duo": True, "gemeente_eerste_vestiging": iban, "gemeente_einde_pvt": iban},
    )  # fmt: skip
