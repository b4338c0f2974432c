"""Wi2021 rules layer (wi2021/regels.py): one test per §4.2 a–c message with its rendered text, the date
rules at their boundaries and the old gemeente's window (D-03)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from inburgering.constants import Wet
from inburgering.services import persoon_wijzigen
from tests.factories import PersoonFactory
from wi2021 import regels
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau, RedenEinde
from wi2021.models import PipHistorie

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = date(2024, 6, 1)


def teksten(oordeel):
    return [b.tekst for b in oordeel.bevindingen]


def geldig(**over):
    data = {"dagtekening": date(2024, 5, 20), "leerroute": Leerroute.B1, "niveau": Niveau.B1,
            "alfabetisering": Alfabetisering.NVT, "geschatte_uren": 600, "aangepaste_uren_participatie": None,
            "toestemming_nvo": False}  # fmt: skip
    data.update(over)
    return data


# --- §4.2 a: viewing ---------------------------------------------------------------------------------


def test_a2_fs617_other_gemeente(plicht, almere):
    s = regels.situatie(plicht().persoon, almere, VANDAAG)
    assert teksten(regels.bekijken(s)) == ["FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"]


def test_a3_fs636_other_law(groningen):
    persoon = PersoonFactory(wet=Wet.WI2013, woongemeente=groningen)
    assert teksten(regels.bekijken(regels.situatie(persoon, groningen, VANDAAG))) == [
        "FS 636 Persoon valt niet onder WI2021"
    ]


def test_a5_fs655_never_plichtig(groningen):
    persoon = PersoonFactory(wet=Wet.WI2021, woongemeente=groningen)
    assert teksten(regels.bekijken(regels.situatie(persoon, groningen, VANDAAG))) == [
        "FS 655 Persoon is niet inburgeringsplichtig"
    ]


def test_a6_as602_deceased_is_viewable_with_attention(plicht, groningen):
    p = plicht(persoon={"datum_overlijden": date(2024, 5, 1)})
    oordeel = regels.bekijken(regels.situatie(p.persoon, groningen, VANDAAG))
    assert oordeel.toegestaan and teksten(oordeel) == ["AS 602 Persoon is volgens BRP overleden"]


def test_a1_coa_coupled_gemeente_sees_the_person(plicht, groningen, almere):
    p = plicht(persoon={"woongemeente": almere, "toekomstige_gemeente": groningen})
    assert regels.situatie(p.persoon, groningen, VANDAAG).rol == regels.HUIDIG


# --- common mutation checks (b–c) ----------------------------------------------------------------------


def test_b1_fs602_deceased_cannot_be_changed(plicht, groningen):
    p = plicht(persoon={"datum_overlijden": date(2024, 5, 1)})
    s = regels.situatie(p.persoon, groningen, VANDAAG)
    assert teksten(regels.pip_doorgeven(s)) == ["FS 602 Persoon is volgens BRP overleden"]


def test_b13_fs675_voldaan(plicht, groningen):
    p = plicht(reden_einde=RedenEinde.DIPLOMA, datum_einde=date(2024, 5, 1))
    s = regels.situatie(p.persoon, groningen, VANDAAG)
    assert teksten(regels.pip_doorgeven(s)) == [
        "FS 675 Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk"
    ]


@pytest.mark.parametrize(
    ("vandaag", "toegestaan"),
    [(date(2024, 6, 30), True), (date(2024, 7, 1), True), (date(2024, 7, 2), False)],
)
def test_b12_fs674_one_month_after_intrekking(plicht, groningen, vandaag, toegestaan):
    p = plicht(reden_einde=RedenEinde.INGETROKKEN, datum_einde=date(2024, 6, 1))
    oordeel = regels.muteren(regels.situatie(p.persoon, groningen, vandaag))
    assert oordeel.toegestaan is toegestaan
    if not toegestaan:
        assert teksten(oordeel) == [
            "FS 674 Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk"
        ]


def test_b10_fs655_gehele_vrijstelling(plicht, groningen):
    p = plicht(reden_einde=RedenEinde.VRIJSTELLING, datum_einde=date(2024, 5, 1))
    assert teksten(regels.muteren(regels.situatie(p.persoon, groningen, VANDAAG))) == [
        "FS 655 Persoon is niet inburgeringsplichtig"
    ]


# --- PIP fields (§4.2 b) -------------------------------------------------------------------------------


@pytest.fixture
def s(plicht, groningen):
    return regels.situatie(plicht().persoon, groningen, VANDAAG)


def test_b14_fs677_dagtekening_before_start_plicht(s):
    oordeel = regels.pip_gegevens(s, geldig(dagtekening=date(2024, 2, 29)), wijziging=False)
    assert teksten(oordeel) == [
        "FS 677 Datum dagtekening PIP moet op of na startdatum inburgeringsplicht liggen."
    ]
    assert regels.pip_gegevens(s, geldig(dagtekening=date(2024, 3, 1)), wijziging=False).fouten == []


def test_d08_dagtekening_before_2022_is_fs677(plicht, groningen):
    p = plicht(datum_start=date(2021, 6, 1))
    s = regels.situatie(p.persoon, groningen, VANDAAG)
    assert [b.melding.code for b in regels.pip_gegevens(s, geldig(dagtekening=date(2021, 12, 31)),
                                                          wijziging=False).fouten] == ["FS 677"]  # fmt: skip


def test_b17_dagtekening_in_the_future(s):
    oordeel = regels.pip_gegevens(s, geldig(dagtekening=VANDAAG + timedelta(days=1)), wijziging=False)
    assert teksten(oordeel) == ["FS 999 Datum dagtekening PIP: Datum mag niet in toekomst liggen"]
    assert regels.pip_gegevens(s, geldig(dagtekening=VANDAAG), wijziging=False).bevindingen == []


@pytest.mark.parametrize(("dagen", "waarschuwing"), [(29, False), (30, False), (31, True)])
def test_d13_thirty_day_attention_at_its_boundary(s, dagen, waarschuwing):
    oordeel = regels.pip_gegevens(s, geldig(dagtekening=VANDAAG - timedelta(days=dagen)), wijziging=False)
    assert oordeel.toegestaan
    assert bool(oordeel.attenties) is waarschuwing


def test_b18_veld_is_verplicht(s):
    oordeel = regels.pip_gegevens(
        s, geldig(dagtekening=None, leerroute="", alfabetisering=""), wijziging=False
    )
    assert teksten(oordeel) == [
        "FS 999 Datum dagtekening PIP: Veld is verplicht",
        "FS 999 Leerroute: Veld is verplicht",
        "FS 999 Alfabetisering: Veld is verplicht",
    ]


def test_b18_geschatte_uren_required_for_asielstatushouder_in_b1_route(s):
    oordeel = regels.pip_gegevens(s, geldig(geschatte_uren=None), wijziging=False)
    assert teksten(oordeel) == ["FS 999 Geschatte uren intensiteit in de opleiding: Veld is verplicht"]


def test_b19_geschatte_uren_only_for_asiel_b1(plicht, groningen):
    p = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    s = regels.situatie(p.persoon, groningen, VANDAAG)
    oordeel = regels.pip_gegevens(s, geldig(), wijziging=False)
    assert teksten(oordeel) == [
        "FS 999 Geschatte uren intensiteit in de opleiding: Mag alleen worden opgegeven indien persoon "
        "asielgerechtigd is en leerroute B1 heeft."
    ]


@pytest.mark.parametrize(("leerroute", "niveau"), [(Leerroute.O, Niveau.A2), (Leerroute.Z, Niveau.B1)])
def test_b7_fs641_niveau_not_allowed(s, leerroute, niveau):
    oordeel = regels.pip_gegevens(
        s, geldig(leerroute=leerroute, niveau=niveau, geschatte_uren=None), wijziging=False
    )
    assert "FS 641 Niveau is niet toegestaan" in teksten(oordeel) and not oordeel.toegestaan


@pytest.mark.parametrize(("leerroute", "niveau"), [(Leerroute.B1, Niveau.A2), (Leerroute.Z, Niveau.A2)])
def test_b20_as605_niveau_differs_from_default(s, leerroute, niveau):
    uren = 600 if leerroute == Leerroute.B1 else None
    oordeel = regels.pip_gegevens(
        s, geldig(leerroute=leerroute, niveau=niveau, geschatte_uren=uren), wijziging=False
    )
    assert oordeel.toegestaan and teksten(oordeel) == ["AS 605 Niveau wijkt af van het default niveau"]


def test_d10_default_niveau():
    assert regels.standaard_niveau(Leerroute.B1) == Niveau.B1
    assert regels.standaard_niveau(Leerroute.O) == Niveau.B1
    assert regels.standaard_niveau(Leerroute.Z) == Niveau.NVT


def test_b21_as606_onderwijsroute_without_aanbod(s):
    oordeel = regels.pip_gegevens(s, geldig(leerroute=Leerroute.O, niveau=Niveau.B1, geschatte_uren=None),
                                  wijziging=False)  # fmt: skip
    assert oordeel.toegestaan and teksten(oordeel) == ["AS 606 Startdatum opleiding is verplicht"]


def test_b11_fs656_aangepaste_uren_above_the_z_route_intensity(s):
    data = geldig(
        leerroute=Leerroute.Z, niveau=Niveau.NVT, geschatte_uren=None, aangepaste_uren_participatie=801
    )
    assert teksten(regels.pip_gegevens(s, data, wijziging=False)) == [
        "FS 656 Aantal uren mag niet hoger zijn dan totale geschatte uren intensiteit."
    ]
    data["aangepaste_uren_participatie"] = 800
    assert regels.pip_gegevens(s, data, wijziging=False).bevindingen == []


# --- PIP wijzigen and verwijderen (§4.2 b, c) -------------------------------------------------------------


@pytest.fixture
def met_pip(plicht, pip, groningen):
    p = plicht()
    pip(p)
    return regels.situatie(p.persoon, groningen, VANDAAG)


def test_b6_fs640_nothing_changed(met_pip):
    ongewijzigd = geldig(dagtekening=date(2024, 4, 1))
    assert teksten(regels.pip_gegevens(met_pip, ongewijzigd, wijziging=True)) == [
        "FS 640 Alle velden hebben dezelfde waarde als de actuele waarden"
    ]


def test_b5_fs638_gewijzigde_dagtekening_before_start(met_pip):
    oordeel = regels.pip_gegevens(met_pip, geldig(dagtekening=date(2024, 2, 1)), wijziging=True)
    assert teksten(oordeel) == [
        "FS 638 Datum dagtekening PIP moet op of na startdatum inburgeringsplicht liggen."
    ]


def test_b18_gewijzigde_dagtekening_required(met_pip):
    oordeel = regels.pip_gegevens(met_pip, geldig(dagtekening=None), wijziging=True)
    assert teksten(oordeel) == ["FS 999 Datum dagtekening gewijzigde PIP: Veld is verplicht"]


def test_c6_fs643_no_pip(s):
    assert teksten(regels.pip_verwijderen(s)) == ["FS 643 Geen PIP voor zakenpartner"]
    assert teksten(regels.pip_wijzigen(s)) == ["FS 643 Geen PIP voor zakenpartner"]


def test_c7_fs645_pip_final(met_pip):
    met_pip.pip.definitief = True
    assert teksten(regels.pip_verwijderen(met_pip)) == [
        "FS 645 Intrekken niet mogelijk. Inburgeringstermijn al vastgesteld."
    ]


def test_d06_correction_window_ends_on_day_13(met_pip):
    # registered 02-04-2024 → correctable through 15-04-2024, final on 16-04-2024
    assert regels.correctietermijn_einde(met_pip.pip) == date(2024, 4, 15)


@pytest.mark.parametrize(("vandaag", "attentie"), [(date(2026, 8, 2), False), (date(2026, 8, 3), True)])
def test_d11_leerroute_change_after_18_months_is_an_attention(plicht, pip, groningen, vandaag, attentie):
    p = plicht(termijn_start=date(2025, 2, 2), termijn_einde=date(2028, 2, 1))
    pip(p, definitief=True)
    s = regels.situatie(p.persoon, groningen, vandaag)
    data = geldig(dagtekening=vandaag, leerroute=Leerroute.Z, niveau=Niveau.NVT, geschatte_uren=None)
    codes = [b.melding.sleutel for b in regels.pip_gegevens(s, data, wijziging=True).attenties]
    assert ("18-maanden" in codes) is attentie


# --- moves (R-ACC-5, R-ACC-7, D-03, D-37) ---------------------------------------------------------------


def test_d03_old_gemeente_window_closes_28_days_after_the_new_pip(plicht, pip, groningen, almere):
    p = plicht()
    eigen = pip(p)
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 5, 1)}
    )
    p.persoon.refresh_from_db()
    # No new PIP yet: the old gemeente keeps view and change rights (but not the PIP, D-37).
    s = regels.situatie(p.persoon, groningen, date(2025, 1, 1))
    assert s.rol == regels.OUD and s.venster_tot is None
    assert teksten(regels.pip_wijzigen(s)) == [
        "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"
    ]
    assert regels.muteren(s).toegestaan
    # Almere re-establishes the PIP on 10-05-2024.
    PipHistorie.objects.create(
        pip=eigen, laatste_wijziging=datetime(2024, 5, 10, 9, 0, tzinfo=AMS), gebruiker="almere", gemeente=almere,
        dagtekening=date(2024, 5, 9), leerroute=Leerroute.B1, niveau=Niveau.B1, alfabetisering=Alfabetisering.NVT,
        gebeurtenis="gewijzigd",
    )  # fmt: skip
    assert regels.situatie(p.persoon, groningen, date(2024, 6, 7)).rol == regels.OUD
    assert regels.situatie(p.persoon, groningen, date(2024, 6, 7)).venster_tot == date(2024, 6, 7)
    assert regels.situatie(p.persoon, groningen, date(2024, 6, 8)).rol is None
    assert regels.situatie(p.persoon, almere, date(2024, 6, 8)).rol == regels.HUIDIG


def test_d30_the_azc_gemeente_gets_no_old_gemeente_rights(plicht, groningen, almere):
    """A person living in an AZC in Almere, coupled by COA to Groningen, settles in Groningen: Almere never
    had the person as its inburgeraar, so it gets no view or change rights (D-30)."""
    p = plicht(persoon={"woongemeente": almere, "toekomstige_gemeente": groningen})
    persoon_wijzigen(actor="BRP", persoon=p.persoon,
                     data={"woongemeente": groningen, "toekomstige_gemeente": None, "datum_vestiging": date(2024, 5, 1)})  # fmt: skip
    p.persoon.refresh_from_db()
    assert regels.situatie(p.persoon, almere, VANDAAG).rol is None
    assert regels.situatie(p.persoon, groningen, VANDAAG).rol == regels.HUIDIG
    # An ordinary move does leave the old gemeente its window.
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 5, 20)}
    )
    p.persoon.refresh_from_db()
    assert regels.situatie(p.persoon, groningen, VANDAAG).rol == regels.OUD
