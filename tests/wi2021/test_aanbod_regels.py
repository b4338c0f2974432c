"""Issue 11 "Wi2021 (2/3)" deliverable 1: the rules and services of the inburgeringsaanbod (§3.6.7, §4.2 d
and e, R-AB-1…R-AB-15, R-ACC-6…8, D-03, D-12, D-32), one test per message with its rendered text, every date
rule at its boundary on a frozen clock, and the hooks in the PIP services, SS127, the search and AS 606.

FS 603 and FS 642 (d2/d5, e2/e5) are about a typed BSN: the aanbod pages take a person by id from the
overview, so those two are reached only through the BSN search (tests/wi2021/test_zoeken.py)."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import ProtectedError

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.models import AuditEntry, Persoon, Verhuizing
from inburgering.regels import BevestigingNodig, Geweigerd
from inburgering.services import persoon_wijzigen
from inburgering.versie import VEROUDERD
from signalen.models import Signaal
from tests.factories import UserFactory
from wi2021 import regels, selectors, selectors_aanbod, services, services_aanbod, termijnregels
from wi2021.constants import Alfabetisering, Doelgroep, Leerroute, Niveau, RedenEinde, SoortInstelling
from wi2021.models import AanbodHistorie, AanbodStatus, Inburgeringsaanbod

from .aanbod_data import AMS, aanbod, instelling

pytestmark = pytest.mark.django_db
NU = datetime(2024, 6, 1, 10, 0, tzinfo=AMS)
vandaag = time_machine.travel(NU, tick=False)


def situatie(plicht, gemeente):
    return regels.situatie(Persoon.objects.get(pk=plicht.persoon_id), gemeente)


def fout(oordeel) -> str:
    return oordeel.eerste_fout.tekst if oordeel.eerste_fout else ""


def gegevens(bij=None, **over):
    d = {"instelling": bij, "datum_inschrijving": date(2024, 4, 15), "datum_start": date(2024, 5, 1),
         "datum_einde": None, "alfabetisering": Alfabetisering.NVT}  # fmt: skip
    d.update(over)
    return d


def toevoegen(actor, gemeente, p, **data):
    return services_aanbod.aanbod_toevoegen(
        actor=actor, gemeente=gemeente, persoon=p.persoon, data=gegevens(**data)
    )


def meldingen(actor, gemeente, p, **data) -> list[str]:
    """The messages with which toevoegen refuses this input."""
    with pytest.raises(Geweigerd) as exc:
        toevoegen(actor, gemeente, p, **data)
    return exc.value.messages


# --- §4.2 d and e: the common checks ----------------------------------------------------------------------


@vandaag
def test_d1_e1_fs602_deceased_person_no_aanbod_action(plicht, pip, groningen):
    p = plicht(persoon={"datum_overlijden": date(2024, 5, 1)})
    pip(p)
    a = aanbod(p, groningen)
    s = situatie(p, groningen)
    for oordeel in (
        regels.aanbod_toevoegen(s),
        regels.aanbod_wijzigen(s, a, [a]),
        regels.aanbod_intrekken(s, a, [a]),
    ):
        assert fout(oordeel) == "FS 602 Persoon is volgens BRP overleden"


@vandaag
def test_d3_fs617_old_gemeente_may_not_add_a_new_aanbod_after_a_move(plicht, pip, groningen, almere):
    """R-ACC-6: inside its window the old gemeente changes its own aanbod, but registers no new one."""
    p = plicht(persoon={"woongemeente": almere})
    pip(p, gemeente=groningen)
    a = aanbod(p, groningen)
    Verhuizing.objects.create(
        persoon=p.persoon, van_gemeente=groningen, naar_gemeente=almere, datum=date(2024, 5, 1)
    )
    s = situatie(p, groningen)
    assert s.rol == regels.OUD
    assert (
        fout(regels.aanbod_toevoegen(s)) == "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"
    )
    assert regels.aanbod_wijzigen(s, a, [a]).toegestaan and regels.aanbod_intrekken(s, a, [a]).toegestaan


@vandaag
def test_d4_e4_fs636_person_under_another_law(plicht, pip, groningen):
    p = plicht()
    pip(p)
    a = aanbod(p, groningen)
    Persoon.objects.filter(pk=p.persoon_id).update(wet=Wet.WI2013)  # SS190/SS191: moved to another law (D-40)
    s = situatie(p, groningen)
    for oordeel in (
        regels.aanbod_toevoegen(s),
        regels.aanbod_wijzigen(s, a, [a]),
        regels.aanbod_intrekken(s, a, [a]),
    ):
        assert fout(oordeel) == "FS 636 Persoon valt niet onder WI2021"


@vandaag
def test_d6_fs643_no_aanbod_before_a_pip(plicht, pip, groningen, medewerker):
    p = plicht()
    assert fout(regels.aanbod_toevoegen(situatie(p, groningen))) == "FS 643 Geen PIP voor zakenpartner"
    assert meldingen(medewerker, groningen, p, bij=instelling()) == ["FS 643 Geen PIP voor zakenpartner"]
    pip(p, actief=False)  # M-02: inactive during a tijdelijke vrijstelling
    assert fout(regels.aanbod_toevoegen(situatie(p, groningen))) == "FS 643 Geen PIP voor zakenpartner"


@vandaag
@pytest.mark.parametrize("welke", ["leeg", "onbekend", "inactief", "taalschakel_buiten_onderwijsroute"])
def test_d7_fs646_no_valid_instelling(plicht, pip, groningen, medewerker, welke):
    p = plicht()
    pip(p)
    bij = {
        "leeg": None,
        "onbekend": None,
        "inactief": instelling(actief=False),
        "taalschakel_buiten_onderwijsroute": instelling(soort=SoortInstelling.TAALSCHAKEL),
    }[welke]
    assert meldingen(medewerker, groningen, p, bij=bij) == [
        "FS 646 Instelling: Geen geldige instelling opgegeven."
    ]
    assert not Inburgeringsaanbod.objects.exists()


@vandaag
def test_d7_onderwijsroute_takes_taalschakelinstellingen_of_the_soort_chosen(
    plicht, pip, groningen, medewerker
):
    p = plicht()
    pip(p, leerroute=Leerroute.O)
    schakel = instelling("Schakel", soort=SoortInstelling.TAALSCHAKEL)
    assert meldingen(medewerker, groningen, p, bij=schakel, soort_instelling=SoortInstelling.BOW) == [
        "FS 646 Instelling: Geen geldige instelling opgegeven."
    ]
    a = toevoegen(medewerker, groningen, p, bij=schakel, soort_instelling=SoortInstelling.TAALSCHAKEL)
    assert a.soort_instelling == SoortInstelling.TAALSCHAKEL


@vandaag
@pytest.mark.parametrize(("inschrijving", "fouten"), [
    (date(2024, 3, 31), ["FS 648 Datum inschrijving instelling: Datum inschrijving instelling ligt voor datum "
                         "dagtekening initiële PIP"]),
    (date(2024, 4, 1), []),  # the day of the initial dagtekening
    (date(2024, 4, 2), []),  # before the current PIP's dagtekening: D-12 compares with the initial one
])  # fmt: skip
def test_d8_fs648_datum_inschrijving_not_before_the_initial_pip(
    plicht, pip, groningen, medewerker, inschrijving, fouten
):
    p = plicht()
    pip(p, dagtekening_initieel=date(2024, 4, 1), dagtekening=date(2024, 5, 20))
    s = situatie(p, groningen)
    data = gegevens(bij=instelling(), datum_inschrijving=inschrijving, datum_start=None)
    assert [b.tekst for b in regels.aanbod_gegevens(s, data, aanbiedingen=[]).fouten] == fouten


@vandaag
@pytest.mark.parametrize(("start", "fouten"), [
    (date(2024, 4, 14), ["FS 649 Datum start opleiding: Datum start opleiding moet op of na datum "
                         "Inburgeringsaanbod liggen"]),
    (date(2024, 4, 15), []),
    (date(2024, 4, 16), []),
])  # fmt: skip
def test_d9_fs649_start_not_before_inschrijving(plicht, pip, groningen, start, fouten):
    p = plicht()
    pip(p)
    data = gegevens(bij=instelling(), datum_start=start)
    assert [
        b.tekst for b in regels.aanbod_gegevens(situatie(p, groningen), data, aanbiedingen=[]).fouten
    ] == fouten


@vandaag
def test_d10_fs671_einde_without_start(plicht, pip, groningen, medewerker):
    p = plicht()
    pip(p)
    assert meldingen(
        medewerker, groningen, p, bij=instelling(), datum_start=None, datum_einde=date(2024, 9, 1)
    ) == ["FS 671 Als einddatum opleiding gevuld is, moet startdatum opleiding ook gevuld zijn"]


@vandaag
@pytest.mark.parametrize(("einde", "fouten"), [
    (date(2024, 4, 30), ["FS 672 Einddat. opleiding moet op of na startdat. opleiding liggen"]),
    (date(2024, 5, 1), []),
    (date(2024, 5, 2), []),
])  # fmt: skip
def test_d11_fs672_einde_not_before_start(plicht, pip, groningen, einde, fouten):
    p = plicht()
    pip(p)
    data = gegevens(bij=instelling(), datum_einde=einde)
    assert [
        b.tekst for b in regels.aanbod_gegevens(situatie(p, groningen), data, aanbiedingen=[]).fouten
    ] == fouten


FS673 = "FS 673 Datum ligt niet binnen de termijn"


@vandaag
@pytest.mark.parametrize(("start", "einde", "fout_start", "fout_einde"), [
    (date(2024, 4, 1), None, True, False),  # the day before the termijn starts
    (date(2024, 4, 2), None, False, False),  # its first day
    (date(2024, 4, 2), date(2027, 4, 1), False, False),  # its last day
    (date(2024, 4, 2), date(2027, 4, 2), False, True),  # the day after
    (date(2027, 4, 2), None, True, False),
])  # fmt: skip
def test_d12_fs673_inside_the_inburgeringstermijn(
    plicht, pip, groningen, start, einde, fout_start, fout_einde
):
    p = plicht(termijn_start=date(2024, 4, 2), termijn_einde=date(2027, 4, 1))
    pip(p, definitief=True)
    data = gegevens(
        bij=instelling(), datum_inschrijving=date(2024, 4, 1), datum_start=start, datum_einde=einde
    )
    oordeel = regels.aanbod_gegevens(situatie(p, groningen), data, aanbiedingen=[])
    assert [(b.veld, b.tekst) for b in oordeel.fouten] == (
        [("datum_start", FS673)] * fout_start + [("datum_einde", FS673)] * fout_einde
    )


@vandaag
@pytest.mark.parametrize(("einde", "fouten"), [
    (date(2027, 3, 31), []),
    (date(2027, 4, 1), []),  # dagtekening initiële PIP + 3 jaar
    (date(2027, 4, 2), [FS673]),
])  # fmt: skip
def test_d12_fs673_without_termijn_three_years_after_the_initial_dagtekening(
    plicht, pip, groningen, einde, fouten
):
    p = plicht()
    pip(p, dagtekening_initieel=date(2024, 4, 1), dagtekening=date(2024, 5, 20))  # not final: no termijn yet
    data = gegevens(bij=instelling(), datum_einde=einde)
    assert [
        b.tekst for b in regels.aanbod_gegevens(situatie(p, groningen), data, aanbiedingen=[]).fouten
    ] == fouten


FS674 = "FS 674 Inburgeringsplicht meer dan een maand geleden ingetrokken, geen wijziging meer mogelijk"


@pytest.mark.parametrize(("moment", "verwacht"), [
    (datetime(2024, 5, 31, 12, tzinfo=AMS), ""),
    (datetime(2024, 6, 1, 12, tzinfo=AMS), ""),  # intrekking 01-05 + 1 maand: still allowed
    (datetime(2024, 6, 2, 12, tzinfo=AMS), FS674),
])  # fmt: skip
def test_d13_e7_fs674_plicht_ingetrokken_more_than_a_month_ago(plicht, pip, groningen, moment, verwacht):
    p = plicht(reden_einde=RedenEinde.INGETROKKEN, datum_einde=date(2024, 5, 1))
    pip(p)
    a = aanbod(p, groningen)
    with time_machine.travel(moment, tick=False):
        s = situatie(p, groningen)
        assert fout(regels.aanbod_wijzigen(s, a, [a])) == verwacht
        assert fout(regels.aanbod_intrekken(s, a, [a])) == verwacht


@vandaag
def test_d14_e8_fs675_plicht_voldaan(plicht, pip, groningen):
    p = plicht(reden_einde=RedenEinde.DIPLOMA, datum_einde=date(2024, 5, 1))
    pip(p)
    a = aanbod(p, groningen)
    s = situatie(p, groningen)
    for oordeel in (
        regels.aanbod_toevoegen(s),
        regels.aanbod_wijzigen(s, a, [a]),
        regels.aanbod_intrekken(s, a, [a]),
    ):
        assert (
            fout(oordeel) == "FS 675 Er is al voldaan aan de inburgeringsplicht, geen wijziging meer mogelijk"
        )


def test_d15_fs999_datum_is_ongeldig_text_per_field():
    from wi2021.forms_aanbod import AanbodForm

    form = AanbodForm({"datum_inschrijving": "31-02-2024", "datum_start": "00-00-0000", "datum_einde": "01-01-1899"},
                      leerroute=Leerroute.B1, toevoegen=False)  # fmt: skip
    assert not form.is_valid()
    assert form.errors["datum_inschrijving"] == ["FS 999 Datum inschrijving instelling: Datum is ongeldig"]
    assert form.errors["datum_start"] == ["FS 999 Datum start opleiding: Datum is ongeldig"]
    assert form.errors["datum_einde"] == ["FS 999 Datum einde opleiding: Datum is ongeldig"]


# --- moves: the old gemeente's window (D-03, R-ACC-6…8) -----------------------------------------------------


def _verhuisd(plicht, pip, groningen, almere):
    """Groningen registered the PIP and an aanbod; the person moved to Almere on 01-05-2024 and Almere
    re-established the PIP on 04-05-2024 (so Groningen's window ends on 01-06-2024)."""
    p = plicht()
    bestaand = pip(p, definitief=True, geregistreerd=datetime(2024, 4, 2, 10, tzinfo=AMS))
    eigen = aanbod(p, groningen, instelling("Taalcentrum Noord"))
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": almere, "datum_vestiging": date(2024, 5, 1)}
    )
    nieuw = UserFactory(username="almere", rollen={almere: [Rol.WI2021MUT]})
    with time_machine.travel(datetime(2024, 5, 4, 11, tzinfo=AMS), tick=False):
        services.pip_wijzigen(actor=nieuw, gemeente=almere, persoon=p.persoon, versie=bestaand.versiekenmerk,
                              data={"dagtekening": date(2024, 5, 3), "leerroute": Leerroute.B1, "niveau": Niveau.B1,
                                    "alfabetisering": Alfabetisering.NVT, "geschatte_uren": 600})  # fmt: skip
    eigen.refresh_from_db()
    return p, eigen, nieuw


