"""Issue 9 item 12: the core's change event carries typed values, not the audit trail's text."""

from datetime import date

import pytest

from inburgering.gebeurtenissen import PersoonsgegevensGewijzigd, _abonnees, abonneer
from inburgering.models import AuditEntry
from inburgering.services import persoon_wijzigen
from tests.factories import GemeenteFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ontvangen():
    ontvangen = []

    def handler(gebeurtenis):
        ontvangen.append(gebeurtenis)

    abonneer(PersoonsgegevensGewijzigd, handler)
    yield ontvangen
    _abonnees[PersoonsgegevensGewijzigd].remove(handler)


def test_item12_event_carries_typed_values(ontvangen):
    persoon = PersoonFactory(datum_vertrek=date(2026, 1, 5))
    nieuwe_gemeente = GemeenteFactory()
    persoon_wijzigen(
        actor="test",
        persoon=persoon,
        data={"datum_vertrek": None, "geboortedatum": date(1990, 2, 3), "woongemeente": nieuwe_gemeente},
    )
    (gebeurtenis,) = ontvangen
    assert gebeurtenis.wijzigingen["datum_vertrek"] == [date(2026, 1, 5), None]
    assert gebeurtenis.wijzigingen["geboortedatum"][1] == date(1990, 2, 3)
    assert gebeurtenis.wijzigingen["woongemeente"][1] == nieuwe_gemeente
    # The audit trail still shows the manual's notation.
    entry = AuditEntry.objects.filter(bsn=persoon.bsn, omschrijving="Persoonsgegevens gewijzigd").get()
    assert entry.wijzigingen["datum_vertrek"] == ["05-01-2026", None]
    assert entry.wijzigingen["geboortedatum"][1] == "03-02-1990"
