"""Demo Wi2013 data (`seed_demo`): every PVT, reason, registration, MB, loan and factuur state; the dates
obey the portal's rules; deterministic per seed and BSN; a re-run adds nothing."""

from datetime import date, timedelta

from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

import pytest

from inburgering import registry
from inburgering.models import Persoon
from signalen.models import Signaal
from wi2013 import demo, termijnregels
from wi2013.constants import FactuurStatus, RedenNietVoldaan
from wi2013.models import Factuur, PvtHistorie, Wi2013Persoon
from wi2013.regels import VOORAF, pvt_gegevens

pytestmark = pytest.mark.django_db
GEDEELDE_DEMO = (2000, 7)  # persons, seed: one seed for the module (conftest.gedeelde_demo)


@pytest.fixture(scope="module", autouse=True)
def wi2013_demo():
    """Add the Wi2013 demo data to seed_demo for the test; remove it again unless it was there."""
    al = {a.naam for a in registry.demo_aanvullingen()}
    demo.registreer()
    yield
    if "wi2013" not in al:
        registry._demo.pop("wi2013", None)


def tellingen() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Wi2013Persoon, PvtHistorie, Factuur)}


def test_demo_every_state_and_idempotent(gedeelde_demo):
    vandaag = timezone.localdate()
    nu = timezone.now()
    alle = Wi2013Persoon.objects.all()
    # Every Wi2013 demo person has Wi2013 data, nobody else does.
    assert set(alle.values_list("pk", flat=True)) == set(
        Persoon.objects.filter(wet="WI2013").values_list("pk", flat=True)
    )
    pvt = alle.filter(pvt_plichtig=True, datum_voldaan__isnull=True, reden_niet_voldaan="")
    assert pvt.filter(datum_einde_pvt_plicht__gt=vandaag + VOORAF).exists()  # open
    assert pvt.filter(
        datum_einde_pvt_plicht__gte=vandaag, datum_einde_pvt_plicht__lt=vandaag + VOORAF
    ).exists()
    assert pvt.filter(
        datum_einde_pvt_plicht__lt=vandaag, datum_einde_pvt_plicht__gt=vandaag - timedelta(14)
    ).exists()
    assert pvt.filter(datum_einde_pvt_plicht__lte=vandaag - timedelta(days=14)).exists()  # SS604 population
    voldaan = alle.filter(datum_voldaan__isnull=False, pvt_plichtig=True)
    assert voldaan.filter(definitief=False, geregistreerd_op__gt=nu - timedelta(days=14)).exists()
    assert voldaan.filter(definitief=True, geregistreerd_op__lte=nu - timedelta(days=14)).exists()
    assert not voldaan.filter(gemeente_einde_pvt__isnull=True).exists()
    redenen = alle.exclude(reden_niet_voldaan="")
    assert set(redenen.values_list("reden_niet_voldaan", flat=True)) == set(RedenNietVoldaan.values)
    assert not redenen.filter(geregistreerd_op__lte=nu - timedelta(days=14)).exists()  # provisional
    # Final reasons were cleared for a second overrun; the history keeps them.
    geschoond = PvtHistorie.objects.filter(gebeurtenis="geschoond").values_list("gegevens", flat=True)
    assert geschoond.exists() and not alle.filter(pk__in=geschoond).exclude(reden_niet_voldaan="").exists()
    assert set(
        PvtHistorie.objects.filter(gebeurtenis="definitief").exclude(reden_niet_voldaan="")
        .values_list("reden_niet_voldaan", flat=True)
    ) <= set(RedenNietVoldaan.values)  # fmt: skip
    assert alle.filter(pvt_plichtig=False).exists() and alle.filter(pvt_plichtig__isnull=True).exists()
    assert alle.filter(indicatie_inburgeringsplicht=False).exists()
    # MB (§5.2): recht J/N; gemeld Ja (with its year) / Nee only with recht Ja, empty without.
    assert {True, False, None} == set(alle.values_list("recht_op_mb", flat=True))
    assert {True, False, None} == set(alle.values_list("mb_gemeld_bzk", flat=True))
    assert not alle.filter(mb_gemeld_bzk__isnull=False).exclude(recht_op_mb=True).exists()
    assert not alle.filter(mb_gemeld_bzk=True, mb_gemeld_jaar__isnull=True).exists()
    assert alle.filter(mb_gemeld_bzk=True, mb_gemeld_jaar=vandaag.year).exists()
    assert alle.filter(lening_duo=True).exists() and alle.filter(lening_duo=False).exists()
    assert alle.exclude(gemeente_eerste_vestiging=F("persoon__woongemeente")).exists()  # moved since
    # Facturen only where one is possible, in every status, accepted and refused.
    assert not Factuur.objects.exclude(
        gegevens__lening_duo=True, gegevens__datum_voldaan__isnull=False
    ).exists()
    assert set(Factuur.objects.values_list("status", flat=True)) == {"", *FactuurStatus.values}
    assert set(Factuur.objects.values_list("geaccepteerd", flat=True)) == {True, False, None}
    assert voldaan.filter(lening_duo=True, factuur__isnull=True).exists()  # "Factuur aanwezig: Nee"
    assert "Wi2013-personen" in gedeelde_demo

    voor = tellingen()
    call_command("seed_demo", persons=2000, seed=7)
    assert tellingen() == voor


