"""13-6 / S-9: signals SS601, SS606–SS612 from changes of DUO-owned Wi2013 data (wi2013.duo), audited,
to the woongemeente, only under the Wi2013, and never twice for the same fact."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError

import pytest
import time_machine

from inburgering.constants import Wet
from inburgering.models import AuditActie, AuditEntry
from signalen.models import Signaal
from tests.factories import PersoonFactory
from wi2013 import duo, signalering
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 11, 22, 10, 0, tzinfo=AMS)
DUO = "beheer-duo"
START, EINDE = date(2026, 3, 18), date(2027, 1, 17)


@pytest.fixture(autouse=True)
def klok():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def persoon(groningen):
    return PersoonFactory(woongemeente=groningen, wet=Wet.WI2013)


@pytest.fixture
def pvt(persoon):
    """A person DUO holds PVT-plichtig, with a term and no MB yet (created without signals)."""
    Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=True, datum_start_pvt_plicht=START,
                                 datum_einde_pvt_plicht=EINDE)  # fmt: skip
    return persoon


def bijwerken(persoon, **data):
    return duo.wi2013_bijwerken(actor=DUO, persoon=persoon, data=data)


def codes():
    return sorted(Signaal.objects.values_list("code", flat=True))


def test_ss601_taken_up_as_pvt_plichtig(persoon, groningen):
    bijwerken(persoon, pvt_plichtig=True, datum_start_pvt_plicht=START, datum_einde_pvt_plicht=EINDE)
    # As the manual's list shows: SS601 with SS608 on the same day; the end date is new too.
    assert codes() == ["SS601", "SS608", "SS609"]
    signaal = Signaal.objects.get(code="SS601")
    assert (signaal.wet, signaal.gemeente, signaal.persoon, signaal.datum) == (
        Wet.WI2013, groningen, persoon, date(2026, 11, 22),
    )  # fmt: skip
    entry = AuditEntry.objects.get()
    assert entry.actie == AuditActie.AANMAKEN and entry.gebruiker == DUO and entry.gemeente_code == "0014"
    assert entry.wijzigingen["pvt_plichtig"] == [None, True]
    assert entry.wijzigingen["datum_einde_pvt_plicht"] == [None, "17-01-2027"]


def test_ss601_when_pvt_plichtig_becomes_ja_from_onbepaald_or_nee(persoon):
    Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=False, datum_start_pvt_plicht=START)
    bijwerken(persoon, pvt_plichtig=True)
    assert codes() == ["SS601"]


@pytest.mark.parametrize(("van", "naar"), [(True, False), (True, None), (False, None), (None, False)])
def test_ss607_pvt_plicht_changed_otherwise(persoon, van, naar):
    Wi2013Persoon.objects.create(persoon=persoon, pvt_plichtig=van)
    bijwerken(persoon, pvt_plichtig=naar)
    assert codes() == ["SS607"]


def test_ss608_datum_start_pvt_plicht_changed(pvt):
    bijwerken(pvt, datum_start_pvt_plicht=date(2026, 4, 1))
    assert codes() == ["SS608"]
    assert AuditEntry.objects.get().wijzigingen == {"datum_start_pvt_plicht": ["18-03-2026", "01-04-2026"]}


def test_ss609_datum_einde_pvt_plicht_changed(pvt):
    bijwerken(pvt, datum_einde_pvt_plicht=date(2027, 3, 1))
    assert codes() == ["SS609"]


def test_ss606_inburgeringsplicht_changed(pvt):
    bijwerken(pvt, indicatie_inburgeringsplicht=False)
    assert codes() == ["SS606"]


@pytest.mark.parametrize(("van", "naar"), [(None, True), (True, False), (False, True)])
def test_ss610_recht_op_mb_changed(pvt, van, naar):
    Wi2013Persoon.objects.filter(pk=pvt.pk).update(recht_op_mb=van)
    bijwerken(pvt, recht_op_mb=naar)
    assert codes() == ["SS610"]


def test_fields_without_a_signal_are_audited_only(pvt, almere):
    bijwerken(pvt, recht_op_mb=True)
    Signaal.objects.all().delete()
    bijwerken(pvt, mb_gemeld_bzk=True, mb_gemeld_jaar=2026, lening_duo=True, gemeente_eerste_vestiging=almere,
              gemeente_einde_pvt=almere)  # fmt: skip
    assert codes() == []
    entry = AuditEntry.objects.order_by("id").last()
    assert entry.wijzigingen["gemeente_eerste_vestiging"] == [None, "Almere"]
    assert entry.wijzigingen["mb_gemeld_jaar"] == [None, 2026]


def test_several_changes_at_once_give_each_their_signal(pvt):
    bijwerken(pvt, pvt_plichtig=False, datum_start_pvt_plicht=None, datum_einde_pvt_plicht=None,
              indicatie_inburgeringsplicht=False, recht_op_mb=False)  # fmt: skip
    assert codes() == ["SS606", "SS607", "SS608", "SS609", "SS610"]
    assert AuditEntry.objects.count() == 1


def test_replay_of_the_same_data_changes_and_signals_nothing(persoon):
    data = {"pvt_plichtig": True, "datum_start_pvt_plicht": START, "datum_einde_pvt_plicht": EINDE}
    bijwerken(persoon, **data)
    voor = (codes(), AuditEntry.objects.count())
    bijwerken(persoon, **data)
    assert (codes(), AuditEntry.objects.count()) == voor


def test_the_fact_is_the_new_value_so_a_replayed_sequence_emits_nothing(pvt):
    later = date(2027, 3, 1)
    bijwerken(pvt, datum_einde_pvt_plicht=later)  # correction: SS609
    bijwerken(pvt, datum_einde_pvt_plicht=EINDE)  # back: SS609, EINDE was never signalled
    assert codes() == ["SS609", "SS609"]
    bijwerken(pvt, datum_einde_pvt_plicht=later)  # the same two messages again (under new ids)
    bijwerken(pvt, datum_einde_pvt_plicht=EINDE)
    assert codes() == ["SS609", "SS609"]
    assert AuditEntry.objects.count() == 4  # the data did change each time, and that is audited


def test_signals_go_to_the_woongemeente_only_under_the_wi2013_and_not_after_death(groningen):
    for wet in (Wet.WI2021, Wet.WI2007, ""):
        bijwerken(PersoonFactory(woongemeente=groningen, wet=wet), pvt_plichtig=True)
    overleden = PersoonFactory(woongemeente=groningen, wet=Wet.WI2013, datum_overlijden=date(2026, 1, 1))
    bijwerken(overleden, pvt_plichtig=True)
    assert codes() == []
    assert Wi2013Persoon.objects.count() == 4  # the data is kept; only the signals are not sent


def test_only_duo_fields(pvt):
    with pytest.raises(ValidationError, match="datum_voldaan, reden_niet_voldaan"):
        bijwerken(pvt, datum_voldaan=date(2026, 5, 1), reden_niet_voldaan="1", recht_op_mb=True)
    assert not AuditEntry.objects.exists() and codes() == []


@pytest.mark.parametrize(
    ("data", "veld"),
    [
        ({"datum_einde_pvt_plicht": date(2026, 1, 1)}, "datum_einde_pvt_plicht"),
        ({"mb_gemeld_bzk": False}, "mb_gemeld_bzk"),  # a melding without recht op MB
        ({"recht_op_mb": True, "mb_gemeld_bzk": True}, "mb_gemeld_jaar"),  # Ja without the year
        ({"recht_op_mb": True, "mb_gemeld_bzk": False, "mb_gemeld_jaar": 2026}, "mb_gemeld_jaar"),
        ({"lening_duo": None}, "lening_duo"),
    ],
)
def test_inconsistent_duo_data_is_refused_and_nothing_is_kept(persoon, data, veld):
    with pytest.raises(ValidationError) as fout:
        bijwerken(persoon, pvt_plichtig=True, datum_start_pvt_plicht=START, **data)
    assert veld in fout.value.message_dict
    assert not Wi2013Persoon.objects.exists() and codes() == [] and not AuditEntry.objects.exists()


# --- Factuur: SS611 / SS612 and the status ----------------------------------------------------------


@pytest.fixture
def factuur(pvt, groningen):
    gegevens = Wi2013Persoon.objects.get(persoon=pvt)
    return Factuur.objects.create(gegevens=gegevens, gemeente=groningen, factuurnummer="FACT11",
                                  factuurdatum=date(2026, 7, 30), debiteurnummer="BX771080")  # fmt: skip


def test_ss612_factuur_accepted(factuur, groningen):
    duo.factuur_beoordeeld(actor=DUO, persoon=factuur.gegevens.persoon, geaccepteerd=True)
    factuur.refresh_from_db()
    assert factuur.geaccepteerd is True
    assert list(Signaal.objects.values_list("code", "gemeente")) == [("SS612", groningen.pk)]
    assert AuditEntry.objects.get().wijzigingen == {"geaccepteerd": [None, True]}
    duo.factuur_beoordeeld(actor=DUO, persoon=factuur.gegevens.persoon, geaccepteerd=True)  # replay
    assert codes() == ["SS612"] and AuditEntry.objects.count() == 1


def test_ss611_factuur_refused_and_judged_again_after_a_correction(factuur):
    persoon = factuur.gegevens.persoon
    duo.factuur_beoordeeld(actor=DUO, persoon=persoon, geaccepteerd=False)
    duo.factuur_beoordeeld(actor=DUO, persoon=persoon, geaccepteerd=False)  # replay: the same fact
    assert codes() == ["SS611"]
    Factuur.objects.filter(pk=factuur.pk).update(debiteurnummer="BX771081")  # the gemeente corrects it
    duo.factuur_beoordeeld(actor=DUO, persoon=persoon, geaccepteerd=False)
    duo.factuur_beoordeeld(actor=DUO, persoon=persoon, geaccepteerd=True)
    assert codes() == ["SS611", "SS611", "SS612"]


def test_an_accepted_factuur_cannot_be_refused(factuur):
    persoon = factuur.gegevens.persoon
    duo.factuur_beoordeeld(actor=DUO, persoon=persoon, geaccepteerd=True)
    with pytest.raises(ValidationError, match="al geaccepteerd"):
        duo.factuur_beoordeeld(actor=DUO, persoon=persoon, geaccepteerd=False)
    assert codes() == ["SS612"]


def test_factuur_signals_need_a_factuur(pvt):
    with pytest.raises(ValidationError, match="Geen factuur gevonden"):
        duo.factuur_beoordeeld(actor=DUO, persoon=pvt, geaccepteerd=True)


@pytest.mark.parametrize("status", ["1", "2", "3", "4", 5])
def test_factuur_status_1_to_5_audited_without_signal(factuur, status):
    duo.factuur_status_bijwerken(actor=DUO, persoon=factuur.gegevens.persoon, status=status)
    factuur.refresh_from_db()
    assert factuur.status == str(status) and codes() == []
    assert AuditEntry.objects.get().wijzigingen["status"][0] is None
    duo.factuur_status_bijwerken(actor=DUO, persoon=factuur.gegevens.persoon, status=status)
    assert AuditEntry.objects.count() == 1


@pytest.mark.parametrize("status", ["0", "6", "", None, "x"])
def test_factuur_status_outside_1_to_5_refused(factuur, status):
    with pytest.raises(ValidationError, match="1 tot en met 5"):
        duo.factuur_status_bijwerken(actor=DUO, persoon=factuur.gegevens.persoon, status=status)


def test_duo_codes_is_the_one_table_of_triggers():
    oud = {"pvt_plichtig": None, "datum_start_pvt_plicht": None, "datum_einde_pvt_plicht": None,
           "indicatie_inburgeringsplicht": True, "recht_op_mb": None}  # fmt: skip
    assert signalering.duo_codes(oud, {**oud, "pvt_plichtig": True, "datum_start_pvt_plicht": START}) == [
        ("SS601", "pvt_plichtig=J:start=20260318"),
        ("SS608", "datum_start_pvt_plicht=20260318"),
    ]
    assert signalering.duo_codes(oud, dict(oud)) == []
