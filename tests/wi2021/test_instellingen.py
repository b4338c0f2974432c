"""Instellingen are reference data loaded like the gemeenten (R-AB-4)."""

from io import StringIO

from django.core.management import call_command

import pytest

from wi2021.models import Instelling

pytestmark = pytest.mark.django_db


def test_load_instellingen_is_idempotent_and_deactivates_missing_rows(tmp_path):
    call_command("load_instellingen", stdout=StringIO())
    aantal = Instelling.objects.count()
    assert aantal >= 20 and Instelling.objects.filter(soort="taalschakel").exists()
    call_command("load_instellingen", stdout=StringIO())
    assert Instelling.objects.count() == aantal
    bestand = tmp_path / "instellingen.csv"
    bestand.write_text("code;naam;plaats;soort\nBOW-0001;Taalcentrum Noord;Groningen;bow\n", encoding="utf-8")
    call_command("load_instellingen", file=str(bestand), stdout=StringIO())
    assert Instelling.objects.filter(actief=True).count() == 1
    assert str(Instelling.objects.get(code="BOW-0001")) == "Taalcentrum Noord, Groningen"