def test_r_acc_8_the_new_gemeentes_pip_makes_the_previous_aanbod_niet_actueel(plicht, pip, groningen, almere):
    p, eigen, _ = _verhuisd(plicht, pip, groningen, almere)
    assert (eigen.status, eigen.geldig_tot) == (AanbodStatus.NIET_ACTUEEL, date(2024, 5, 4))
    entry = AuditEntry.objects.get(object_type="wi2021.Inburgeringsaanbod")
    assert entry.omschrijving == "Inburgeringsaanbod niet actueel: nieuw PIP van Almere"
    assert entry.gemeente_code == "0034"


@pytest.mark.parametrize(("moment", "binnen"), [
    (datetime(2024, 5, 31, 12, tzinfo=AMS), True),
    (datetime(2024, 6, 1, 12, tzinfo=AMS), True),
    (datetime(2024, 6, 2, 12, tzinfo=AMS), False),
])  # fmt: skip
def test_d16_old_gemeente_window_on_both_sides(plicht, pip, groningen, almere, medewerker, moment, binnen):
    """D-03: the old gemeente changes and withdraws its own aanbod until 28 days after the new PIP's
    registration (04-05 + 28 = 01-06); then "Wijzigen aanbod niet meer mogelijk", and FS 617 on withdrawal."""
    p, eigen, _ = _verhuisd(plicht, pip, groningen, almere)
    with time_machine.travel(moment, tick=False):
        s = situatie(p, groningen)
        wijzigen, intrekken = (
            regels.aanbod_wijzigen(s, eigen, [eigen]),
            regels.aanbod_intrekken(s, eigen, [eigen]),
        )
        if binnen:
            assert s.rol == regels.OUD and wijzigen.toegestaan and intrekken.toegestaan
            gewijzigd = services_aanbod.aanbod_wijzigen(
                actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=eigen.pk, versie=eigen.versiekenmerk,
                data=gegevens(datum_einde=date(2024, 5, 20)))  # fmt: skip
            # R-ACC-6: with a Datum einde the old gemeente shows the aanbod no longer applies after it.
            assert gewijzigd.datum_einde == date(2024, 5, 20)
        else:
            assert s.rol is None
            assert fout(wijzigen) == "FS 999 Wijzigen aanbod niet meer mogelijk"
            assert fout(intrekken) == "FS 617 Persoon is volgens de BRP niet woonachtig in uw gemeente"
            with pytest.raises(Geweigerd) as exc:
                services_aanbod.aanbod_wijzigen(
                    actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=eigen.pk,
                    versie=eigen.versiekenmerk, data=gegevens(datum_einde=date(2024, 5, 20)))  # fmt: skip
            assert exc.value.messages == ["FS 999 Wijzigen aanbod niet meer mogelijk"]


