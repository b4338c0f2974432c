"""R-UR-11 across the two rooms: withdrawing an aanbod removes the uren taalles en KNM its gemeente registered
for that instelling (and S-35 shows variant B while there are any); other instellingen' uren stay."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from inburgering.models import AuditActie, AuditEntry
from tests.wi2021.aanbod_data import aanbod, instelling
from wi2021 import selectors_aanbod, services_aanbod
from wi2021.models import Urenstand

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def stand(plicht, gemeente, bij, aantal):
    return Urenstand.objects.create(plicht=plicht, gemeente=gemeente, soort="6", instelling=bij, aantal=aantal,
                                    datum_tot=date(2024, 5, 1), geregistreerd_op=datetime(2024, 5, 2, tzinfo=AMS))  # fmt: skip


@time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=AMS), tick=False)
def test_r_ur_11_withdrawing_an_aanbod_removes_its_uren(plicht, pip, medewerker, groningen):
    p = plicht(termijn_start=date(2024, 4, 2), termijn_einde=date(2027, 4, 1))
    pip(p, definitief=True)
    noord, zuid = instelling("Taalcentrum Noord"), instelling("Taalcentrum Zuid")
    weg, blijft = aanbod(p, groningen, bij=noord), aanbod(p, groningen, bij=zuid)
    stand(p, groningen, noord, 40)
    stand(p, groningen, zuid, 12)
    assert selectors_aanbod.met_uren([weg, blijft]) == {weg.pk, blijft.pk}
    services_aanbod.aanbod_intrekken(actor=medewerker, gemeente=groningen, persoon=p.persoon, aanbod=weg.pk,
                                     versie=weg.versiekenmerk)  # fmt: skip
    assert list(Urenstand.objects.values_list("instelling__naam", "aantal")) == [("Taalcentrum Zuid", 12)]
    assert (
        AuditEntry.objects.filter(
            actie=AuditActie.VERWIJDEREN, omschrijving__startswith="Uren verwijderd"
        ).count()
        == 1
    )
