"""Issue 12 item 8: the demo has contactpersonen with caseloads and an algemeen contactpersoon, made through
the contactpersonen services in the demo user's gemeente; a quarter of the persons stays without one, one
link is revoked (caseload history), and a second run adds nothing."""

import pytest

from wi2021 import demo_contactpersonen
from wi2021.models import Contactpersoon, Koppeling

pytestmark = pytest.mark.django_db


def test_issue12_item8_contactpersonen_with_caseloads_and_an_algemeen_contactpersoon(
    medewerker, groningen, plicht
):
    personen = [plicht().persoon for _ in range(24)]

    demo_contactpersonen.afronden(2021, None)

    cps = Contactpersoon.objects.filter(gemeente=groningen)
    assert cps.count() == 3
    assert cps.filter(algemeen=True).count() == 1
    actueel = Koppeling.objects.actueel().filter(gemeente=groningen)
    gekoppeld = set(actueel.values_list("persoon_id", flat=True))
    assert 0 < len(gekoppeld) < len(personen)  # B-3 in both states
    for cp in cps.filter(algemeen=False):
        assert actueel.filter(contactpersoon=cp).exists(), cp.naam  # every caseload holds persons
    assert Koppeling.objects.filter(gemeente=groningen, ingetrokken_op__isnull=False).exists()  # S-06 history

    aantallen = (Contactpersoon.objects.count(), Koppeling.objects.count())
    demo_contactpersonen.afronden(2021, None)
    assert (Contactpersoon.objects.count(), Koppeling.objects.count()) == aantallen