def test_d16_also_when_the_person_moved_back(plicht, pip, groningen, almere):
    """The current gemeente's own aanbod that stopped being actueel long ago stays history."""
    p, eigen, _ = _verhuisd(plicht, pip, groningen, almere)
    persoon_wijzigen(
        actor="BRP", persoon=p.persoon, data={"woongemeente": groningen, "datum_vestiging": date(2024, 7, 1)}
    )
    with time_machine.travel(datetime(2024, 8, 1, 12, tzinfo=AMS), tick=False):
        s = situatie(p, groningen)
        assert s.rol == regels.HUIDIG
        assert fout(regels.aanbod_wijzigen(s, eigen, [eigen])) == "FS 999 Wijzigen aanbod niet meer mogelijk"


@vandaag
def test_r_acc_7_the_new_gemeente_cannot_change_the_previous_gemeentes_aanbiedingen(
    plicht, pip, groningen, almere
):
    p, eigen, nieuw = _verhuisd(plicht, pip, groningen, almere)
    s = situatie(p, almere)
    tekst = "U kunt de inburgeringsaanbiedingen van een andere gemeente niet wijzigen of verwijderen."
    assert fout(regels.aanbod_wijzigen(s, eigen, [eigen])) == tekst
    assert fout(regels.aanbod_intrekken(s, eigen, [eigen])) == tekst
    # It registers its own — at the same instelling too (one actueel per instelling per gemeente, D-32).
    assert regels.aanbod_toevoegen(s).toegestaan
    eigen_almere = toevoegen(nieuw, almere, p, bij=eigen.instelling, datum_inschrijving=date(2024, 5, 10),
                             datum_start=None)  # fmt: skip
    assert eigen_almere.gemeente == almere and eigen_almere.status == AanbodStatus.ACTUEEL


