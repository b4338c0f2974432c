"""Wi2021 deadline rules (D-06, D-30): SS126 on the day after window start + 70 days, SS127 on the day after
the PIP's first registration + 3 months; each once per fact, also when run twice."""

from datetime import date, datetime, timedelta

import pytest

from inburgering.constants import Wet
from signalen.models import Signaal
from signalen.termijnregels import termijnregels, voer_termijnregels_uit
from wi2021 import termijnregels as regels
from wi2021.constants import Doelgroep, RedenEinde

from .conftest import AMS

pytestmark = pytest.mark.django_db
VENSTER = date(2026, 3, 1)


def codes():
    return sorted(Signaal.objects.filter(wet=Wet.WI2021).values_list("code", "gemeente__code"))


def test_the_rules_are_registered():
    assert {"wi2021-ss126", "wi2021-ss127"} <= {r.naam for r in termijnregels()}


@pytest.mark.parametrize(("dagen", "verwacht"), [(69, 0), (70, 0), (71, 1)])
def test_ss126_boundary_day_before_of_after(plicht, groningen, dagen, verwacht):
    plicht(pip_venster_start=VENSTER, pip_venster_gemeente=groningen)
    peildatum = VENSTER + timedelta(days=dagen)
    assert regels.ss126_geen_pip(peildatum) == verwacht
    assert regels.ss126_geen_pip(peildatum) == 0  # run twice
    assert regels.ss126_geen_pip(peildatum + timedelta(days=1)) == (1 - verwacht if dagen == 70 else 0)
    assert codes() == [("SS126", "0014")] * Signaal.objects.count()


def test_ss126_a_new_window_after_a_move_is_a_new_fact(plicht, groningen, almere):
    p = plicht(pip_venster_start=VENSTER, pip_venster_gemeente=groningen)
    regels.ss126_geen_pip(date(2026, 6, 1))
    p.pip_venster_start, p.pip_venster_gemeente = date(2026, 6, 1), almere
    p.save()
    regels.ss126_geen_pip(date(2026, 8, 11))
    regels.ss126_geen_pip(date(2026, 8, 12))
    assert codes() == [("SS126", "0014"), ("SS126", "0034")]


@pytest.mark.parametrize(
    "velden",
    [
        {"reden_einde": RedenEinde.TIJDELIJK},
        {"aow_binnen_zes_maanden": True},
        {"reden_einde": RedenEinde.DIPLOMA},
    ],
    ids=["tijdelijk", "ss128", "voldaan"],
)
def test_ss126_not_during_tijdelijke_vrijstelling_nor_for_ss128_persons(plicht, groningen, velden):
    plicht(pip_venster_start=VENSTER, pip_venster_gemeente=groningen, **velden)
    assert regels.ss126_geen_pip(date(2026, 12, 1)) == 0


def test_ss126_not_with_a_pip(plicht, pip, groningen):
    pip(plicht(pip_venster_start=VENSTER, pip_venster_gemeente=groningen))
    assert regels.ss126_geen_pip(date(2026, 12, 1)) == 0


GEREGISTREERD = datetime(2026, 1, 31, 23, 30, tzinfo=AMS)  # local date 31-01-2026; + 3 months = 30-04-2026


@pytest.mark.parametrize(("peildatum", "verwacht"),
                         [(date(2026, 4, 29), 0), (date(2026, 4, 30), 0), (date(2026, 5, 1), 1)])  # fmt: skip
def test_ss127_boundary_day_before_of_after(plicht, pip, peildatum, verwacht):
    pip(plicht(), geregistreerd=GEREGISTREERD)
    assert regels.ss127_geen_aanbod(peildatum) == verwacht
    assert regels.ss127_geen_aanbod(peildatum) == 0  # run twice
    assert codes() == [("SS127", "0014")] * verwacht


def test_ss127_only_for_asielstatushouders_at_their_current_gemeente(plicht, pip, almere):
    pip(plicht(doelgroep=Doelgroep.GEZINSMIGRANT), geregistreerd=GEREGISTREERD)
    pip(plicht(persoon={"woongemeente": almere}), geregistreerd=GEREGISTREERD)  # moved away from Groningen
    pip(plicht(aow_binnen_zes_maanden=True), geregistreerd=GEREGISTREERD)
    assert regels.ss127_geen_aanbod(date(2026, 6, 1)) == 0


def test_the_daily_job_runs_both(plicht, pip, groningen):
    plicht(pip_venster_start=VENSTER, pip_venster_gemeente=groningen)
    pip(plicht(), geregistreerd=GEREGISTREERD)
    resultaat = voer_termijnregels_uit(date(2026, 6, 1))
    assert (resultaat["wi2021-ss126"], resultaat["wi2021-ss127"]) == (1, 1)
    assert voer_termijnregels_uit(date(2026, 6, 1))["wi2021-ss126"] == 0
