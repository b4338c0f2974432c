"""`seed_demo`: deterministic, idempotent, valid BSNs, the demo users, and never in production."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count

import pytest

from inburgering.bsn import is_valid_bsn
from inburgering.constants import Rol
from inburgering.models import AuditEntry, Autorisatie, Gemeente, Persoon
from signalen.catalogus import catalogus
from signalen.models import Signaal

pytestmark = pytest.mark.django_db


def test_seed_is_deterministic_and_idempotent(capsys):
    call_command("seed_demo", persons=300, seed=5)
    eerste = set(Persoon.objects.values_list("bsn", flat=True))
    assert len(eerste) == 300
    assert all(is_valid_bsn(bsn) for bsn in eerste)
    signalen = set(Signaal.objects.values_list("feit", "code", "status"))
    call_command("seed_demo", persons=300, seed=5)
    assert set(Persoon.objects.values_list("bsn", flat=True)) == eerste
    assert set(Signaal.objects.values_list("feit", "code", "status")) == signalen
    assert Autorisatie.objects.filter(user__username="medewerker").count() == 5


def test_loads_all_gemeenten_and_spreads_persons_by_population_share():
    """Issue 15: persons live in the gemeenten by their CBS share, so none is over-filled: the largest
    (Amsterdam, ~5 % of the country) holds a few percent, Groningen its showcase persons and its share."""
    call_command("seed_demo", persons=500, seed=1)
    assert Gemeente.objects.count() >= 340
    assert Gemeente.objects.get(code="0014").naam == "Groningen"
    assert Persoon.objects.values("woongemeente").distinct().count() > 100
    per_gemeente = Persoon.objects.values("woongemeente__code").annotate(n=Count("id")).order_by("-n")
    assert max(g["n"] for g in per_gemeente if g["woongemeente__code"] != "0014") <= 0.08 * 500
    assert Persoon.objects.filter(woongemeente__code="0363").count() >= 0.03 * 500  # Amsterdam
    # Groningen, the demo users' gemeente: its demo share (DEMO_AANDEEL) plus the showcase persons.
    assert 0.07 * 500 <= Persoon.objects.filter(woongemeente__code="0014").count() <= 0.15 * 500
    assert set(Persoon.objects.values_list("wet", flat=True)) == {"WI2007", "WI2013", "WI2021", ""}


def test_issue15_at_national_scale_every_gemeente_has_exactly_its_cbs_share():
    from inburgering.demo import DEMO_SCHAAL, NEDERLAND, gewichten, inwoners_per_gemeente

    gemeenten = Path(__file__).resolve().parents[2] / "inburgering" / "data" / "gemeenten.csv"
    codes = [regel.split(";")[0] for regel in gemeenten.read_text(encoding="utf-8").splitlines()[1:]]
    assert gewichten(codes, 1_000_000) == inwoners_per_gemeente(codes)
    demo = gewichten(codes, DEMO_SCHAAL)
    assert 0.099 < demo["0014"] / sum(demo.values()) < 0.101  # the demo floor, only up to DEMO_SCHAAL
    assert gewichten(codes, DEMO_SCHAAL + 1)["0014"] / NEDERLAND < 0.02


def test_population_shares_come_from_the_cbs_figures():
    from inburgering.demo import NEDERLAND, inwoners_per_gemeente

    gemeenten = Path(__file__).resolve().parents[2] / "inburgering" / "data" / "gemeenten.csv"
    codes = [regel.split(";")[0] for regel in gemeenten.read_text(encoding="utf-8").splitlines()[1:]]
    assert len(codes) == 342
    inwoners = inwoners_per_gemeente(codes)
    assert inwoners["0363"] == 931_298  # Amsterdam, CBS 1-1-2024
    assert abs(sum(inwoners.values()) - NEDERLAND) < 1
    assert 0.045 < inwoners["0363"] / NEDERLAND < 0.055


def test_demo_users_and_roles(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    call_command("seed_demo", persons=10, seed=1)
    groningen = Gemeente.objects.get(code="0014")
    rollen = lambda naam: set(Autorisatie.objects.filter(user__username=naam).values_list("rol", "gemeente"))  # noqa: E731
    assert rollen("medewerker") == {(r, groningen.id) for r in Rol.values}
    assert rollen("raadpleger") == {(r, groningen.id) for r in ("WI2007", "WI2013", "WI2021")}
    assert rollen("helpdesk") == {(r, None) for r in Rol.values}
    beheerder = get_user_model().objects.get(username="beheerder")
    assert beheerder.is_superuser and beheerder.check_password("pib-demo")


def test_demo_password_from_environment(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "een-ander-wachtwoord")
    call_command("seed_demo", persons=0, seed=1)
    medewerker = get_user_model().objects.get(username="medewerker")
    assert medewerker.check_password("een-ander-wachtwoord") and not medewerker.check_password("pib-demo")


def test_refuses_with_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError, match="productie"):
        call_command("seed_demo", persons=10, seed=1)
    assert not Persoon.objects.exists()


def test_load_gemeenten_is_idempotent():
    call_command("load_gemeenten")
    aantal = Gemeente.objects.count()
    call_command("load_gemeenten")
    assert Gemeente.objects.count() == aantal == 342


def test_signals_in_every_status_where_a_caseworker_may_change_it():
    """Issue 9-8: caseworkers took signals up through the status service; Wi2007 is read only in the
    portal (no MUT role), so its signals all stay new."""
    call_command("seed_demo", persons=400, seed=3)
    for wet in ("WI2013", "WI2021"):
        statussen = set(Signaal.objects.filter(wet=wet).values_list("status", flat=True))
        assert statussen == {"nieuw", "in_behandeling", "afgehandeld"}, wet
    assert set(Signaal.objects.filter(wet="WI2007").values_list("status", flat=True)) == {"nieuw"}
    for wet in ("WI2007", "WI2013", "WI2021"):
        assert set(Signaal.objects.filter(wet=wet).values_list("code", flat=True)) <= set(catalogus(wet))
    # Every status change is in the audit trail, by a demo user allowed to make it.
    gewijzigd = Signaal.objects.exclude(status="nieuw")
    assert set(gewijzigd.values_list("status_gewijzigd_door", flat=True)) <= {"medewerker", "helpdesk"}
    assert AuditEntry.objects.filter(omschrijving__startswith="Status signaal").count() >= gewijzigd.count()
    for signaal in Signaal.objects.select_related("persoon")[:50]:
        assert signaal.wet == signaal.persoon.wet
