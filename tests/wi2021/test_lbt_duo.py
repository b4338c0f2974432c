"""The DUO side of the Leerbaarheidstoets (WI2021.md R-LBT-6, R-ACC-11, section 5 SS131/SS137/SS138, section 7):
the chain events lbt_aanmelding, lbt_uitslag and lbt_verlopen — each applied twice is once —, their refusals,
the daily rule SS138 at its boundary (D-06) and SS137 leaving the old gemeente's list on a move while the
LBT is still 'aangemeld'. Also the search criterion "LBT niet afgenomen" (D-44)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.ketenberichten import OngeldigBericht, verwerk_bericht
from inburgering.models import AuditEntry
from inburgering.services import persoon_wijzigen
from signalen.models import Signaal, UitgezondenFeit
from signalen.termijnregels import termijnregels
from wi2021 import duo, ketenberichten
from wi2021 import termijnregels as regels
from wi2021.constants import LbtResultaat, LbtStatus, RedenEinde
from wi2021.models import LbtOntheffing, Leerbaarheidstoets
from wi2021.selectors import zoek_personen

from .conftest import AMS

pytestmark = pytest.mark.django_db
NU = datetime(2026, 6, 15, 10, 0, tzinfo=AMS)


@pytest.fixture(autouse=True)
def klok():
    ketenberichten.registreer()
    with time_machine.travel(NU, tick=False):
        yield


def signalen():
    return sorted(Signaal.objects.filter(wet=Wet.WI2021).values_list("code", "gemeente__code"))


def aanmelden(plicht, nr="100124583541", datum=date(2026, 1, 10)):
    return duo.lbt_aanmelden(actor="DUO", persoon=plicht.persoon, examennummer=nr, datum_aanmelding=datum)


def uitslag(plicht, nr="100124583541", **kwargs):
    kwargs = {"datum_toetsafname": date(2026, 3, 1), "resultaat": "N", "maximum_score": 40, "behaalde_score": 12,
              "benodigde_score": 31, **kwargs}  # fmt: skip
    return duo.lbt_uitslag(actor="DUO", persoon=plicht.persoon, examennummer=nr, **kwargs)


def twee_keer(bericht: dict) -> tuple:
    """Apply an event, again with the same id, and again under a new id; return what the first one left."""
    assert verwerk_bericht(bericht) is True
    na_eerste = (signalen(), AuditEntry.objects.count(), list(Leerbaarheidstoets.objects.values()))
    assert verwerk_bericht(bericht) is False  # the same id: skipped by the importer
    assert (
        verwerk_bericht({**bericht, "id": bericht["id"] + "-bis"}) is True
    )  # the same fact: changes nothing
    assert (signalen(), AuditEntry.objects.count(), list(Leerbaarheidstoets.objects.values())) == na_eerste
    return na_eerste


# --- Chain events, each twice -------------------------------------------------------------------------------


def test_ss137_lbt_aanmelding_twice_is_one_lbt_and_one_signal(plicht):
    p = plicht()
    twee_keer({"id": "lbt-1", "type": "lbt_aanmelding", "bsn": p.persoon.bsn,
               "gegevens": {"examennummer": "100124583541", "datum_aanmelding": "2026-01-10"}})  # fmt: skip
    lbt = Leerbaarheidstoets.objects.get()
    # R-LBT-1: "Periode" is the 12-month aanmeldtermijn; the LBT belongs to the gemeente of the person.
    assert (lbt.datum_aanmelding, lbt.einde_aanmeldtermijn, lbt.status) == (
        date(2026, 1, 10), date(2027, 1, 10), LbtStatus.AANGEMELD)  # fmt: skip
    assert lbt.gemeente.code == "0014"
    assert signalen() == [("SS137", "0014")]
    assert UitgezondenFeit.objects.filter(feit=f"wi2021:plicht:{p.pk}:lbt:100124583541:SS137:0014").exists()


def test_ss131_lbt_uitslag_twice_is_one_result_and_one_signal(plicht):
    p = plicht()
    aanmelden(p)
    twee_keer({"id": "lbt-2", "type": "lbt_uitslag", "bsn": p.persoon.bsn,
               "gegevens": {"examennummer": "100124583541", "datum_toetsafname": "2026-03-01", "resultaat": "N",
                            "maximum_score": 40, "behaalde_score": 12, "benodigde_score": 31}})  # fmt: skip
    lbt = Leerbaarheidstoets.objects.get()
    assert (lbt.status, lbt.resultaat, lbt.datum_toetsafname) == (LbtStatus.AFGENOMEN, "N", date(2026, 3, 1))
    assert (lbt.maximum_score, lbt.behaalde_score, lbt.benodigde_score) == (40, 12, 31)
    assert signalen() == [("SS131", "0014"), ("SS137", "0014")]


def test_r_lbt_2_result_o_needs_no_scores(plicht):
    p = plicht()
    aanmelden(p)
    lbt = uitslag(p, resultaat="O", maximum_score=None, behaalde_score=None, benodigde_score=None)
    assert (
        lbt.get_resultaat_display()
        == "Onbekend, er heeft geen vaststelling van de uitslag kunnen plaatsvinden."
    )
    assert (
        LbtResultaat.N.label == "Nee, is niet in staat het B1 of A2 niveau te halen binnen 3 jaar"
    )  # the list text


def test_lbt_verlopen_twice_is_once_and_the_automatic_new_lbt_gives_ss137_again(plicht):
    p = plicht()
    aanmelden(p, datum=date(2025, 6, 1))
    twee_keer({"id": "lbt-3", "type": "lbt_verlopen", "bsn": p.persoon.bsn,
               "gegevens": {"examennummer": "100124583541", "datum": "2026-06-01"}})  # fmt: skip
    assert Leerbaarheidstoets.objects.get().status == LbtStatus.VERLOPEN
    assert signalen() == [("SS137", "0014")]  # lbt_verlopen itself signals nothing
    # "Is de aanmeldtermijn verlopen, dan wordt automatisch een nieuwe LBT klaargezet en een nieuw examenummer
    # toegekend" (SS138): DUO's new aanmelding is a new fact.
    aanmelden(p, nr="100124583999", datum=date(2026, 6, 2))
    assert signalen() == [("SS137", "0014"), ("SS137", "0014")]
    assert Leerbaarheidstoets.objects.filter(status=LbtStatus.AANGEMELD).get().examennummer == "100124583999"


# --- Refusals -----------------------------------------------------------------------------------------------


def test_lbt_refusals_in_dutch(plicht):
    p = plicht()
    aanmelden(p)
    with pytest.raises(ValidationError, match=r"Er is al een leerbaarheidstoets aangemeld \(100124583541\)"):
        aanmelden(p, nr="2", datum=date(2026, 2, 1))
    with pytest.raises(
        ValidationError, match="Leerbaarheidstoets 100124583541 hoort bij een andere aanmelding"
    ):
        aanmelden(p, datum=date(2026, 2, 1))
    with pytest.raises(ValidationError, match=r"ligt voor de start van de inburgeringsplicht \(01-03-2024\)"):
        aanmelden(plicht(), nr="3", datum=date(2024, 2, 29))
    with pytest.raises(ValidationError, match="De datum toetsafname ligt niet in de aanmeldtermijn"):
        uitslag(p, datum_toetsafname=date(2027, 1, 11))
    with pytest.raises(
        ValidationError, match="De behaalde en de benodigde score liggen niet boven de maximum"
    ):
        uitslag(p, behaalde_score=41)
    with pytest.raises(ValidationError, match="Geef bij resultaat J of N de maximum"):
        uitslag(p, resultaat="J", benodigde_score=None)
    with pytest.raises(ValidationError, match="loopt nog tot 10-01-2027"):
        duo.lbt_verlopen(actor="DUO", persoon=p.persoon, examennummer="100124583541", datum=date(2027, 1, 9))
    uitslag(p)
    with pytest.raises(ValidationError, match="Van leerbaarheidstoets 100124583541 is al een andere uitslag"):
        uitslag(p, resultaat="J", behaalde_score=35)
    with pytest.raises(ValidationError, match="Leerbaarheidstoets 100124583541 is al afgenomen"):
        duo.lbt_verlopen(actor="DUO", persoon=p.persoon, examennummer="100124583541", datum=date(2027, 2, 1))
    with pytest.raises(ValidationError, match="Leerbaarheidstoets 9 is voor BSN"):
        uitslag(p, nr="9")


def test_no_new_lbt_for_an_ontheven_person(plicht, groningen):
    p = plicht()
    aanmelden(p, datum=date(2025, 6, 1))
    LbtOntheffing.objects.create(plicht=p, gemeente=groningen, ontheven_op=NU, gebruiker="medewerker")
    with pytest.raises(ValidationError, match="De persoon is ontheven van de leerbaarheidstoets."):
        uitslag(p, datum_toetsafname=date(2026, 3, 1))
    duo.lbt_verlopen(actor="DUO", persoon=p.persoon, examennummer="100124583541", datum=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="De persoon is ontheven van de leerbaarheidstoets."):
        aanmelden(p, nr="2", datum=date(2026, 6, 2))


def test_no_aanmelding_for_an_ended_plicht(plicht):
    p = plicht(reden_einde=RedenEinde.DIPLOMA, datum_einde=date(2026, 1, 1))
    with pytest.raises(ValidationError, match="De inburgeringsplicht is beëindigd"):
        aanmelden(p)


@pytest.mark.parametrize(
    ("soort", "gegevens", "fout"),
    [
        ("lbt_aanmelding", {"examennummer": "1"}, "'datum_aanmelding' is verplicht"),
        ("lbt_aanmelding", {"examennummer": "1" * 21, "datum_aanmelding": "2026-01-01"},
         "'examennummer' moet tekst van hoogstens 20 tekens zijn"),
        ("lbt_uitslag", {"examennummer": "1", "datum_toetsafname": "2026-03-01", "resultaat": "X"},
         "'resultaat' moet een van J, N, O zijn: 'X'"),
        ("lbt_uitslag", {"examennummer": "1", "datum_toetsafname": "2026-03-01", "resultaat": "J",
                         "maximum_score": "40"}, "'maximum_score' moet een geheel getal van 0 tot en met 999 zijn"),
        ("lbt_verlopen", {"examennummer": "1", "datum": "01-06-2026"}, "'datum' is geen datum"),
        ("lbt_verlopen", {"examennummer": "1", "datum": "2026-06-01", "nieuw": "2"}, "onbekende velden: nieuw"),
    ],
)  # fmt: skip
def test_lbt_events_with_bad_data_are_reported_in_dutch(plicht, soort, gegevens, fout):
    p = plicht()
    with pytest.raises(OngeldigBericht, match=fout):
        verwerk_bericht({"id": "x", "type": soort, "bsn": p.persoon.bsn, "gegevens": gegevens})


# --- SS138, the daily rule (D-06: today >= einde aanmeldtermijn - 1 month) -----------------------------------


def test_ss138_is_registered():
    assert "wi2021-ss138" in {r.naam for r in termijnregels()}


@pytest.mark.parametrize(
    ("peildatum", "verwacht"),
    [(date(2026, 12, 9), 0), (date(2026, 12, 10), 1), (date(2026, 12, 11), 1)],
    ids=["dag-ervoor", "de-dag", "dag-erna"],
)
def test_ss138_boundary_day_before_the_day_and_after(plicht, peildatum, verwacht):
    p = plicht()
    aanmelden(p, datum=date(2026, 1, 10))  # einde aanmeldtermijn 10-01-2027, so from 10-12-2026
    with time_machine.travel(datetime.combine(peildatum, datetime.min.time(), AMS), tick=False):
        assert regels.ss138_lbt_verloopt(peildatum) == verwacht
        assert regels.ss138_lbt_verloopt(peildatum) == 0  # run twice: one signal per fact
    assert Signaal.objects.filter(code="SS138").count() == verwacht
    if verwacht:
        s = Signaal.objects.get(code="SS138")
        assert (s.gemeente.code, s.datum, s.feit) == ("0014", peildatum,
                                                       f"wi2021:plicht:{p.pk}:lbt:100124583541:SS138:0014")  # fmt: skip


def test_ss138_month_end_arithmetic(plicht):
    """einde 31-03-2027 minus one month is 28-02-2027 (calendar months, not 30 days)."""
    p = plicht()
    aanmelden(p, datum=date(2026, 3, 31))
    assert regels.ss138_lbt_verloopt(date(2027, 2, 27)) == 0
    assert regels.ss138_lbt_verloopt(date(2027, 2, 28)) == 1


@pytest.mark.parametrize("geval", ["afgenomen", "verlopen", "ontheven", "beeindigd"])
def test_ss138_not_for_a_taken_expired_or_ontheven_lbt_nor_an_ended_plicht(plicht, groningen, geval):
    p = plicht()
    aanmelden(p, datum=date(2025, 6, 1))
    if geval == "afgenomen":
        uitslag(p, datum_toetsafname=date(2025, 9, 1))
    elif geval == "verlopen":
        duo.lbt_verlopen(actor="DUO", persoon=p.persoon, examennummer="100124583541", datum=date(2026, 6, 1))
    elif geval == "ontheven":
        LbtOntheffing.objects.create(plicht=p, gemeente=groningen, ontheven_op=NU, gebruiker="m")
    else:
        p.reden_einde, p.datum_einde = RedenEinde.DIPLOMA, date(2026, 1, 1)
        p.save()
    assert regels.ss138_lbt_verloopt(date(2026, 6, 15)) == 0


def test_ss138_goes_to_the_gemeente_of_the_person_now(plicht, almere):
    p = plicht()
    aanmelden(p, datum=date(2025, 6, 1))
    persoon_wijzigen(actor="BRP", persoon=p.persoon,
                     data={"woongemeente": almere, "datum_vestiging": date(2026, 5, 1)})  # fmt: skip
    regels.ss138_lbt_verloopt(date(2026, 6, 15))
    assert Signaal.objects.get(code="SS138").gemeente == almere


# --- R-ACC-11: SS137 leaves the old gemeente's list on a move while 'aangemeld' --------------------------------


def verhuizen(persoon, gemeente, datum=date(2026, 6, 12)):
    persoon_wijzigen(actor="BRP", persoon=persoon,
                     data={"woongemeente": gemeente, "datum_vestiging": datum, "toekomstige_gemeente": None})  # fmt: skip


def test_r_acc_11_ss137_removed_for_the_old_gemeente_on_a_move_while_aangemeld(plicht, groningen, almere):
    p = plicht(pip_venster_start=date(2026, 1, 1), pip_venster_gemeente=groningen)
    aanmelden(p)
    assert signalen() == [("SS137", "0014")]
    verhuizen(p.persoon, almere)
    assert signalen() == [("SS120", "0034"), ("SS122", "0014")]  # SS137 gone, the move's signals there
    assert AuditEntry.objects.filter(
        bsn=p.persoon.bsn, actie="verwijderen", gemeente_code="0014",
        omschrijving="Signaal SS137 (leerbaarheidstoets 100124583541) verwijderd: persoon verhuisd",
    ).exists()  # fmt: skip
    # The fact stays recorded: the same aanmelding replayed does not bring it back.
    aanmelden(p)
    assert ("SS137", "0014") not in signalen()


def test_r_acc_11_ss137_stays_when_the_lbt_was_already_taken(plicht, groningen, almere):
    p = plicht(pip_venster_start=date(2026, 1, 1), pip_venster_gemeente=groningen)
    aanmelden(p)
    uitslag(p)
    verhuizen(p.persoon, almere)
    assert ("SS137", "0014") in signalen() and ("SS131", "0014") in signalen()


# --- D-44: "LBT niet afgenomen" ------------------------------------------------------------------------------


def test_d_44_lbt_niet_afgenomen_no_toetsafname_and_not_ontheven(plicht, groningen):
    geen, aangemeld, afgenomen, ontheven, opnieuw = (plicht() for _ in range(5))
    aanmelden(aangemeld, nr="1")
    aanmelden(afgenomen, nr="2")
    uitslag(afgenomen, nr="2")
    aanmelden(ontheven, nr="3")
    LbtOntheffing.objects.create(plicht=ontheven, gemeente=groningen, ontheven_op=NU, gebruiker="m")
    aanmelden(opnieuw, nr="4")
    uitslag(opnieuw, nr="4")
    aanmelden(opnieuw, nr="5", datum=date(2026, 4, 1))  # taken once: "al een LBT afgenomen"
    gevonden = {p.pk for p in zoek_personen(gemeente=groningen, criteria={"lbt_niet_afgenomen": True})}
    assert gevonden == {geen.pk, aangemeld.pk}
