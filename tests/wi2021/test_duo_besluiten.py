"""Wi2021 DUO decisions: doelgroep (SS124/SS125, R-PL-3), termijn (SS103/SS104/SS112/SS113), vrijstelling
and ontheffing (SS107–SS119, SS129/SS130), opleidingscontracten (SS132/SS133/SS135/SS136), the law of the
person (SS190–SS192, D-40) — each signal's code, recipient and fact key."""

from datetime import date, datetime

from django.core.exceptions import ValidationError

import pytest
import time_machine

from inburgering.constants import Wet
from signalen.models import Signaal
from wi2021 import duo
from wi2021.constants import Doelgroep, Leerroute, Niveau, Omvang, RedenEinde, SoortContract
from wi2021.models import DoelgroepHistorie, Instelling, Pip, Verzoek

from .conftest import AMS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(datetime(2026, 6, 15, 10, 0, tzinfo=AMS), tick=False):
        yield


def codes(persoon=None):
    qs = Signaal.objects.filter(wet=Wet.WI2021)
    if persoon is not None:
        qs = qs.filter(persoon=persoon)
    return sorted(qs.values_list("code", flat=True))


def test_doelgroep_asiel_to_gezin_keeps_asiel_rights_ss124(plicht):
    p = plicht()
    duo.doelgroep_wijzigen(actor="DUO", persoon=p.persoon, van=Doelgroep.ASIELSTATUSHOUDER,
                           naar=Doelgroep.GEZINSMIGRANT, datum=date(2026, 6, 1))  # fmt: skip
    p.refresh_from_db()
    assert p.doelgroep == Doelgroep.ASIELSTATUSHOUDER and p.datum_wijziging_verblijfsdoel == date(2026, 6, 1)
    assert p.verblijfsdoel_gewijzigd == (
        "Van asielstatushouder naar gezinsmigrant en overige migrant. Met behoud van rechten asielstatushouder."
    )
    assert codes() == ["SS124"]


def test_doelgroep_gezin_to_asiel_gets_asiel_rights_ss125(plicht):
    p = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    duo.doelgroep_wijzigen(actor="DUO", persoon=p.persoon, van=Doelgroep.GEZINSMIGRANT,
                           naar=Doelgroep.ASIELSTATUSHOUDER, datum=date(2026, 6, 1))  # fmt: skip
    p.refresh_from_db()
    assert p.doelgroep == Doelgroep.ASIELSTATUSHOUDER and codes() == ["SS125"]
    assert DoelgroepHistorie.objects.get(plicht=p).doelgroep == Doelgroep.ASIELSTATUSHOUDER


def _gewijzigd(plicht, **kwargs):
    p = plicht(**kwargs)
    duo.doelgroep_wijzigen(actor="DUO", persoon=p.persoon, van=Doelgroep.ASIELSTATUSHOUDER,
                           naar=Doelgroep.GEZINSMIGRANT, datum=date(2026, 6, 1))  # fmt: skip
    return p


def test_r_pl_3_rechten_op_verzoek_only_once(plicht):
    p = _gewijzigd(plicht)
    duo.rechten_op_verzoek_wijzigen(actor="DUO", persoon=p.persoon, rechten=Doelgroep.GEZINSMIGRANT,
                                    datum=date(2026, 6, 10))  # fmt: skip
    p.refresh_from_db()
    assert p.doelgroep == Doelgroep.GEZINSMIGRANT and p.rechten_op_verzoek_gewijzigd == date(2026, 6, 10)
    assert p.verblijfsdoel_gewijzigd == (
        "Van asielstatushouder naar gezinsmigrant en overige migrant. Op verzoek naar rechten gezinsmigrant en "
        "overige migrant gewijzigd."
    )
    with pytest.raises(ValidationError, match="dat kan maar één keer"):
        duo.rechten_op_verzoek_wijzigen(actor="DUO", persoon=p.persoon, rechten=Doelgroep.ASIELSTATUSHOUDER,
                                        datum=date(2026, 6, 12))  # fmt: skip
    assert codes() == ["SS124"]  # no signal of its own


@pytest.mark.parametrize(("einde", "toegestaan"), [(date(2026, 6, 9), False), (date(2026, 6, 10), True)])
def test_r_pl_3_rechten_op_verzoek_not_in_the_termijnoverschrijding(plicht, einde, toegestaan):
    p = _gewijzigd(plicht, termijn_start=date(2023, 6, 10), termijn_einde=einde)
    aanroep = lambda: duo.rechten_op_verzoek_wijzigen(  # noqa: E731
        actor="DUO", persoon=p.persoon, rechten=Doelgroep.GEZINSMIGRANT, datum=date(2026, 6, 10)
    )
    if toegestaan:
        aanroep()
    else:
        with pytest.raises(ValidationError, match="termijnoverschrijding"):
            aanroep()


