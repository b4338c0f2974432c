"""Issue 15: "Selecteren signalen" sorts on BSN and Achternaam through copies the signal carries of its person's
fields (Signaal.persoon_bsn / persoon_achternaam), so an index of the gemeente's signals gives a page instead of
a walk through the persons of the whole country. The copies must always equal the person's fields."""

import importlib
import re
from datetime import date

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from inburgering.services import persoon_wijzigen
from signalen.models import Signaal
from signalen.services import Uitzending, signaal_uitzenden, signalen_uitzenden
from tests.factories import PersoonFactory, SignaalFactory

pytestmark = pytest.mark.django_db


def _kopieen(persoon) -> set[tuple[str, str]]:
    return set(Signaal.objects.filter(persoon=persoon).values_list("persoon_bsn", "persoon_achternaam"))


def test_issue15_a_signal_carries_its_persons_bsn_and_achternaam_on_either_emission_path(groningen):
    een, ander = PersoonFactory(woongemeente=groningen), PersoonFactory(woongemeente=groningen)
    signaal_uitzenden(wet="WI2021", code="SS101", persoon=een, gemeente=groningen, datum=date(2026, 1, 5),
                      feit="test:een")  # fmt: skip
    signalen_uitzenden([Uitzending("WI2021", "SS126", p.pk, groningen.pk, groningen.code, date(2026, 1, 6),
                                   f"test:bulk:{p.pk}") for p in (een, ander)])  # fmt: skip
    assert Signaal.objects.filter(persoon=een).count() == 2
    assert _kopieen(een) == {(een.bsn, een.achternaam)}
    assert _kopieen(ander) == {(ander.bsn, ander.achternaam)}


def test_issue15_a_new_achternaam_or_bsn_of_the_person_reaches_their_signals(groningen):
    persoon = PersoonFactory(woongemeente=groningen, achternaam="Aydin")
    SignaalFactory.create_batch(2, persoon=persoon)
    anders = SignaalFactory(persoon=PersoonFactory(woongemeente=groningen, achternaam="Bakker"))

    persoon_wijzigen(actor="BRP", persoon=persoon, data={"achternaam": "Zwart", "bsn": "111222333"})

    assert _kopieen(persoon) == {("111222333", "Zwart")}
    assert _kopieen(anders.persoon) == {(anders.persoon.bsn, "Bakker")}  # only that person's signals


def test_issue15_the_list_sorts_on_the_copies_and_follows_a_name_change(login, medewerker, groningen):
    """The page's order comes from the signal's own columns (no person field in ORDER BY), and stays the
    person's order after the BRP changed a name."""
    namen = ["Bakker", "Aydin", "Claes"]
    for naam in namen:
        SignaalFactory(persoon=PersoonFactory(woongemeente=groningen, achternaam=naam))
    client = login(medewerker)

    def volgorde(sort: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(
                reverse("signalen:selecteren", kwargs={"wet": "wi2021"}), {"alle": "1", "sort": sort}
            )
        assert html.status_code == 200
        lijst = [
            q["sql"]
            for q in queries.captured_queries
            if "ORDER BY" in q["sql"] and "signalen_signaal" in q["sql"]
        ]
        assert len(lijst) == 1 and 'ORDER BY "signalen_signaal"."persoon_achternaam"' in lijst[0], lijst
        return re.findall(r">(Aydin|Bakker|Claes|Zwart)<", html.content.decode())

    assert volgorde("achternaam") == ["Aydin", "Bakker", "Claes"]
    aydin = Signaal.objects.get(persoon__achternaam="Aydin").persoon
    persoon_wijzigen(actor="BRP", persoon=aydin, data={"achternaam": "Zwart"})
    assert volgorde("achternaam") == ["Bakker", "Claes", "Zwart"]
    assert volgorde("-achternaam") == ["Zwart", "Claes", "Bakker"]
    bsns = sorted(Signaal.objects.values_list("persoon__bsn", flat=True))
    pagina = client.get(
        reverse("signalen:selecteren", kwargs={"wet": "wi2021"}), {"alle": "1", "sort": "bsn"}
    )
    assert (
        re.findall(r'<td class="utrecht-table__cell" >(?:<a [^>]*>)?(\d{9})', pagina.content.decode()) == bsns
    )


def test_issue15_the_migration_copies_the_existing_signals_persons(groningen):
    signaal = SignaalFactory(persoon=PersoonFactory(woongemeente=groningen, achternaam="Yilmaz"))
    Signaal.objects.update(persoon_bsn="", persoon_achternaam="")  # as the rows were before the migration

    migratie = importlib.import_module("signalen.migrations.0005_sorteersleutels_persoon")
    migratie.kopieer_van_persoon(apps, None)

    assert _kopieen(signaal.persoon) == {(signaal.persoon.bsn, "Yilmaz")}
