"""Demo Wi2007 data (`seed_demo`): every state, herkomst consistent, deterministic and idempotent."""

from datetime import date

from django.core.management import call_command
from django.utils import timezone

import pytest
from dateutil.relativedelta import relativedelta

from inburgering.models import Persoon
from wi2007 import demo
from wi2007.constants import Herkomst, SoortVrijstelling, Uitslag
from wi2007.isi import herkomst
from wi2007.models import Boete, Examen, Voorziening, Vrijstelling, Wi2007Persoon

pytestmark = pytest.mark.django_db
GEDEELDE_DEMO = (600, 7)  # persons, seed: one seed for the module (conftest.gedeelde_demo)


def tellingen() -> dict[str, int]:
    modellen = (Wi2007Persoon, Voorziening, Vrijstelling, Boete, Examen)
    return {m.__name__: m.objects.count() for m in modellen}


def test_demo_every_state_and_idempotent(gedeelde_demo):
    vandaag = timezone.localdate()
    wi2007 = Wi2007Persoon.objects.all()
    # Every Wi2007 person has Wi2007 data, nobody else does.
    assert set(wi2007.values_list("pk", flat=True)) == set(
        Persoon.objects.filter(wet="WI2007").values_list("pk", flat=True)
    )
    actief = wi2007.filter(herkomst=Herkomst.ACTIEF, gehandhaafd=True, diploma_behaald=False,
                           gehele_vrijstelling_duo=False, persoon__datum_overlijden__isnull=True)  # fmt: skip
    assert actief.filter(einde_handhavingstermijn__gt=vandaag + relativedelta(months=6)).exists()
    assert actief.filter(einde_handhavingstermijn__gt=vandaag,
                         einde_handhavingstermijn__lte=vandaag + relativedelta(months=6)).exists()  # fmt: skip
    assert actief.filter(einde_handhavingstermijn__lte=vandaag).exists()
    assert actief.exclude(reden_verlenging="").exists()  # extended terms
    assert wi2007.filter(herkomst=Herkomst.DEFINITIEF, diploma_behaald=True).exists()
    assert wi2007.filter(herkomst=Herkomst.ACTIEF, diploma_behaald=True).exists()  # voorziening after diploma
    assert wi2007.filter(vrijwillig=True, inburgeringsplichtig=False).exists()
    assert wi2007.filter(gehele_vrijstelling_duo=True, herkomst=Herkomst.DEFINITIEF).exists()
    assert wi2007.filter(inburgeringsplichtig=False, vrijwillig=False, gehele_vrijstelling_duo=False).exists()
    assert set(Vrijstelling.objects.values_list("soort", flat=True)) == set(SoortVrijstelling.values)
    assert Vrijstelling.objects.filter(soort=SoortVrijstelling.TIJDELIJK, datum_einde__isnull=False).exists()
    assert (
        Boete.objects.filter(persoon__einde_handhavingstermijn__lte=vandaag).count()
        == Boete.objects.count()
        > 0
    )
    assert Voorziening.objects.exists()
    assert set(Examen.objects.values_list("uitslag", flat=True)) == set(Uitslag.values)
    assert Examen.objects.filter(vrijgesteld=True).exists()
    assert "Wi2007-personen" in gedeelde_demo

    voor = tellingen()
    call_command("seed_demo", persons=600, seed=7)
    assert tellingen() == voor


def test_demo_herkomst_is_the_derived_one(gedeelde_demo):
    vandaag = timezone.localdate()
    for gegevens in Wi2007Persoon.objects.select_related("persoon").prefetch_related("voorzieningen"):
        starts = [v.datum_start for v in gegevens.voorzieningen.all()]
        assert gegevens.herkomst == herkomst(gegevens, vandaag=vandaag, voorziening_starts=starts)


def test_demo_is_deterministic_per_seed_and_bsn():
    personen = [(1, {"bsn": "111222333", "wet": "WI2007", "woongemeente_id": None, "datum_vestiging": date(2009, 3, 1),
                     "geboortedatum": date(1980, 1, 1), "nationaliteit": "Syrische", "datum_overlijden": None})]  # fmt: skip
    vandaag = date(2026, 11, 22)
    eerste = demo.wi2007_voor(persoon_id=1, data=personen[0][1], seed=4, vandaag=vandaag)
    tweede = demo.wi2007_voor(persoon_id=1, data=personen[0][1], seed=4, vandaag=vandaag)
    velden = [f.attname for f in Wi2007Persoon._meta.concrete_fields]
    assert [getattr(eerste.gegevens, v) for v in velden] == [getattr(tweede.gegevens, v) for v in velden]
    assert len(eerste.examens) == len(tweede.examens) and len(eerste.voorzieningen) == len(
        tweede.voorzieningen
    )
