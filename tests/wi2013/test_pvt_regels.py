"""13-3: every reason × date combination, both timing windows, the two-week finalisation, the
second overrun after DUO sets a new term, and who may change what (A-4, A-5, A-6)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError

import pytest
import time_machine

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, UserFactory
from wi2013 import duo
from wi2013.constants import RedenNietVoldaan as R
from wi2013.models import PvtHistorie, Wi2013Persoon
from wi2013.regels import REGELS, Eis
from wi2013.services import pvt_wijzigen, registraties_definitief_maken

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
EINDE = date(2026, 6, 1)  # end of the PVT term
NA_TERMIJN = datetime(2026, 6, 15, 10, tzinfo=AMS)
BINNEN_TWEE_MAANDEN = datetime(2026, 4, 15, 10, tzinfo=AMS)
TE_VROEG = datetime(2026, 3, 31, 10, tzinfo=AMS)
START, EIND, VOLDAAN = date(2026, 1, 10), date(2026, 2, 10), date(2026, 2, 10)


@pytest.fixture
def pvt(groningen):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)
    return Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=date(2025, 6, 1),
                                        datum_einde_pvt_plicht=EINDE)  # fmt: skip


def wijzig(user, gemeente, g, **data):
    versie = Wi2013Persoon.objects.get(pk=g.pk).versiekenmerk
    return pvt_wijzigen(actor=user, gemeente=gemeente, persoon=g.persoon, data=data, versie=versie)


def datums(start, einde, voldaan):
    return {"datum_start_deelname": START if start else None, "datum_einde_deelname": EIND if einde else None,
            "datum_voldaan": VOLDAAN if voldaan else None}  # fmt: skip


def eisen(reden):
    regel = REGELS[reden]
    return (regel.start_deelname, regel.einde_deelname, regel.datum_voldaan)


def test_133_the_eight_reasons_and_their_date_rules_are_the_manuals():
    assert len(REGELS) == 8
    assert eisen(R.WEIGERT_DEELNAME) == (Eis.LEEG, Eis.LEEG, Eis.LEEG)
    assert eisen(R.WEIGERT_ONDERTEKENING) == (Eis.GEVULD, Eis.GEVULD, Eis.LEEG)
    assert eisen(R.REAGEERT_NIET) == (Eis.LEEG, Eis.LEEG, Eis.LEEG)
    assert eisen(R.NIET_OPGEKOMEN) == (Eis.OPTIONEEL, Eis.OPTIONEEL, Eis.LEEG)
    assert eisen(R.GEEN_AANBOD) == (Eis.LEEG, Eis.LEEG, Eis.LEEG)
    for bijzonder in (R.ZIEKTE, R.DETENTIE, R.OVERMACHT):
        assert eisen(bijzonder) == (Eis.OPTIONEEL, Eis.OPTIONEEL, Eis.LEEG)


def _toegestaan(eis: Eis, gevuld: bool) -> bool:
    return eis is Eis.OPTIONEEL or (eis is Eis.GEVULD) == gevuld


COMBINATIES = [
    (reden, s, e, v) for reden in R.values for s in (0, 1) for e in (0, 1) for v in (0, 1) if s or not e
]


@pytest.mark.parametrize(("reden", "start", "einde", "voldaan"), COMBINATIES)
def test_133_reason_date_combination(pvt, medewerker, groningen, reden, start, einde, voldaan):
    """Each reason × (start, einde, voldaan) empty/filled: accepted exactly when the reason allows it."""
    regel = REGELS[reden]
    mag = (
        _toegestaan(regel.start_deelname, bool(start))
        and _toegestaan(regel.einde_deelname, bool(einde))
        and not voldaan
    )  # fmt: skip  (voldaan excludes every reason)
    with time_machine.travel(NA_TERMIJN, tick=False):
        if mag:
            wijzig(medewerker, groningen, pvt, reden_niet_voldaan=reden, **datums(start, einde, voldaan))
            assert Wi2013Persoon.objects.get(pk=pvt.pk).reden_niet_voldaan == reden
        else:
            with pytest.raises(ValidationError) as fout:
                wijzig(medewerker, groningen, pvt, reden_niet_voldaan=reden, **datums(start, einde, voldaan))
            assert fout.value.message_dict
            assert Wi2013Persoon.objects.get(pk=pvt.pk).reden_niet_voldaan == ""


def test_133_date_message_names_field_and_reason(pvt, medewerker, groningen):
    with time_machine.travel(NA_TERMIJN, tick=False), pytest.raises(ValidationError) as fout:
        wijzig(medewerker, groningen, pvt, reden_niet_voldaan=R.WEIGERT_ONDERTEKENING, **datums(0, 0, 0))
    assert fout.value.message_dict["datum_start_deelname"] == [
        "'Datum start deelname PV-traject' moet gevuld zijn bij de reden "
        "'Persoon heeft wel deelgenomen maar weigert de verklaring te ondertekenen'."
    ]


@pytest.mark.parametrize("reden", [R.GEEN_AANBOD, R.ZIEKTE, R.DETENTIE])
def test_133_non_culpable_reasons_from_two_months_before_the_end(pvt, medewerker, groningen, reden):
    with time_machine.travel(TE_VROEG, tick=False), pytest.raises(ValidationError) as fout:
        wijzig(medewerker, groningen, pvt, reden_niet_voldaan=reden)
    assert "vanaf twee maanden voor het einde" in fout.value.message_dict["reden_niet_voldaan"][0]
    with time_machine.travel(datetime(2026, 4, 1, 9, tzinfo=AMS), tick=False):  # exactly two months before
        wijzig(medewerker, groningen, pvt, reden_niet_voldaan=reden)
    assert Wi2013Persoon.objects.get(pk=pvt.pk).reden_niet_voldaan == reden


@pytest.mark.parametrize(
    "reden", [R.WEIGERT_DEELNAME, R.REAGEERT_NIET, R.NIET_OPGEKOMEN, R.OVERMACHT, R.WEIGERT_ONDERTEKENING]
)
def test_133_culpable_reasons_and_overmacht_only_after_the_term(pvt, medewerker, groningen, reden):
    gevuld = datums(1, 1, 0) if reden == R.WEIGERT_ONDERTEKENING else {}
    for moment in (BINNEN_TWEE_MAANDEN, datetime(2026, 6, 1, 12, tzinfo=AMS)):  # before and on the last day
        with time_machine.travel(moment, tick=False), pytest.raises(ValidationError) as fout:
            wijzig(medewerker, groningen, pvt, reden_niet_voldaan=reden, **gevuld)
        assert "pas worden geregistreerd nadat de PV-termijn is overschreden" in str(fout.value)
    with time_machine.travel(datetime(2026, 6, 2, 9, tzinfo=AMS), tick=False):
        wijzig(medewerker, groningen, pvt, reden_niet_voldaan=reden, **gevuld)


def test_133_dates_not_in_the_future_and_in_order(pvt, medewerker, groningen):
    with time_machine.travel(NA_TERMIJN, tick=False):
        with pytest.raises(ValidationError) as fout:
            wijzig(medewerker, groningen, pvt, datum_start_deelname=date(2026, 7, 1))
        assert "toekomst" in fout.value.message_dict["datum_start_deelname"][0]
        with pytest.raises(ValidationError) as fout:
            wijzig(
                medewerker,
                groningen,
                pvt,
                datum_start_deelname=date(2026, 3, 1),
                datum_einde_deelname=date(2026, 2, 1),
            )
        assert "datum_einde_deelname" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            wijzig(medewerker, groningen, pvt, datum_voldaan=VOLDAAN, reden_niet_voldaan=R.ZIEKTE)
        assert "niet allebei" in fout.value.message_dict["reden_niet_voldaan"][0]


def test_133_registration_audited_with_history(pvt, medewerker, groningen):
    with time_machine.travel(NA_TERMIJN, tick=False):
        wijzig(medewerker, groningen, pvt, **datums(1, 1, 1))
    pvt.refresh_from_db()
    assert pvt.geregistreerd_op is not None and pvt.geregistreerd_door == groningen and not pvt.definitief
    entry = AuditEntry.objects.get(actie=AuditActie.WIJZIGEN)
    assert entry.wijzigingen["datum_voldaan"] == [None, "10-02-2026"]
    assert PvtHistorie.objects.get().gebeurtenis == "geregistreerd"


def test_133_two_week_correction_window_then_final(pvt, medewerker, groningen):
    with time_machine.travel(NA_TERMIJN, tick=False) as klok:
        wijzig(medewerker, groningen, pvt, **datums(1, 1, 1))
        klok.shift(timedelta(days=13))
        wijzig(
            medewerker, groningen, pvt, **{**datums(1, 1, 0), "datum_voldaan": date(2026, 2, 11)}
        )  # correction
        assert registraties_definitief_maken() == 0  # not yet two weeks
        klok.shift(timedelta(days=1, minutes=1))
        assert registraties_definitief_maken() == 1
        assert registraties_definitief_maken() == 0  # a second run finds nothing
        pvt.refresh_from_db()
        assert pvt.definitief and pvt.datum_voldaan == date(2026, 2, 11)
        with pytest.raises(ValidationError, match="definitief vastgelegd"):
            wijzig(medewerker, groningen, pvt, **datums(1, 1, 1))


def test_item1_second_overrun_clears_the_final_reason_and_keeps_history(pvt, medewerker, groningen):
    with time_machine.travel(NA_TERMIJN, tick=False) as klok:
        wijzig(medewerker, groningen, pvt, reden_niet_voldaan=R.REAGEERT_NIET)
        klok.shift(timedelta(days=15))
        assert registraties_definitief_maken() == 1
    pvt.refresh_from_db()
    assert pvt.reden_niet_voldaan == R.REAGEERT_NIET and pvt.definitief  # final, and it stays
    # DUO sets a new term; the reason is cleared so that the second overrun gets its own.
    duo.wi2013_bijwerken(actor="DUO", persoon=pvt.persoon, data={"datum_einde_pvt_plicht": date(2026, 9, 1)})
    pvt.refresh_from_db()
    assert pvt.reden_niet_voldaan == "" and pvt.geregistreerd_op is None and not pvt.definitief
    gebeurtenissen = list(PvtHistorie.objects.order_by("id").values_list("gebeurtenis", "reden_niet_voldaan"))
    assert gebeurtenissen == [
        ("geregistreerd", R.REAGEERT_NIET),
        ("definitief", R.REAGEERT_NIET),
        ("geschoond", ""),
    ]
    with time_machine.travel(datetime(2026, 9, 10, tzinfo=AMS), tick=False):
        wijzig(medewerker, groningen, pvt, reden_niet_voldaan=R.WEIGERT_DEELNAME)
    assert Wi2013Persoon.objects.get(pk=pvt.pk).reden_niet_voldaan == R.WEIGERT_DEELNAME


def test_a4_read_role_refused_in_the_service(pvt, raadpleger, groningen):
    with pytest.raises(PermissionDenied):
        wijzig(raadpleger, groningen, pvt, **datums(1, 0, 0))


def test_a6_old_gemeente_cannot_change_after_a_move(pvt, groningen, almere):
    user = UserFactory(rollen={groningen: [Rol.WI2013MUT], almere: [Rol.WI2013MUT]})
    pvt.persoon.woongemeente = almere
    pvt.persoon.save()
    with pytest.raises(PermissionDenied):
        wijzig(user, groningen, pvt, **datums(1, 0, 0))
    with time_machine.travel(NA_TERMIJN, tick=False):
        wijzig(user, almere, pvt, **datums(1, 0, 0))  # the new gemeente may


def test_a5_deceased_person_cannot_be_changed(pvt, medewerker, groningen):
    pvt.persoon.datum_overlijden = date(2026, 1, 1)
    pvt.persoon.save()
    with pytest.raises(ValidationError, match="Persoon is volgens BRP overleden"):
        wijzig(medewerker, groningen, pvt, **datums(1, 0, 0))
