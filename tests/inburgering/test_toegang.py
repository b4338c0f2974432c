"""A-3, A-4, A-7: person data only for the woongemeente; read roles never reach a mutation."""

import re

from django.core.exceptions import PermissionDenied
from django.urls import URLPattern, URLResolver, get_resolver

import pytest

from inburgering.access import toegang_voor, vereis_muteren
from inburgering.constants import Rol, Wet
from tests.factories import PersoonFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_permissie")]


def person_urls(resolver=None, prefix=""):
    """Every URL pattern that takes a person (a `bsn` or `persoon` argument), across all apps."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from person_urls(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if "<str:bsn>" in route or "<int:persoon>" in route:
                yield route


def fill(route: str, persoon) -> str:
    return "/" + route.replace("<str:bsn>", persoon.bsn).replace("<int:persoon>", str(persoon.pk))


def _personen_per_wet(gemeente):
    """One person of each law in `gemeente`, with the law's own data where the law app needs it."""
    from datetime import date

    from wi2007.models import Wi2007Persoon
    from wi2013.models import Wi2013Persoon
    from wi2021.constants import Doelgroep
    from wi2021.models import Inburgeringsplicht

    personen = {wet: PersoonFactory(woongemeente=gemeente, wet=wet) for wet in Wet.values}
    Wi2007Persoon.objects.create(persoon=personen[Wet.WI2007])
    Wi2013Persoon.objects.create(persoon=personen[Wet.WI2013])
    # Without a plicht a Wi2021 person is never shown (FS 655), at home or elsewhere.
    Inburgeringsplicht.objects.create(
        persoon=personen[Wet.WI2021], datum_start=date(2024, 3, 1), doelgroep=Doelgroep.ASIELSTATUSHOUDER
    )
    return personen


def test_a3_person_of_another_gemeente_is_404_by_every_url(client, groningen, almere):
    thuis, elders = _personen_per_wet(groningen), _personen_per_wet(almere)
    client.force_login(UserFactory(rollen={groningen: list(Rol.values)}))
    routes = list(person_urls())
    assert len(routes) >= 3, routes
    for route in routes:
        # The route serves the persons of one law: find it by the home person it does not hide
        # (200, or a redirect/refusal that is about the data, e.g. no factuur possible yet).
        wetten = [wet for wet, p in thuis.items() if client.get(fill(route, p)).status_code != 404]
        assert wetten, f"{route} shows no person of the own gemeente"
        for wet in wetten:
            assert client.get(fill(route, elders[wet])).status_code == 404, route
            assert client.post(fill(route, elders[wet])).status_code in (403, 404, 405), route


def test_a3_nonexistent_and_foreign_person_look_the_same(client, groningen, almere):
    elders = PersoonFactory(woongemeente=almere)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2021]}))
    foreign = client.get(f"/test/persoon/{elders.bsn}/")
    missing = client.get("/test/persoon/111222333/")
    assert foreign.status_code == missing.status_code == 404

    # Identical but for the masked CSRF token and the page's own path (with the BSN typed).
    def strip(response, bsn):
        return re.sub(rb'value="[A-Za-z0-9]{64}"', b"", response.content).replace(bsn.encode(), b"BSN")

    assert strip(foreign, elders.bsn) == strip(missing, "111222333")


def test_a3_helpdesk_sees_only_the_active_gemeente(client, helpdesk, groningen, almere):
    elders = PersoonFactory(woongemeente=almere)
    client.force_login(helpdesk)
    client.post("/gemeente/kiezen/", {"gemeente": "0014"})
    assert client.get(f"/test/persoon/{elders.bsn}/").status_code == 404
    client.post("/gemeente/kiezen/", {"gemeente": "0034"})
    assert client.get(f"/test/persoon/{elders.bsn}/").status_code == 200


def test_a7_person_assigned_by_coa_is_visible_to_the_future_gemeente(client, groningen, almere):
    in_azc = PersoonFactory(woongemeente=almere, toekomstige_gemeente=groningen)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2021]}))
    assert client.get(f"/test/persoon/{in_azc.bsn}/").status_code == 200


def test_a4_read_role_is_refused_on_post(client, raadpleger, groningen):
    persoon = PersoonFactory(woongemeente=groningen)
    client.force_login(raadpleger)
    assert client.get(f"/test/persoon/{persoon.bsn}/").status_code == 200
    response = client.post(f"/test/persoon/{persoon.bsn}/")
    assert response.status_code == 403
    assert b"gewijzigd" not in response.content


def test_a4_mut_role_may_post(client, medewerker, groningen):
    persoon = PersoonFactory(woongemeente=groningen)
    client.force_login(medewerker)
    assert client.post(f"/test/persoon/{persoon.bsn}/").content == b"gewijzigd"


def test_a4_role_for_another_law_is_no_access(client, groningen):
    persoon = PersoonFactory(woongemeente=groningen, wet=Wet.WI2021)
    client.force_login(UserFactory(rollen={groningen: [Rol.WI2013MUT]}))
    assert client.get(f"/test/persoon/{persoon.bsn}/").status_code == 403


def test_a4_service_rechecks_mut_role_for_the_gemeente(groningen, almere):
    user = UserFactory(rollen={groningen: [Rol.WI2021MUT], almere: [Rol.WI2021]})
    vereis_muteren(actor=user, gemeente=groningen, wet=Wet.WI2021)
    with pytest.raises(PermissionDenied):
        vereis_muteren(actor=user, gemeente=almere, wet=Wet.WI2021)
    with pytest.raises(PermissionDenied):
        vereis_muteren(actor=user, gemeente=groningen, wet=Wet.WI2013)
    with pytest.raises(PermissionDenied):
        vereis_muteren(actor=user, gemeente=groningen, wet=Wet.WI2007)  # Wi2007 is read only


def test_a4_revoked_role_is_refused_at_once(groningen):
    user = UserFactory(rollen={groningen: [Rol.WI2021MUT]})
    user.autorisaties.all().delete()
    with pytest.raises(PermissionDenied):
        vereis_muteren(actor=user, gemeente=groningen, wet=Wet.WI2021)


def test_toegang_resolves_helpdesk_roles_everywhere(helpdesk, almere):
    toegang = toegang_voor(helpdesk, almere.id)
    assert toegang.gemeente == almere
    assert toegang.rollen == frozenset(Rol.values)
    assert toegang.mag_muteren(Wet.WI2013) and not toegang.mag_muteren(Wet.WI2007)


def test_anonymous_user_is_sent_to_login(client, groningen):
    persoon = PersoonFactory(woongemeente=groningen)
    response = client.get(f"/test/persoon/{persoon.bsn}/")
    assert response.status_code == 302 and response["Location"].startswith("/inloggen/")