# --- R-AB rules ------------------------------------------------------------------------------------------


@vandaag
def test_r_ab_1_no_aanbod_for_a_gezinsmigrant(plicht, pip, groningen):
    p = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    pip(p)
    assert fout(regels.aanbod_toevoegen(situatie(p, groningen))) == (
        "Voor personen in de doelgroep 'Gezinsmigrant en overige migrant' kunt u geen inburgeringsaanbod doorgeven."
    )


@vandaag
def test_d32_one_actueel_aanbod_per_instelling(plicht, pip, groningen, medewerker):
    p = plicht()
    pip(p)
    noord = instelling("Taalcentrum Noord")
    eerste = toevoegen(medewerker, groningen, p, bij=noord)
    assert meldingen(medewerker, groningen, p, bij=noord) == [
        "Er is al een actueel inburgeringsaanbod voor deze instelling. Wijzig het bestaande inburgeringsaanbod."
    ]
    toevoegen(medewerker, groningen, p, bij=instelling("Educatie Stad"))  # another instelling: a new aanbod
    services_aanbod.aanbod_intrekken(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=eerste.pk,
                                     versie=eerste.versiekenmerk)  # fmt: skip
    assert (
        toevoegen(medewerker, groningen, p, bij=noord).status == AanbodStatus.ACTUEEL
    )  # the withdrawn one no longer counts