def test_termijn_ambtshalve_verlengd_ss103_with_history(plicht):
    p = plicht(termijn_start=date(2024, 4, 2), termijn_einde=date(2027, 4, 1))
    for _ in range(2):
        duo.termijn_verlengen(actor="DUO", persoon=p.persoon, einde=date(2027, 10, 1), reden="corona",
                              datum=date(2026, 6, 1))  # fmt: skip
    p.refresh_from_db()
    assert (p.termijn_einde, p.reden_wijziging_termijn, p.datum_wijziging_termijn) == (
        date(2027, 10, 1), "corona", date(2026, 6, 1))  # fmt: skip
    assert p.termijnhistorie.count() == 1 and codes() == ["SS103"]


def test_verlenging_ingediend_then_toegekend_ss112_ss104(plicht):
    p = plicht(termijn_start=date(2024, 4, 2), termijn_einde=date(2027, 4, 1))
    duo.verzoek_verlenging_indienen(
        actor="DUO", persoon=p.persoon, verzoek_id="v9", datum_ontvangst=date(2026, 6, 1)
    )
    duo.verlenging_besluiten(actor="DUO", persoon=p.persoon, verzoek_id="v9", toegekend=True,
                             datum_besluit=date(2026, 6, 10), nieuwe_einde=date(2027, 10, 1))  # fmt: skip
    assert codes() == ["SS104", "SS112"]
    verzoek = Verzoek.objects.get()
    assert (verzoek.status, verzoek.datum_ontvangst) == ("toegekend", date(2026, 6, 1))
    with pytest.raises(ValidationError, match="Op verzoek v9 is al besloten"):
        duo.verlenging_besluiten(actor="DUO", persoon=p.persoon, verzoek_id="v9", toegekend=False,
                                 datum_besluit=date(2026, 6, 11))  # fmt: skip


@pytest.mark.parametrize(
    ("omvang", "toegekend", "code", "reden_einde"),
    [
        (Omvang.GEHEEL, True, "SS107", RedenEinde.VRIJSTELLING),
        (Omvang.GEHEEL, False, "SS114", ""),
        (Omvang.TIJDELIJK, True, "SS109", RedenEinde.TIJDELIJK),
        (Omvang.TIJDELIJK, False, "SS115", ""),
        (Omvang.GEDEELTELIJK, True, "SS117", ""),
        (Omvang.GEDEELTELIJK, False, "SS116", ""),
    ],
)
def test_besluit_vrijstelling_codes_and_effects(plicht, pip, omvang, toegekend, code, reden_einde):
    p = plicht()
    pip(p)
    duo.vrijstelling_besluiten(actor="DUO", persoon=p.persoon, verzoek_id="v1", omvang=omvang, toegekend=toegekend,
                               datum_ontvangst=date(2026, 5, 1), datum_besluit=date(2026, 6, 1),
                               onderdeel="KNM", niveau="A2")  # fmt: skip
    p.refresh_from_db()
    assert codes() == [code] and p.reden_einde == reden_einde
    assert Pip.objects.get(plicht=p).actief is not (omvang == Omvang.TIJDELIJK and toegekend)
    assert Signaal.objects.get().gemeente.code == "0014"


@pytest.mark.parametrize(("met_pip", "code"), [(False, "SS129"), (True, "SS130")])
def test_r_pl_11_tijdelijke_vrijstelling_ingetrokken(plicht, pip, met_pip, code):
    p = plicht()
    if met_pip:
        pip(p)
    duo.vrijstelling_besluiten(actor="DUO", persoon=p.persoon, verzoek_id="v1", omvang=Omvang.TIJDELIJK,
                               toegekend=True, datum_ontvangst=date(2026, 5, 1), datum_besluit=date(2026, 6, 1))  # fmt: skip
    duo.tijdelijke_vrijstelling_intrekken(actor="DUO", persoon=p.persoon, datum=date(2026, 6, 10))
    p.refresh_from_db()
    assert p.reden_einde == "" and p.datum_einde is None
    assert codes() == sorted(["SS109", code])
    if met_pip:
        assert Pip.objects.get(plicht=p).actief is True
    with pytest.raises(ValidationError, match="geen tijdelijke vrijstelling"):
        duo.tijdelijke_vrijstelling_intrekken(actor="DUO", persoon=p.persoon, datum=date(2026, 6, 11))


