"""Issue 14 without a browser: the accessibility statement (item 4), the shared error summary and field ARIA
(item 3), table captions and the sort state of sortable headers (item 3). The browser side is in
tests/browser/test_toegankelijkheid.py."""

import re

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

import django_tables2 as tables
import pytest
from django_tables2 import RequestConfig

from inburgering.tables import PibTable
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
VERKLARING = reverse("inburgering:toegankelijkheid")


def test_item4_statement_is_public_and_names_the_standard_and_the_tests(client):
    pagina = client.get(VERKLARING)
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    for nodig in ("WCAG 2.1", "niveau A en AA", "Besluit digitale toegankelijkheid overheid", "axe-core",
                  "alleen met het toetsenbord", "Bekende beperkingen", "Servicecentrum Inburgering"):  # fmt: skip
        assert nodig.lower() in tekst.lower(), nodig


def test_item4_footer_links_to_the_statement_on_the_login_page_and_when_logged_in(client, login, medewerker):
    link = f'href="{VERKLARING}"'
    assert link in client.get(reverse("login")).content.decode()
    assert link in login(medewerker).get(reverse("inburgering:start")).content.decode()


def test_item4_statement_is_reachable_before_the_second_factor(client, settings):
    settings.PIB_TWEE_FACTOR = True
    UserFactory(username="nieuw")
    client.post(reverse("login"), {"username": "nieuw", "password": "geheim-wachtwoord-123"})
    assert client.get(reverse("inburgering:start")).status_code == 302  # the portal waits for the code
    assert client.get(VERKLARING).status_code == 200


def test_item3_error_summary_links_every_invalid_field_and_fields_are_tied_to_their_message(
    login, medewerker
):
    pagina = login(medewerker).post(reverse("inburgering:contact"), {"naam": "Eva", "bellen": "on"})
    html = pagina.content.decode()
    samenvatting = re.search(r'<div[^>]*id="foutenoverzicht".*?</div>', html, re.S).group(0)
    assert 'role="alert"' in samenvatting and "autofocus" in samenvatting
    for veld in ("email", "telefoonnummer", "onderwerp", "bericht"):
        assert f'href="#id_{veld}"' in samenvatting, veld
        invoer = re.search(rf'<(?:input|textarea|select)[^>]*id="id_{veld}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in invoer and f"id_{veld}_error" in invoer, invoer
        assert f'id="id_{veld}_error"' in html


def test_item3_an_error_a_view_adds_after_validation_is_announced_at_its_field(client, settings):
    """The wrong activation code is added by the view after is_valid(): the field still gets aria-invalid."""
    settings.PIB_TWEE_FACTOR = True
    UserFactory(username="nieuw")
    client.post(reverse("login"), {"username": "nieuw", "password": "geheim-wachtwoord-123"})
    html = client.post(reverse("tweefactor"), {"activatiecode": "ABCD-EFGH-JKMN"}).content.decode()
    invoer = re.search(r'<input[^>]*id="id_activatiecode"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in invoer and "id_activatiecode_error" in invoer
    assert 'href="#id_activatiecode"' in html


class Voorbeeld(PibTable):
    bijschrift = "Voorbeeldpersonen"
    naam = tables.Column(verbose_name="Naam")
    datum = tables.Column(verbose_name="Datum")

    class Meta(PibTable.Meta):
        pass


def koppen(query: str) -> str:
    request = RequestFactory().get("/", query)
    table = Voorbeeld([{"naam": "Bakker", "datum": "1"}, {"naam": "Aydin", "datum": "2"}])
    RequestConfig(request).configure(table)
    return render_to_string(table.template_name, {"table": table, "request": request})


@pytest.mark.parametrize(
    ("query", "naam_sort", "naam_volgende"),
    [({}, None, "sorteer oplopend"), ({"sort": "naam"}, "ascending", "sorteer aflopend"),
     ({"sort": "-naam"}, "descending", "sortering opheffen")],
)  # fmt: skip
def test_item3_sortable_headers_say_their_sort_state_and_what_a_click_does(query, naam_sort, naam_volgende):
    html = koppen(query)
    naam, datum = re.findall(r"<th [^>]*>.*?</th>", html, re.S)
    assert (re.search(r'aria-sort="(\w+)"', naam) or [None, None])[1] == naam_sort
    assert f'<span class="pib-verborgen">, {naam_volgende}</span>' in naam
    assert "aria-sort" not in datum and ", sorteer oplopend</span>" in datum


def test_item3_shared_table_has_a_caption():
    assert '<caption class="pib-verborgen">Voorbeeldpersonen</caption>' in koppen({})
