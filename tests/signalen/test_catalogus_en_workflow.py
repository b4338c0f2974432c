"""S-1 catalogue, the status state machine and idempotent emitting."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from inburgering.constants import Rol, Wet
from inburgering.models import AuditEntry
from signalen.catalogus import catalogus, omschrijving, soort
from signalen.models import Signaal
from signalen.services import StatusWijziging, signaal_uitzenden, signalen_status_wijzigen
from signalen.workflow import Status
from tests.factories import PersoonFactory, SignaalFactory, UserFactory


@pytest.mark.parametrize(
    ("wet", "eerste", "laatste", "minimaal"),
    [
        (Wet.WI2007, "SS001", "SS066", 25),
        (Wet.WI2013, "SS601", "SS614", 13),
        (Wet.WI2021, "SS101", "SS192", 43),
    ],
)
def test_s1_catalogue_per_law(wet, eerste, laatste, minimaal):
    codes = sorted(catalogus(wet))
    assert codes[0] == eerste and codes[-1] == laatste and len(codes) >= minimaal
    assert all(s.omschrijving for s in catalogus(wet).values())


def test_s1_texts_as_the_manuals_write_them():
    assert omschrijving(Wet.WI2013, "SS613") == "Kandidaat is verhuisd naar uw gemeente"
    assert omschrijving(Wet.WI2021, "SS101") == "Persoon is inburgeringsplichtig"
    wi2007 = soort(Wet.WI2007, "SS001")
    assert wi2007.oorzaak and wi2007.vervolgactie  # Wi2007 explains cause and follow-up per signal
    assert soort(Wet.WI2021, "SS126").oorzaak  # §4.1 explanation


def test_s1_unknown_code_cannot_be_emitted(db, groningen):
    with pytest.raises(KeyError):
        signaal_uitzenden(wet=Wet.WI2021, code="SS999", persoon=PersoonFactory(woongemeente=groningen),
                          gemeente=groningen, datum=date(2026, 1, 1), feit="x")  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("van", "naar", "mag"),
    [
        (Status.NIEUW, Status.IN_BEHANDELING, True),
        (Status.NIEUW, Status.AFGEHANDELD, True),
        (Status.IN_BEHANDELING, Status.AFGEHANDELD, True),
        (Status.AFGEHANDELD, Status.IN_BEHANDELING, True),
        (Status.IN_BEHANDELING, Status.IN_BEHANDELING, False),
        (Status.AFGEHANDELD, Status.AFGEHANDELD, False),
    ],
)
def test_item11_state_machine_through_the_status_service(groningen, medewerker, van, naar, mag):
    """The transitions the portal offers, applied by the service that enforces them (`bronnen_voor`)."""
    signaal = SignaalFactory(persoon__woongemeente=groningen, status=van)
    gewijzigd = signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2021, ids=[signaal.id],
                                         status=naar)  # fmt: skip
    signaal.refresh_from_db()
    assert (gewijzigd.gewijzigd, signaal.status) == ((1, naar) if mag else (0, van))


@pytest.mark.django_db
def test_emit_is_idempotent_per_fact(groningen, almere):
    persoon = PersoonFactory(woongemeente=groningen)
    kwargs = {"wet": Wet.WI2021, "code": "SS122", "persoon": persoon, "datum": date(2026, 1, 1), "feit": "f1"}
    assert signaal_uitzenden(gemeente=groningen, **kwargs) is not None
    assert signaal_uitzenden(gemeente=groningen, **kwargs) is None
    assert (
        signaal_uitzenden(gemeente=almere, **{**kwargs, "code": "SS120"}) is not None
    )  # same fact, other party
    assert Signaal.objects.count() == 2


@pytest.mark.django_db
def test_s5_service_changes_status_and_audits(groningen, medewerker):
    signalen = SignaalFactory.create_batch(3, persoon__woongemeente=groningen)
    aantal = signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2021,
                                      ids=[s.id for s in signalen[:2]], status=Status.IN_BEHANDELING)  # fmt: skip
    assert aantal == StatusWijziging(gewijzigd=2, ongewijzigd=0, niet_gevonden=0)
    statussen = dict(Signaal.objects.values_list("id", "status"))
    assert [statussen[s.id] for s in signalen] == [Status.IN_BEHANDELING, Status.IN_BEHANDELING, Status.NIEUW]
    gewijzigd = Signaal.objects.get(id=signalen[0].id)
    assert gewijzigd.status_gewijzigd_door == "medewerker" and gewijzigd.status_gewijzigd_op
    entry = AuditEntry.objects.filter(bsn=signalen[0].persoon.bsn).get()
    assert entry.wijzigingen == {"status": ["Nieuw", "In behandeling"]}


@pytest.mark.django_db
def test_s5_state_machine_refusals_change_nothing(groningen, medewerker):
    signaal = SignaalFactory(persoon__woongemeente=groningen, status=Status.IN_BEHANDELING)
    with pytest.raises(ValidationError):
        signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2021, ids=[signaal.id],
                                 status=Status.NIEUW)  # fmt: skip
    assert signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2021, ids=[signaal.id],
                                    status=Status.IN_BEHANDELING).gewijzigd == 0  # fmt: skip
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_s5_service_ignores_other_gemeente_and_law(groningen, almere, medewerker):
    elders = SignaalFactory(persoon__woongemeente=almere)
    andere_wet = SignaalFactory(persoon__woongemeente=groningen, wet=Wet.WI2013, code="SS601")
    # Issue 8 item 10: they count as not found, not as "already had that status".
    assert signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2021,
                                    ids=[elders.id, andere_wet.id, 10**15], status=Status.AFGEHANDELD) == (
        StatusWijziging(gewijzigd=0, ongewijzigd=0, niet_gevonden=3))  # fmt: skip
    assert set(Signaal.objects.values_list("status", flat=True)) == {Status.NIEUW}


@pytest.mark.django_db
def test_s5_read_role_and_wi2007_are_refused_in_the_service(groningen, raadpleger, medewerker):
    signaal = SignaalFactory(persoon__woongemeente=groningen)
    with pytest.raises(PermissionDenied):
        signalen_status_wijzigen(actor=raadpleger, gemeente=groningen, wet=Wet.WI2021, ids=[signaal.id],
                                 status=Status.AFGEHANDELD)  # fmt: skip
    wi2007 = SignaalFactory(persoon__woongemeente=groningen, wet=Wet.WI2007, code="SS001")
    with pytest.raises(PermissionDenied):  # Wi2007 is read only, also for a user with every role
        signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2007, ids=[wi2007.id],
                                 status=Status.AFGEHANDELD)  # fmt: skip
    alleen_2013 = UserFactory(rollen={groningen: [Rol.WI2013MUT]})
    with pytest.raises(PermissionDenied):
        signalen_status_wijzigen(actor=alleen_2013, gemeente=groningen, wet=Wet.WI2021, ids=[signaal.id],
                                 status=Status.AFGEHANDELD)  # fmt: skip
    assert Signaal.objects.filter(status=Status.NIEUW).count() == 2


@pytest.mark.django_db
def test_s9_a_fact_stays_emitted_after_retention_deleted_its_signal(groningen):
    from datetime import timedelta

    from django.utils import timezone

    from signalen.retentie import verwijder_afgehandelde_signalen

    persoon = PersoonFactory(woongemeente=groningen)
    kwargs = {"wet": Wet.WI2021, "code": "SS126", "persoon": persoon, "gemeente": groningen,
              "datum": date(2026, 1, 1), "feit": "termijn"}  # fmt: skip
    signaal = signaal_uitzenden(**kwargs)
    Signaal.objects.filter(pk=signaal.pk).update(status=Status.AFGEHANDELD,
                                                 status_gewijzigd_op=timezone.now() - timedelta(days=8))  # fmt: skip
    assert verwijder_afgehandelde_signalen() == 1
    assert signaal_uitzenden(**kwargs) is None  # the daily rule runs again: no second signal
    assert not Signaal.objects.exists()


def test_item5_every_wi2013_signal_text_is_the_manuals_whole_text():
    """Issue 9 item 5: each Wi2013 code's text is the whole cell of seed 000's "Selecteren signalen" table,
    SS602–SS604 included (explanation and the quoted text)."""
    from pathlib import Path

    from django.conf import settings

    seed = next((Path(settings.BASE_DIR).parent / "shared" / "seeds").glob("000_*.txt"))
    tabel = {}
    for regel in seed.read_text(encoding="utf-8").splitlines():
        code, _, tekst = regel.partition("\t")
        if code.startswith("SS6") and tekst and code not in tabel:
            tabel[code] = tekst.strip()
    assert len(tabel) == 13
    assert {code: omschrijving(Wet.WI2013, code) for code in tabel} == tabel
    assert omschrijving(Wet.WI2013, "SS604").endswith(
        '"Persoon heeft nog niet getekend en er is nog geen reden voor opgenomen."'
    )
