"""13-4: the factuur's preconditions, field rules, fixed amount and the end of changes after acceptance."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from inburgering.constants import Rol, Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import PersoonFactory, UserFactory
from wi2013 import services
from wi2013.models import Factuur, Wi2013Persoon

pytestmark = pytest.mark.django_db
GELDIG = {"factuurnummer": "ABCDEF1234567890", "factuurdatum": date(2026, 1, 5), "debiteurnummer": "BX771080"}


@pytest.fixture
def iban(groningen):
    groningen.iban = "NL91ABNA0417164300"
    groningen.save()
    return groningen


@pytest.fixture
def voldaan(iban):
    persoon = PersoonFactory(woongemeente=iban, wet=Wet.WI2013)
    return Wi2013Persoon.objects.create(persoon=persoon, lening_duo=True, datum_voldaan=date(2025, 12, 1))


def toevoegen(user, gemeente, g, **data):
    return services.factuur_toevoegen(
        actor=user, gemeente=gemeente, persoon=g.persoon, data={**GELDIG, **data}
    )


def versie() -> str:
    return Factuur.objects.get().versiekenmerk


def test_134_add_with_the_fixed_amount(medewerker, iban, voldaan):
    factuur = toevoegen(medewerker, iban, voldaan, bedrag=Decimal("999"))
    assert factuur.bedrag == Decimal("150.00")
    assert AuditEntry.objects.get(actie=AuditActie.AANMAKEN).bsn == voldaan.persoon.bsn


@pytest.mark.parametrize(
    ("lening", "datum_voldaan"), [(False, date(2025, 12, 1)), (True, None), (False, None)]
)
def test_134_only_with_a_duo_loan_and_datum_voldaan(medewerker, iban, voldaan, lening, datum_voldaan):
    Wi2013Persoon.objects.filter(pk=voldaan.pk).update(lening_duo=lening, datum_voldaan=datum_voldaan)
    with pytest.raises(ValidationError, match="lening heeft bij DUO"):
        toevoegen(medewerker, iban, voldaan)
    assert not Factuur.objects.exists()


def test_134_iban_message(medewerker, groningen, voldaan):
    groningen.iban = ""
    groningen.save()
    with pytest.raises(ValidationError) as fout:
        toevoegen(medewerker, groningen, voldaan)
    assert fout.value.messages == [
        "U kunt geen factuur invoeren, omdat er geen IBAN van uw gemeente bekend is"
    ]


def test_134_one_factuur_per_person(medewerker, iban, voldaan):
    toevoegen(medewerker, iban, voldaan)
    with pytest.raises(ValidationError, match="één factuur"):
        toevoegen(medewerker, iban, voldaan, factuurnummer="ANDER1")


@pytest.mark.parametrize(
    ("veld", "waarde"),
    [
        ("factuurnummer", "ABCDEF12345678901"),  # 17 positions
        ("factuurnummer", "FACT-11"),  # not alphanumeric
        ("factuurnummer", ""),
        ("debiteurnummer", "BX77108012"[:10] + "3"),  # 11 positions
        ("debiteurnummer", "BX 771"),
        ("debiteurnummer", ""),
        ("factuurdatum", None),
    ],
)
def test_134_field_rules(medewerker, iban, voldaan, veld, waarde):
    with pytest.raises(ValidationError) as fout:
        toevoegen(medewerker, iban, voldaan, **{veld: waarde})
    assert veld in fout.value.message_dict
    assert not Factuur.objects.exists()


def test_134_field_limits_are_inclusive(medewerker, iban, voldaan):
    toevoegen(medewerker, iban, voldaan, factuurnummer="A" * 16, debiteurnummer="9" * 10)
    assert Factuur.objects.get().factuurnummer == "A" * 16


def test_134_factuurdatum_not_in_the_future(medewerker, iban, voldaan):
    with pytest.raises(ValidationError) as fout:
        toevoegen(medewerker, iban, voldaan, factuurdatum=timezone.localdate() + timedelta(days=1))
    assert "factuurdatum" in fout.value.message_dict


def test_134_change_and_delete_until_accepted(medewerker, iban, voldaan):
    toevoegen(medewerker, iban, voldaan)
    services.factuur_wijzigen(actor=medewerker, gemeente=iban, persoon=voldaan.persoon,
                              data={**GELDIG, "debiteurnummer": "NIEUW1"}, versie=versie())  # fmt: skip
    assert Factuur.objects.get().debiteurnummer == "NIEUW1"
    assert AuditEntry.objects.get(actie=AuditActie.WIJZIGEN).wijzigingen == {
        "debiteurnummer": ["BX771080", "NIEUW1"]
    }
    Factuur.objects.update(geaccepteerd=True)
    with pytest.raises(ValidationError, match="geaccepteerd"):
        services.factuur_wijzigen(
            actor=medewerker, gemeente=iban, persoon=voldaan.persoon, data=GELDIG, versie=versie()
        )
    with pytest.raises(ValidationError, match="geaccepteerd"):
        services.factuur_verwijderen(
            actor=medewerker, gemeente=iban, persoon=voldaan.persoon, versie=versie()
        )
    assert Factuur.objects.exists()


def test_134_delete_before_acceptance(medewerker, iban, voldaan):
    toevoegen(medewerker, iban, voldaan)
    services.factuur_verwijderen(actor=medewerker, gemeente=iban, persoon=voldaan.persoon, versie=versie())
    assert not Factuur.objects.exists()
    assert AuditEntry.objects.filter(actie=AuditActie.VERWIJDEREN).exists()


def test_134_refused_factuur_can_be_changed(medewerker, iban, voldaan):
    toevoegen(medewerker, iban, voldaan)
    Factuur.objects.update(geaccepteerd=False)
    services.factuur_wijzigen(actor=medewerker, gemeente=iban, persoon=voldaan.persoon,
                              data={**GELDIG, "factuurnummer": "HERZIEN1"}, versie=versie())  # fmt: skip
    assert Factuur.objects.get().factuurnummer == "HERZIEN1"


def test_a4_read_role_and_a6_other_gemeente_refused(raadpleger, iban, almere, voldaan):
    with pytest.raises(PermissionDenied):
        toevoegen(raadpleger, iban, voldaan)
    andere = UserFactory(rollen={almere: [Rol.WI2013MUT]})
    almere.iban = "NL91ABNA0417164300"
    almere.save()
    with pytest.raises(PermissionDenied):
        toevoegen(andere, almere, voldaan)
    assert not Factuur.objects.exists()