@vandaag
def test_r_ab_8_onderwijsroute_start_after_six_months_is_an_attention_then_saved_and_audited(
    plicht, pip, groningen, medewerker
):
    p = plicht()
    pip(p, leerroute=Leerroute.O)
    bij = instelling()
    with pytest.raises(BevestigingNodig) as exc:
        # inschrijving 15-04 + 6 maanden + 1 dag
        toevoegen(medewerker, groningen, p, bij=bij, datum_start=date(2024, 10, 16))
    assert exc.value.codes == ("6-maanden",)
    assert exc.value.messages[0].startswith(
        "De datum start opleiding ligt meer dan 6 maanden na de datum inschrijving"
    )
    services_aanbod.aanbod_toevoegen(actor=medewerker, gemeente=groningen, persoon=p.persoon, bevestigd=["6-maanden"],
                                     data=gegevens(bij=bij, datum_start=date(2024, 10, 16)))  # fmt: skip
    assert (
        "bevestigd: 6-maanden" in AuditEntry.objects.get(object_type="wi2021.Inburgeringsaanbod").omschrijving
    )
    # Exactly six months asks nothing; neither does the B1-route.
    s = situatie(p, groningen)
    assert not regels.aanbod_gegevens(
        s, gegevens(bij=bij, datum_start=date(2024, 10, 15)), aanbiedingen=[]
    ).attenties


# --- §4.2 e: intrekken ------------------------------------------------------------------------------------


@vandaag
def test_e9_e10_no_aanbod_left_to_withdraw(plicht, pip, groningen, medewerker):
    p = plicht()
    pip(p)
    weg = aanbod(p, groningen, instelling("Taalcentrum Noord"))
    services_aanbod.aanbod_intrekken(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=weg.pk,
                                     versie=weg.versiekenmerk)  # fmt: skip
    weg.refresh_from_db()
    bsn = p.persoon.bsn
    with pytest.raises(Geweigerd) as exc:  # a double delete, nothing else left
        services_aanbod.aanbod_intrekken(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=weg.pk,
                                         versie=weg.versiekenmerk)  # fmt: skip
    assert exc.value.messages == [f"FS 999 Geen aanbod voor zakenpartner {bsn}"]
    aanbod(p, groningen, instelling("Educatie Stad"))
    s = situatie(p, groningen)
    alle = selectors_aanbod.aanbiedingen(s)
    assert fout(regels.aanbod_intrekken(s, weg, alle)) == (
        f"FS 999 Geen aanbod voor zakenpartner {bsn} en instelling Taalcentrum Noord"
    )
    assert fout(regels.aanbod_intrekken(s, None, alle)) == f"FS 999 Geen aanbod voor zakenpartner {bsn}"


