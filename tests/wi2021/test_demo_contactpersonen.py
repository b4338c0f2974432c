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


def test_issue15_every_other_gemeente_has_caseloads_in_bulk(medewerker, groningen, almere, plicht):
    """Issue 15 (realistic data): at national scale every gemeente keeps caseloads, not only the demo user's.
    The other gemeenten get the same three contactpersonen and a caseload for three quarters of their living
    Wi2021 residents, in bulk; the deceased and those in an AZC stay uncoupled (R-ACC-3, D-37); a re-run adds
    nothing."""
    from datetime import date

    from tests.factories import GemeenteFactory
    from wi2021.demo_contactpersonen import _keuze

    levend = [plicht(persoon={"woongemeente": almere}).persoon for _ in range(24)]
    overleden = plicht(persoon={"woongemeente": almere, "datum_overlijden": date(2025, 1, 1)}).persoon
    # In the AZC of a third gemeente, assigned to Almere by the COA: coupled by neither yet.
    azc = plicht(
        persoon={
            "woongemeente": GemeenteFactory(code="1950", naam="Westerwolde"),
            "toekomstige_gemeente": almere,
        }
    ).persoon

    demo_contactpersonen.afronden(2021, None)

    cps = Contactpersoon.objects.filter(gemeente=almere)
    assert sorted(cps.values_list("naam", "algemeen")) == sorted(
        (naam, algemeen) for naam, _, _, algemeen in demo_contactpersonen.CONTACTPERSONEN
    )
    actueel = Koppeling.objects.actueel().filter(gemeente=almere)
    verwacht = {p.pk for p in levend if _keuze(p.bsn) != 3}
    assert set(actueel.values_list("persoon_id", flat=True)) == verwacht and 0 < len(verwacht) < len(levend)
    assert not actueel.filter(contactpersoon__algemeen=True).exists()  # the algemeen one holds no caseload
    assert not Koppeling.objects.filter(persoon__in=[overleden, azc]).exists()

    aantallen = (Contactpersoon.objects.count(), Koppeling.objects.count())
    demo_contactpersonen.afronden(2021, None)
    assert (Contactpersoon.objects.count(), Koppeling.objects.count()) == aantallen