@pytest.mark.parametrize(
    ("omvang", "toegekend", "code", "reden_einde"),
    [(Omvang.GEHEEL, True, "SS108", RedenEinde.ONTHEFFING), (Omvang.GEHEEL, False, "SS118", ""),
     (Omvang.GEDEELTELIJK, True, "SS119", ""), (Omvang.GEDEELTELIJK, False, "SS118", "")],
)  # fmt: skip
def test_besluit_ontheffing_codes(plicht, omvang, toegekend, code, reden_einde):
    p = plicht()
    duo.ontheffing_besluiten(actor="DUO", persoon=p.persoon, verzoek_id="o1", omvang=omvang, grond="medisch",
                             toegekend=toegekend, datum_ontvangst=date(2026, 5, 1), datum_besluit=date(2026, 6, 1),
                             onderdeel="SPREKEN", niveau="B1")  # fmt: skip
    p.refresh_from_db()
    assert codes() == [code] and p.reden_einde == reden_einde


def test_a_decision_on_an_ended_plicht_is_refused(plicht):
    p = plicht()
    duo.diploma_behaald(actor="DUO", persoon=p.persoon, datum=date(2026, 6, 1))
    with pytest.raises(ValidationError, match=r"beëindigd \(Diploma behaald\)"):
        duo.plicht_intrekken(actor="DUO", persoon=p.persoon, datum=date(2026, 6, 2))
    assert codes() == ["SS106"]


@pytest.fixture
def instelling(db):
    return Instelling.objects.create(code="I1", naam="Taalschool", plaats="Groningen", soort="bow")


@pytest.mark.parametrize(
    ("pip_velden", "soort", "taalniveau", "verwacht"),
    [
        (None, SoortContract.REGULIER, "B1", ["SS132"]),  # no PIP
        ({"definitief": False}, SoortContract.REGULIER, "B1", ["SS132"]),  # not final yet
        ({}, SoortContract.REGULIER, "B1", []),  # fits
        ({}, SoortContract.REGULIER, "A2", ["SS133"]),  # below B1
        ({}, SoortContract.REGULIER, "B2", []),  # above, but not the Z-route
        ({"leerroute": Leerroute.Z, "niveau": Niveau.NVT}, SoortContract.REGULIER, "A2", ["SS135"]),
        ({}, SoortContract.TAALSCHAKEL, "B1", ["SS136"]),
        ({"leerroute": Leerroute.O}, SoortContract.TAALSCHAKEL, "B1", []),
        ({}, SoortContract.TAALSCHAKEL, "A2", ["SS133", "SS136"]),
    ],
)
def test_opleidingscontract_compared_with_the_pip(
    plicht, pip, instelling, pip_velden, soort, taalniveau, verwacht
):
    p = plicht()
    if pip_velden is not None:
        pip(p, **{"definitief": True, **pip_velden})
    for _ in range(2):
        duo.opleidingscontract_registreren(actor="DUO", persoon=p.persoon, contract_id="c1", instelling=instelling,
                                           soort=soort, taalniveau=taalniveau, datum=date(2026, 6, 1))  # fmt: skip
    assert codes() == verwacht


def test_ss142_every_uitschrijving_once(plicht):
    p = plicht()
    for datum in (date(2026, 6, 1), date(2026, 6, 1), date(2026, 6, 5)):
        duo.niet_vrijstellende_opleiding_uitgeschreven(actor="DUO", persoon=p.persoon, datum=datum)
    assert codes() == ["SS142", "SS142"]


def test_d40_ss190_moves_the_person_to_wi2013_and_the_signal_stays_in_wi2021(plicht):
    p = plicht()
    duo.wet_corrigeren(actor="DUO", persoon=p.persoon, naar_wet=Wet.WI2013)
    p.persoon.refresh_from_db()
    assert p.persoon.wet == Wet.WI2013
    signaal = Signaal.objects.get()
    assert (signaal.wet, signaal.code, signaal.gemeente.code) == (Wet.WI2021, "SS190", "0014")


def test_d40_ss192_changes_nothing(plicht):
    p = plicht()
    duo.opt_out_keuze(actor="DUO", persoon=p.persoon)
    duo.opt_out_keuze(actor="DUO", persoon=p.persoon)
    p.persoon.refresh_from_db()
    assert p.persoon.wet == Wet.WI2021 and codes() == ["SS192"]


def test_signals_go_to_the_koppelingsgemeente_while_in_the_azc(plicht, groningen, almere):
    p = plicht(persoon={"woongemeente": almere, "toekomstige_gemeente": groningen})
    duo.bio_advies_vragen(actor="DUO", persoon=p.persoon, aanvraag_id="a1", datum=date(2026, 6, 1))
    assert Signaal.objects.get().gemeente == groningen