def test_demo_registrations_obey_the_portals_rules(gedeelde_demo):
    geregistreerd = Wi2013Persoon.objects.filter(geregistreerd_op__isnull=False)
    assert geregistreerd.exists()
    velden = ("datum_start_deelname", "datum_einde_deelname", "datum_voldaan", "reden_niet_voldaan")
    for g in geregistreerd:
        data = {veld: getattr(g, veld) for veld in velden}
        dag = timezone.localdate(g.geregistreerd_op)
        assert pvt_gegevens(g, data, dag).bevindingen == [], (g.pk, data, dag)
        assert g.historie.filter(gebeurtenis="geregistreerd").exists()
    # The cleared reasons were valid for the term they were registered for.
    for rij in PvtHistorie.objects.filter(gebeurtenis="geregistreerd").exclude(reden_niet_voldaan=""):
        g = rij.gegevens
        g.datum_einde_pvt_plicht = rij.datum_einde_pvt_plicht
        data = {veld: getattr(rij, veld) for veld in velden}
        assert pvt_gegevens(g, data, timezone.localdate(rij.tijdstip)).bevindingen == [], (rij.pk, data)


def test_demo_feeds_the_deadline_rules(gedeelde_demo):
    """seed_demo runs the daily deadline rules over its data, as the nightly job would: the demo has
    SS602/SS603/SS604, and running the rules again adds nothing."""
    for code in ("SS602", "SS603", "SS604"):
        assert Signaal.objects.filter(code=code).exists(), code
    termijnregels.registreer()
    vandaag = timezone.localdate()
    assert termijnregels.ss602_termijn_loopt_af(vandaag) == 0
    assert termijnregels.ss603_termijn_overschreden(vandaag) == 0
    assert termijnregels.ss604_geen_reden_na_twee_weken(vandaag) == 0


def test_demo_is_deterministic_per_seed_and_bsn():
    data = {"bsn": "111222333", "wet": "WI2013", "woongemeente_id": 1, "datum_vestiging": date(2018, 3, 1)}
    vandaag = date(2026, 11, 22)
    velden = [f.attname for f in Wi2013Persoon._meta.concrete_fields]
    for seed in range(40):
        een = demo.wi2013_voor(persoon_id=1, data=data, seed=seed, vandaag=vandaag, vorige_gemeente_id=2)
        twee = demo.wi2013_voor(persoon_id=1, data=data, seed=seed, vandaag=vandaag, vorige_gemeente_id=2)
        assert [getattr(een.gegevens, v) for v in velden] == [getattr(twee.gegevens, v) for v in velden]
        assert [(r.gebeurtenis, m) for r, m in een.historie] == [(r.gebeurtenis, m) for r, m in twee.historie]
        assert [(f.factuurnummer, f.status) for f in een.facturen] == [
            (f.factuurnummer, f.status) for f in twee.facturen
        ]
        assert een.berichten == twee.berichten
        assert een.gegevens.gemeente_eerste_vestiging_id == 2  # settled first where they moved from