@pytest.mark.parametrize(("dag", "verwacht"), [
    (1, ""), (2, ""), (3, "FS 999 Intrekken aanbod mag niet later dan 2,5 jaar na de start termijn"),
])  # fmt: skip
def test_e11_intrekken_not_later_than_30_months_after_the_termijn_started(
    plicht, pip, groningen, dag, verwacht
):
    """Termijn start 02-01-2022 + 30 maanden = 02-07-2024: that day still allowed (D-06)."""
    p = plicht(datum_start=date(2022, 1, 1), termijn_start=date(2022, 1, 2), termijn_einde=date(2025, 1, 1))
    pip(p, definitief=True, dagtekening=date(2022, 1, 1), geregistreerd=datetime(2022, 1, 3, 10, tzinfo=AMS))
    a = aanbod(p, groningen, datum_inschrijving=date(2022, 1, 10))
    with time_machine.travel(datetime(2024, 7, dag, 12, tzinfo=AMS), tick=False):
        assert fout(regels.aanbod_intrekken(situatie(p, groningen), a, [a])) == verwacht


@vandaag
def test_e6_fs646_the_instelling_of_an_aanbod_cannot_disappear(plicht, pip, groningen):
    """e6 guards against an aanbod naming an instelling that does not exist: the reference is protected, so
    an aanbod always names one (a load that drops it marks it inactive, load_instellingen)."""
    p = plicht()
    pip(p)
    a = aanbod(p, groningen)
    with pytest.raises(ProtectedError):
        a.instelling.delete()


@vandaag
def test_intrekken_keeps_the_aanbod_as_ingetrokken_with_audit(plicht, pip, groningen, medewerker):
    p = plicht()
    pip(p)
    a = aanbod(p, groningen)
    services_aanbod.aanbod_intrekken(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                     versie=a.versiekenmerk)  # fmt: skip
    a.refresh_from_db()
    assert (a.status, a.ingetrokken_op) == (AanbodStatus.INGETROKKEN, date(2024, 6, 1))
    assert (
        AuditEntry.objects.get(object_type="wi2021.Inburgeringsaanbod").omschrijving
        == "Inburgeringsaanbod ingetrokken"
    )


# --- services: role, version, history ------------------------------------------------------------------------


@vandaag
def test_read_role_is_refused_in_every_aanbod_service(plicht, pip, groningen, raadpleger):
    p = plicht()
    pip(p)
    a = aanbod(p, groningen)
    with pytest.raises(PermissionDenied):
        toevoegen(raadpleger, groningen, p, bij=instelling("Ander"))
    with pytest.raises(PermissionDenied):
        services_aanbod.aanbod_wijzigen(actor=raadpleger, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                        versie=a.versiekenmerk, data=gegevens())  # fmt: skip
    with pytest.raises(PermissionDenied):
        services_aanbod.aanbod_intrekken(actor=raadpleger, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                         versie=a.versiekenmerk)  # fmt: skip
    assert Inburgeringsaanbod.objects.get().status == AanbodStatus.ACTUEEL


@vandaag
def test_two_simultaneous_saves_the_second_gets_the_dutch_message(plicht, pip, groningen, medewerker):
    p = plicht()
    pip(p)
    a = aanbod(p, groningen)
    beide = a.versiekenmerk  # both caseworkers opened the form on this version
    services_aanbod.aanbod_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                    versie=beide, data=gegevens(datum_start=date(2024, 5, 2)))  # fmt: skip
    for actie in (
        lambda: services_aanbod.aanbod_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                                versie=beide, data=gegevens(datum_start=date(2024, 5, 3))),
        lambda: services_aanbod.aanbod_intrekken(actor=medewerker, gemeente=groningen, persoon=p.persoon,
                                                 aanbod=a.pk, versie=beide),
    ):  # fmt: skip
        with pytest.raises(ValidationError) as exc:
            actie()
        assert exc.value.messages == [VEROUDERD]
    a.refresh_from_db()
    assert (a.datum_start, a.status) == (date(2024, 5, 2), AanbodStatus.ACTUEEL)


