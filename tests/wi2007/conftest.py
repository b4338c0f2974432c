from collections import defaultdict
from datetime import date

import pytest

from inburgering import gebeurtenissen, registry
from inburgering import ketenberichten as kb
from inburgering.constants import Geslacht, Wet
from signalen import termijnregels as tr
from tests.factories import PersoonFactory
from wi2007 import demo, ketenberichten, services, signalering, termijnregels
from wi2007.models import Boete, Examen, Voorziening, Vrijstelling, Wi2007Persoon


@pytest.fixture
def wi2007_persoon(groningen):
    """A Wi2007 person of Groningen with data on every tab."""

    def maak(**kwargs):
        gegevens = kwargs.pop("gegevens", {})
        persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2007, **kwargs)
        return Wi2007Persoon.objects.create(persoon=persoon, **gegevens)

    return maak


@pytest.fixture
def volledig(wi2007_persoon, groningen):
    g = wi2007_persoon(
        voornamen="Ayşe", achternaam="Yılmaz", a_nummer="4020209358", geboortedatum=date(1967, 4, 4),
        geslacht=Geslacht.VROUW, nationaliteit="Turkse", geboorteland="Turkije", geboorteplaats="Ankara",
        straat="Kempkensberg", huisnummer="6", postcode="9722TB", woonplaats="Groningen",
        datum_vestiging=date(2007, 5, 1),
        gegevens={
            "betrouwbaar_adres": True, "verblijfsdoel": "P", "rechtmatig_verblijf": True, "pardonregeling": False,
            "inburgeringsplichtig": True, "datum_inburgeringsplicht": date(2008, 1, 1), "oudkomer": False,
            "gehandhaafd": True, "handhaving_gemeente": groningen, "eerste_handhaving_gemeente": groningen,
            "begin_handhaving": date(2008, 1, 1), "einde_handhavingstermijn": date(2013, 1, 1),
            "reden_verlenging": "Ziekte", "datum_verlenging": date(2012, 6, 1),
            "volledige_deelname_nt2": "1", "datum_volledige_deelname_nt2": date(2012, 3, 3),
            "gemeente_volledige_deelname_nt2": groningen,
        },
    )  # fmt: skip
    Voorziening.objects.create(persoon=g, aanbod_gemeente=groningen, doelgroep="W", soort="D", vorm_duaal="2",
                               datum_start=date(2009, 2, 1), reden_einde="")  # fmt: skip
    Vrijstelling.objects.create(persoon=g, soort="G", verleend_door="D", datum_start=date(2010, 1, 1),
                                examenonderdeel="TAAL", niveau="A2")  # fmt: skip
    Boete.objects.create(persoon=g, datum_toekennen=date(2013, 3, 1), reden="Termijn overschreden",
                         bedrag="250.00", soort="Bestuurlijke boete")  # fmt: skip
    Examen.objects.create(persoon=g, examen="Spreekvaardigheid", niveau="A2", uitslag="N",
                          datum_deelname=date(2012, 3, 3), gemeente_behaald=groningen)  # fmt: skip
    return g


@pytest.fixture(autouse=True)
def wi2007_registraties(monkeypatch):
    """The registrations of the Wi2007 modules, undone after the test (the registries are global)."""
    abonnees = defaultdict(
        list, {soort: list(handlers) for soort, handlers in gebeurtenissen._abonnees.items()}
    )
    monkeypatch.setattr(gebeurtenissen, "_abonnees", abonnees)
    monkeypatch.setattr(kb, "_verwerkers", dict(kb._verwerkers))
    monkeypatch.setattr(tr, "_regels", dict(tr._regels))
    monkeypatch.setattr(registry, "_demo", dict(registry._demo))
    for module in (signalering, services, ketenberichten, termijnregels, demo):
        module.registreer()
        module.registreer()  # idempotent
