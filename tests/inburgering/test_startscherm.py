"""A-1, A-2: the header names user and gemeente; the start screen lists only what the roles allow."""

from django.urls import reverse

import pytest

from inburgering.constants import Rol
from inburgering.registry import Onderdeel, onderdelen_voor, registreer_onderdeel, verwijder_onderdeel
from tests.factories import UserFactory


def titels(rollen):
    return {o.titel for o in onderdelen_voor(frozenset(rollen))}


def test_a2_registry_shows_parts_per_role():
    assert titels([Rol.WI2007]) == {
        "Onder welke wet valt een persoon", "Downloaden bestanden",
        "Raadplegen persoon 2007", "Raadplegen signalen 2007",
    }  # fmt: skip
    wi2021 = titels([Rol.WI2021])
    assert "Raadplegen persoon 2021" in wi2021
    assert "Contactpersonen 2021" not in wi2021  # seed 001 §3.3.1 footnote 7: MUT role only
    assert not any("2013" in t or "2007" in t for t in wi2021)


def test_a2_mut_role_replaces_the_read_variant():
    mut = titels([Rol.WI2021, Rol.WI2021MUT])
    assert {"Raadplegen en muteren persoon 2021", "Contactpersonen 2021", "Waardepapieren bestellen"} <= mut
    assert "Raadplegen persoon 2021" not in mut


def test_a2_no_roles_no_parts():
    assert titels([]) == set()


def test_a2_registered_part_appears_for_its_role_only():
    registreer_onderdeel(Onderdeel("Testonderdeel", "Alleen voor WI2013MUT", frozenset({Rol.WI2013MUT})))
    try:
        assert "Testonderdeel" in titels([Rol.WI2013MUT])
        assert "Testonderdeel" not in titels([Rol.WI2013])
    finally:
        verwijder_onderdeel("Testonderdeel")


@pytest.mark.django_db
def test_a2_start_screen_uses_roles_of_the_active_gemeente(client, groningen, almere):
    user = UserFactory(rollen={groningen: [Rol.WI2021MUT, Rol.WI2021], almere: [Rol.WI2007]})
    client.force_login(user)
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0014"})
    html = client.get(reverse("inburgering:start")).content.decode()
    assert "Contactpersonen 2021" in html and "Raadplegen persoon 2007" not in html

    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034"})
    html = client.get(reverse("inburgering:start")).content.decode()
    assert "Raadplegen persoon 2007" in html and "Contactpersonen 2021" not in html


@pytest.mark.django_db
def test_a1_header_shows_user_gemeente_and_logout(login, medewerker):
    html = login(medewerker).get(reverse("inburgering:start")).content.decode()
    assert "medewerker" in html
    assert "(Gemeente: Groningen)" in html
    assert "Uitloggen" in html


@pytest.mark.django_db
def test_start_screen_without_roles_explains_why(login, groningen):
    user = UserFactory()
    response = login(user).get(reverse("inburgering:start"))
    assert response.status_code == 200
    assert "geen rol" in response.content.decode()


@pytest.mark.django_db
def test_start_screen_query_count_is_constant(login, helpdesk, django_assert_max_num_queries):
    from tests.factories import GemeenteFactory

    GemeenteFactory.create_batch(50)
    client = login(helpdesk)
    # session, user, autorisaties, active gemeente, gemeente list, open signals (S-2),
    # session save (+ its savepoint pair).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("inburgering:start"))
    assert response.status_code == 200
    assert response.content.decode().count("<option ") == 50