@vandaag
def test_wijzigen_writes_the_replaced_version_to_the_history_and_a_no_change_writes_nothing(
    plicht, pip, groningen, medewerker
):
    p = plicht()
    pip(p)
    a = aanbod(p, groningen, datum_start=date(2024, 5, 1))
    zelfde = services_aanbod.aanbod_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                             versie=a.versiekenmerk, data=gegevens())  # fmt: skip
    assert zelfde.versie == 1 and not AanbodHistorie.objects.exists()
    services_aanbod.aanbod_wijzigen(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=a.pk,
                                    versie=a.versiekenmerk, data=gegevens(datum_start=date(2024, 5, 6)))  # fmt: skip
    oud = AanbodHistorie.objects.get()
    assert (oud.datum_start, oud.gebruiker) == (date(2024, 5, 1), "medewerker")
    entry = AuditEntry.objects.get(object_type="wi2021.Inburgeringsaanbod")
    assert entry.omschrijving == "Inburgeringsaanbod gewijzigd" and entry.wijzigingen == {
        "datum_start": ["01-05-2024", "06-05-2024"]
    }


def test_m23_history_sorted_on_datum_inschrijving_most_recent_first(
    plicht, pip, groningen, almere, medewerker
):
    p, oud_groningen, nieuw = _verhuisd(plicht, pip, groningen, almere)  # 15-04, niet actueel since 04-05
    with time_machine.travel(datetime(2024, 5, 20, 12, tzinfo=AMS), tick=False):
        eerste = toevoegen(nieuw, almere, p, bij=instelling("Educatie Almere"), datum_inschrijving=date(2024, 5, 6),
                           datum_start=None)  # fmt: skip
        services_aanbod.aanbod_wijzigen(actor=nieuw, gemeente=almere, persoon=p.persoon, aanbod=eerste.pk,
                                        versie=eerste.versiekenmerk,
                                        data=gegevens(datum_inschrijving=date(2024, 5, 8), datum_start=None))  # fmt: skip
        weg = toevoegen(nieuw, almere, p, bij=instelling("Verkeerd"), datum_inschrijving=date(2024, 5, 7),
                        datum_start=None)  # fmt: skip
        services_aanbod.aanbod_intrekken(actor=nieuw, gemeente=almere, persoon=p.persoon, aanbod=weg.pk,
                                         versie=weg.versiekenmerk)  # fmt: skip
        rijen = [(r.instelling, r.datum_inschrijving, r.status)
                 for r in selectors_aanbod.historie(situatie(p, almere)).data]  # fmt: skip
    assert rijen == [
        ("Verkeerd, Groningen", date(2024, 5, 7), "Ingetrokken op 20-05-2024"),
        ("Educatie Almere, Groningen", date(2024, 5, 6), "Gewijzigd op 20-05-2024"),
        ("Taalcentrum Noord, Groningen", date(2024, 4, 15), "Niet actueel, geldig tot 04-05-2024"),
    ]  # the current version of "Educatie Almere" (08-05) is on S-32, not in the history


# --- the hooks ------------------------------------------------------------------------------------------


GEREGISTREERD = datetime(2026, 1, 31, 23, 30, tzinfo=AMS)  # + 3 months = 30-04-2026; SS127 from 01-05-2026


@pytest.mark.parametrize(("status", "gemeente", "verwacht"), [
    (None, None, 1),
    (AanbodStatus.ACTUEEL, "groningen", 0),
    (AanbodStatus.NIET_ACTUEEL, "groningen", 0),
    (AanbodStatus.INGETROKKEN, "groningen", 1),  # D-30: "not ingetrokken"
    (AanbodStatus.ACTUEEL, "almere", 1),  # "of that gemeente"
])  # fmt: skip
def test_hook_ss127_no_longer_fires_with_an_aanbod(
    plicht, pip, groningen, almere, status, gemeente, verwacht
):
    p = plicht(datum_start=date(2026, 1, 1))
    pip(p, geregistreerd=GEREGISTREERD, dagtekening=date(2026, 1, 30))
    if status:
        extra = {"geldig_tot": date(2026, 3, 1)} if status == AanbodStatus.NIET_ACTUEEL else {}
        aanbod(p, {"groningen": groningen, "almere": almere}[gemeente], status=status,
               datum_inschrijving=date(2026, 2, 1), **extra)  # fmt: skip
    assert termijnregels.ss127_geen_aanbod(date(2026, 5, 1)) == verwacht
    assert Signaal.objects.filter(code="SS127").count() == verwacht


@vandaag
def test_hook_search_inburgeringsaanbod_niet_doorgegeven(plicht, pip, groningen):
    """D-44: no actueel or niet-actueel aanbod, asielstatushouders only."""
    zonder, actueel, niet_actueel, ingetrokken = (plicht() for _ in range(4))
    gezin = plicht(doelgroep=Doelgroep.GEZINSMIGRANT)
    for p in (actueel, niet_actueel, ingetrokken):
        pip(p)
    aanbod(actueel, groningen)
    aanbod(niet_actueel, groningen, status=AanbodStatus.NIET_ACTUEEL, geldig_tot=date(2024, 5, 1))
    aanbod(ingetrokken, groningen, status=AanbodStatus.INGETROKKEN, ingetrokken_op=date(2024, 5, 1))
    gevonden = selectors.zoek_personen(
        gemeente=groningen, criteria={"inburgeringsaanbod_niet_doorgegeven": True}
    )
    assert {x.pk for x in gevonden} == {zonder.pk, ingetrokken.pk}
    assert gezin.pk not in {x.pk for x in gevonden}


