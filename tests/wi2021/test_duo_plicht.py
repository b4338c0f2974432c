"""Wi2021 DUO side: plicht vastgesteld (SS101/SS128, D-29), settlement (SS139, D-30) and the BRP facts
(SS120/SS121/SS122 on a move, SS111 on death, SS123 on departure) — recipients and fact keys."""

from datetime import date, datetime

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.services import persoon_wijzigen
from signalen.models import Signaal
from tests.factories import GemeenteFactory, PersoonFactory
from wi2021 import duo
from wi2021.aow import aow_datum
from wi2021.constants import Doelgroep, RedenEinde
from wi2021.models import DoelgroepHistorie, Inburgeringsplicht, TermijnHistorie

from .conftest import AMS

pytestmark = pytest.mark.django_db
NU = datetime(2026, 6, 15, 10, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield


def signalen():
    return sorted(Signaal.objects.filter(wet=Wet.WI2021).values_list("code", "gemeente__code"))


def vaststellen(persoon, **kwargs):
    kwargs.setdefault("datum_start", date(2026, 6, 1))
    kwargs.setdefault("doelgroep", Doelgroep.ASIELSTATUSHOUDER)
    return duo.plicht_vaststellen(actor="DUO", persoon=persoon, **kwargs)


def test_plicht_vastgesteld_settled_gives_ss101_and_ss139_and_starts_the_window(groningen):
    persoon = PersoonFactory(woongemeente=groningen, geboortedatum=date(1990, 1, 1))
    plicht = vaststellen(persoon, doelgroep=Doelgroep.GEZINSMIGRANT)
    assert signalen() == [("SS101", "0014"), ("SS139", "0014")]
    assert (plicht.pip_venster_start, plicht.pip_venster_gemeente) == (date(2026, 6, 15), groningen)
    rij = DoelgroepHistorie.objects.get(plicht=plicht)
    assert (rij.laatste_wijziging, rij.verblijfsdoel_gewijzigd) == (
        date(2026, 6, 1),
        "Verblijfsdoel vastgesteld",
    )
    assert vaststellen(persoon, doelgroep=Doelgroep.GEZINSMIGRANT) == plicht  # the same fact again
    assert len(signalen()) == 2 and Inburgeringsplicht.objects.count() == 1


def test_plicht_vastgesteld_in_the_azc_goes_to_the_koppelingsgemeente_without_ss139(groningen, almere):
    persoon = PersoonFactory(woongemeente=almere, geboortedatum=date(1990, 1, 1))  # AZC in Almere
    plicht = vaststellen(persoon, koppelingsgemeente=groningen)
    assert signalen() == [("SS101", "0014")]
    assert plicht.pip_venster_start is None
    persoon.refresh_from_db()
    assert persoon.toekomstige_gemeente == groningen


def test_d30_leaving_the_azc_gives_ss139_not_ss120_or_ss122(groningen, almere):
    persoon = PersoonFactory(woongemeente=almere, geboortedatum=date(1990, 1, 1))
    plicht = vaststellen(persoon, koppelingsgemeente=groningen)
    duo.persoon_vestigen(actor="DUO", persoon=persoon, gemeente=groningen, datum=date(2026, 6, 10))
    duo.persoon_vestigen(actor="DUO", persoon=persoon, gemeente=groningen, datum=date(2026, 6, 10))
    assert signalen() == [("SS101", "0014"), ("SS139", "0014")]
    plicht.refresh_from_db()
    assert (plicht.pip_venster_start, plicht.pip_venster_gemeente) == (date(2026, 6, 10), groningen)


def test_a_move_between_azcs_signals_nothing(groningen, almere):
    utrecht = GemeenteFactory(code="0344", naam="Utrecht")
    persoon = PersoonFactory(woongemeente=almere, geboortedatum=date(1990, 1, 1))
    vaststellen(persoon, koppelingsgemeente=groningen)
    persoon_wijzigen(
        actor="BRP", persoon=persoon, data={"woongemeente": utrecht, "datum_vestiging": date(2026, 6, 5)}
    )
    assert signalen() == [("SS101", "0014")]


def verhuizen(persoon, gemeente, datum=date(2026, 6, 12)):
    return persoon_wijzigen(actor="BRP", persoon=persoon,
                            data={"woongemeente": gemeente, "datum_vestiging": datum, "toekomstige_gemeente": None})  # fmt: skip


def test_move_without_pip_gives_ss120_new_and_ss122_old_and_a_new_window(plicht, groningen, almere):
    p = plicht(pip_venster_start=date(2026, 1, 1), pip_venster_gemeente=groningen)
    verhuizen(p.persoon, almere)
    assert signalen() == [("SS120", "0034"), ("SS122", "0014")]
    p.refresh_from_db()
    assert (p.pip_venster_start, p.pip_venster_gemeente) == (date(2026, 6, 12), almere)


def test_move_with_pip_of_the_previous_gemeente_gives_ss121(plicht, pip, groningen, almere):
    p = plicht(pip_venster_start=date(2024, 3, 1), pip_venster_gemeente=groningen)
    pip(p)
    verhuizen(p.persoon, almere)
    assert signalen() == [("SS121", "0034"), ("SS122", "0014")]


def test_move_signals_are_one_per_verhuizing(plicht, groningen, almere):
    p = plicht(pip_venster_start=date(2026, 1, 1), pip_venster_gemeente=groningen)
    verhuizen(p.persoon, almere)
    verhuizen(p.persoon, almere)  # the same move again: no change
    verhuizen(p.persoon, groningen, date(2026, 6, 14))  # and back: a new verhuizing
    assert signalen() == [("SS120", "0014"), ("SS120", "0034"), ("SS122", "0014"), ("SS122", "0034")]


def test_a_wi2021_person_without_plicht_gets_no_move_signals(groningen, almere):
    persoon = PersoonFactory(woongemeente=groningen)
    verhuizen(persoon, almere)
    assert signalen() == []


def test_death_ends_the_plicht_with_ss111(plicht):
    p = plicht()
    persoon_wijzigen(actor="BRP", persoon=p.persoon, data={"datum_overlijden": date(2026, 6, 2)})
    p.refresh_from_db()
    assert (p.reden_einde, p.datum_einde) == (RedenEinde.OVERLEDEN, date(2026, 6, 2))
    assert TermijnHistorie.objects.get(plicht=p).reden_einde == RedenEinde.OVERLEDEN
    assert signalen() == [("SS111", "0014")]


def test_departure_gives_ss123_to_the_gemeente_left(plicht):
    p = plicht()
    persoon_wijzigen(actor="BRP", persoon=p.persoon, data={"datum_vertrek": date(2026, 6, 2)})
    assert signalen() == [("SS123", "0014")]


# --- D-29: SS128 instead of SS101 when the AOW age is reached within 6 months ---------------------------


@pytest.mark.parametrize(
    ("geboortedatum", "code"),
    [
        (date(1959, 12, 16), "SS101"),  # AOW (67) on 16-12-2026: the day after vaststelling + 6 months
        (date(1959, 12, 15), "SS128"),  # AOW on 15-12-2026 = 15-06-2026 + 6 months
        (date(1959, 12, 14), "SS128"),  # the day before
    ],
)
def test_d29_aow_boundary(groningen, geboortedatum, code):
    persoon = PersoonFactory(woongemeente=groningen, geboortedatum=geboortedatum)
    plicht = vaststellen(persoon)
    assert [c for c, _ in signalen()] == ([code, "SS139"] if code == "SS101" else [code])
    assert plicht.aow_binnen_zes_maanden is (code == "SS128")
    assert plicht.pip_venster_start is (None if code == "SS128" else plicht.pip_venster_start)


def test_d29_aow_age_table_67_until_2027_and_67_and_3_months_from_2028():
    assert aow_datum(date(1960, 12, 15)) == date(2027, 12, 15)
    assert aow_datum(date(1961, 1, 1)) == date(2028, 4, 1)
    assert aow_datum(date(1956, 8, 1)) == date(2023, 6, 1)  # 66 jaar en 10 maanden in 2023


def test_d29_with_a_frozen_clock_the_vaststelling_is_today(groningen):
    persoon = PersoonFactory(woongemeente=groningen, geboortedatum=date(1960, 6, 15))  # AOW 15-06-2027
    with time_machine.travel(datetime(2026, 12, 14, 10, 0, tzinfo=AMS), tick=False):
        vaststellen(persoon)  # 14-12-2026 + 6 months < 15-06-2027
    assert [c for c, _ in signalen()] == ["SS101", "SS139"]
    persoon2 = PersoonFactory(woongemeente=groningen, geboortedatum=date(1960, 6, 15))
    with time_machine.travel(datetime(2026, 12, 15, 10, 0, tzinfo=AMS), tick=False):
        vaststellen(persoon2)  # exactly 6 months before the AOW date
    assert Signaal.objects.filter(persoon=persoon2, code="SS128").exists()


def test_a_second_running_plicht_is_refused_but_a_new_one_after_an_intrekking_is_allowed(plicht):
    from django.core.exceptions import ValidationError

    p = plicht()
    with pytest.raises(ValidationError, match="is al inburgeringsplichtig sinds 01-03-2024"):
        vaststellen(p.persoon)
    duo.plicht_intrekken(actor="DUO", persoon=p.persoon, datum=date(2026, 1, 1))
    nieuw = vaststellen(p.persoon)
    assert nieuw.pk != p.pk and Inburgeringsplicht.objects.filter(persoon=p.persoon).count() == 2