@vandaag
@pytest.mark.parametrize(("wat", "as606"), [
    ("geen", True), ("zonder_start", True), ("met_start", False), ("andere_gemeente", True), ("ingetrokken", True),
])  # fmt: skip
def test_hook_as606_silent_once_an_aanbod_has_a_datum_start(plicht, pip, groningen, almere, wat, as606):
    p = plicht()
    pip(p)
    if wat != "geen":
        velden = {
            "zonder_start": {},
            "met_start": {"datum_start": date(2024, 5, 1)},
            "andere_gemeente": {"datum_start": date(2024, 5, 1), "gemeente": almere},
            "ingetrokken": {"datum_start": date(2024, 5, 1), "status": AanbodStatus.INGETROKKEN},
        }[wat]
        aanbod(p, velden.pop("gemeente", groningen), **velden)
    data = {"dagtekening": date(2024, 5, 20), "leerroute": Leerroute.O, "niveau": Niveau.B1,
            "alfabetisering": Alfabetisering.NVT}  # fmt: skip
    codes = [
        b.melding.code for b in regels.pip_gegevens(situatie(p, groningen), data, wijziging=True).bevindingen
    ]
    assert ("AS 606" in codes) is as606


@pytest.fixture
def uren():
    """The uren room's hook as it will register it: which aanbiedingen have uren, and their removal."""
    verwijderd: list[int] = []
    koppeling = selectors_aanbod.UrenKoppeling(
        gekoppeld=lambda aanbiedingen: {a.pk for a in aanbiedingen if a.instelling.naam == "Met uren"},
        verwijderen=lambda *, actor, aanbod: verwijderd.append(aanbod.pk),
    )
    selectors_aanbod.registreer_uren(koppeling)
    yield verwijderd
    selectors_aanbod._UREN.remove(koppeling)


@vandaag
def test_hook_pip_delete_withdraws_its_aanbiedingen_and_their_uren(plicht, pip, groningen, medewerker, uren):
    p = plicht()
    bestaand = pip(p, geregistreerd=datetime(2024, 5, 25, 9, tzinfo=AMS))
    met, zonder = aanbod(p, groningen, instelling("Met uren")), aanbod(p, groningen, instelling("Zonder"))
    services.pip_verwijderen(
        actor=medewerker, gemeente=groningen, persoon=p.persoon, versie=bestaand.versiekenmerk
    )
    assert set(Inburgeringsaanbod.objects.values_list("status", flat=True)) == {AanbodStatus.INGETROKKEN}
    assert sorted(uren) == sorted([met.pk, zonder.pk])  # each aanbod's uren go (the hook finds them)
    assert AuditEntry.objects.filter(omschrijving="Inburgeringsaanbod ingetrokken met het PIP").count() == 2


@vandaag
def test_aanbiedingen_voor_uren_own_gemeente_actueel_or_niet_actueel(plicht, pip, groningen, almere):
    """FS 659 / R-AB-14 for the uren room."""
    p = plicht()
    pip(p)
    actueel = aanbod(p, groningen, instelling("A"))
    niet = aanbod(
        p, groningen, instelling("B"), status=AanbodStatus.NIET_ACTUEEL, geldig_tot=date(2024, 5, 1)
    )
    aanbod(p, groningen, instelling("C"), status=AanbodStatus.INGETROKKEN, ingetrokken_op=date(2024, 5, 1))
    aanbod(p, almere, instelling("D"))
    assert set(selectors_aanbod.aanbiedingen_voor_uren(p, groningen)) == {actueel, niet}


@vandaag
def test_r_ab_8_a_date_at_the_end_of_the_calendar_is_fs673_not_an_overflow(plicht, pip, groningen):
    """R-AB-8 adds six months to the Datum inschrijving; 31-12-9999 (a date the form accepts) + 6 months is
    past the calendar, which raised ValueError (a 500 on S-33 and in the API)."""
    p = plicht()
    pip(p, leerroute=Leerroute.O)
    data = gegevens(bij=instelling(), datum_inschrijving=date(9999, 12, 31), datum_start=date(9999, 12, 31))
    oordeel = regels.aanbod_gegevens(situatie(p, groningen), data, aanbiedingen=[])
    assert [(b.veld, b.tekst) for b in oordeel.fouten] == [("datum_start", FS673)]
    assert oordeel.attenties == []
