"""Issue 9 item 6: "Selecteren signalen" to the letter of the manuals (seed 002 §3.6, seed 000 §3.6,
seed 001 §3.2.1): the column heads per law, "Printen" without JavaScript, sorting on the description."""

import re
from datetime import date

from django.contrib.staticfiles import finders
from django.urls import reverse

import pytest

from inburgering.constants import Wet
from inburgering.models import AuditActie, AuditEntry
from tests.factories import SignaalFactory

pytestmark = pytest.mark.django_db


def url(wet="wi2021"):
    return reverse("signalen:selecteren", kwargs={"wet": wet})


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def koppen(pagina: str) -> list[str]:
    """The visible text of each column head, in order (a checkbox head has none)."""
    thead = re.search(r"<thead.*?</thead>", pagina, re.S).group(0)
    cellen = re.findall(r"<th\b[^>]*>(.*?)</th>", thead, re.S)
    zichtbaar = [re.sub(r'<span class="pib-verborgen">.*?</span>', "", cel) for cel in cellen]  # sort hint
    return [re.sub(r"<[^>]+>|[▲▼]", "", cel).strip() for cel in zichtbaar]


def codes_in_volgorde(pagina: str) -> list[str]:
    tbody = re.search(r"<tbody.*?</tbody>", pagina, re.S).group(0)
    return re.findall(r">(SS\d{3})<", tbody)


WI2007_KOPPEN = ["Status signaal", "BSN", "A-Nummer", "Achternaam", "Code signaal", "Omschrijving signaal",
                 "Datum signaal"]  # fmt: skip
WI2013_KOPPEN = [
    "Status signaal",
    "BSN",
    "Achternaam",
    "Code signaal",
    "Omschrijving signaal",
    "Datum signaal",
]
# Seed 001 §3.2.1 also shows Doelgroep and Contactpersoon; PIB has no Wi2021 person data for them yet.
# S-03, with Doelgroep and Contactpersoon (issue 12).
WI2021_KOPPEN = [
    "Status",
    "BSN",
    "Achternaam",
    "Doelgroep",
    "Code",
    "Omschrijving",
    "Datum",
    "Contactpersoon",
]


@pytest.mark.parametrize(
    ("wet", "verwacht"),
    [("wi2007", WI2007_KOPPEN), ("wi2013", WI2013_KOPPEN), ("wi2021", WI2021_KOPPEN)],
)
def test_item6_column_heads_exactly_as_the_manual_per_law(login, raadpleger, wet, verwacht):
    pagina = html(login(raadpleger).get(url(wet), {"alle": "1"}))
    assert koppen(pagina) == verwacht


def test_item6_mutation_role_gets_the_checkbox_column_first(login, medewerker):
    pagina = html(login(medewerker).get(url("wi2013"), {"alle": "1"}))
    assert koppen(pagina) == ["", *WI2013_KOPPEN]
    assert 'name="alle_op_pagina"' in pagina


def test_item6_wi2007_shows_the_a_nummer(login, raadpleger, groningen):
    SignaalFactory(persoon__woongemeente=groningen, persoon__wet=Wet.WI2007, persoon__a_nummer="4020209358",
                   wet=Wet.WI2007, code="SS016")  # fmt: skip
    pagina = html(login(raadpleger).get(url("wi2007"), {"alle": "1"}))
    assert ">4020209358</td>" in pagina


@pytest.mark.parametrize("gebruiker", ["medewerker", "raadpleger"])
def test_item6_printen_is_a_link_that_works_without_javascript(login, request, groningen, gebruiker):
    SignaalFactory(persoon__woongemeente=groningen)
    pagina = html(login(request.getfixturevalue(gebruiker)).get(url(), {"alle": "1", "sort": "code"}))
    printen = re.search(r'<a [^>]*class="[^"]*pib-print[^"]*"[^>]*>Printen</a>', pagina)
    assert printen, "geen Printen-knop"
    assert 'href="?alle=1&amp;sort=code&amp;printen=1"' in printen.group(0)  # the same list, as print page
    assert "hidden" not in printen.group(0)  # visible without JavaScript
    assert "js/printen.js" in pagina and "<script>" not in pagina  # enhancement from a file (CSP)


def test_item6_print_page_has_no_navigation_forms_or_checkboxes(login, medewerker, groningen):
    SignaalFactory.create_batch(25, persoon__woongemeente=groningen, code="SS102")
    client = login(medewerker)
    voor = AuditEntry.objects.filter(actie=AuditActie.ZOEKEN).count()
    pagina = html(client.get(url(), {"alle": "1", "page": "2", "printen": "1"}))
    assert "<nav" not in pagina and "pib-header" not in pagina and "pib-footer" not in pagina
    assert "<form" not in pagina and 'type="checkbox"' not in pagina and "<button" not in pagina
    assert "Selecteren signalen WI2021" in pagina and "Pagina 2 van 2." in pagina
    assert len(codes_in_volgorde(pagina)) == 5  # the same page of the list
    assert koppen(pagina) == WI2021_KOPPEN
    assert 'href="?alle=1&amp;page=2">← Terug naar de lijst</a>' in pagina
    # Printing shows person data: recorded like the list itself.
    assert AuditEntry.objects.filter(actie=AuditActie.ZOEKEN).count() == voor + 1


def _print_regels() -> str:
    with open(finders.find("css/pib.css"), encoding="utf-8") as fh:
        css = fh.read()
    blokken = re.findall(r"@media print\s*\{(.*?)\}\s*\}", css, re.S)
    assert len(blokken) == 1, "één plek voor de printregels"
    return blokken[0]


def test_item6_print_stylesheet_hides_navigation_forms_and_checkboxes(login, medewerker, groningen):
    regels = _print_regels()
    verborgen = re.search(r"([^{}]+)\{\s*display:\s*none\s*!important;\s*\}", regels)
    assert verborgen, regels
    selectors = {s.strip() for s in verborgen.group(1).split(",")}
    for selector in (".pib-nav", ".pib-header", ".pib-footer", ".pib-breadcrumb", ".pib-gemeente-keuze",
                     ".pib-actions", ".pib-paginering", ".pib-print", 'input[type="checkbox"]',
                     '[data-kolom="selectie"]'):  # fmt: skip
        assert selector in selectors, selector
    # The checkbox column carries the marker the stylesheet hides, head and cells alike.
    SignaalFactory(persoon__woongemeente=groningen)
    pagina = html(login(medewerker).get(url(), {"alle": "1"}))
    assert pagina.count('data-kolom="selectie"') == 2
    # The enhancement prints this page instead of following the link.
    with open(finders.find("js/printen.js"), encoding="utf-8") as fh:
        script = fh.read()
    assert "preventDefault" in script and "window.print()" in script


@pytest.fixture
def drie_signalen(groningen):
    """Code order SS101 < SS102 < SS103; text order: Inburgeringstermijn (SS102) < Persoon (SS101) < Termijn (SS103)."""
    for code, dag in (("SS101", 3), ("SS102", 1), ("SS103", 2)):
        SignaalFactory(persoon__woongemeente=groningen, code=code, datum=date(2026, 3, dag))


def test_item6_sorting_on_omschrijving_follows_the_text_not_the_code(login, raadpleger, drie_signalen):
    client = login(raadpleger)
    assert codes_in_volgorde(html(client.get(url(), {"alle": "1", "sort": "code"}))) == [
        "SS101",
        "SS102",
        "SS103",
    ]
    oplopend = html(client.get(url(), {"alle": "1", "sort": "omschrijving"}))
    assert codes_in_volgorde(oplopend) == ["SS102", "SS101", "SS103"]
    assert 'href="?alle=1&amp;sort=-omschrijving"' in oplopend  # second click: descending
    aflopend = html(client.get(url(), {"alle": "1", "sort": "-omschrijving"}))
    assert codes_in_volgorde(aflopend) == ["SS103", "SS101", "SS102"]


def test_item6_sorting_on_omschrijving_per_law(login, raadpleger, groningen):
    # Wi2013: SS606 "Inburgeringsplicht …" sorts before SS601 "Persoon is PVT-plichtig".
    for code in ("SS601", "SS606"):
        SignaalFactory(persoon__woongemeente=groningen, persoon__wet=Wet.WI2013, wet=Wet.WI2013, code=code)
    pagina = html(login(raadpleger).get(url("wi2013"), {"alle": "1", "sort": "omschrijving"}))
    assert codes_in_volgorde(pagina) == ["SS606", "SS601"]


@pytest.mark.parametrize("extra", [{"sort": "omschrijving"}, {"sort": "-omschrijving", "printen": "1"}])
def test_item6_query_count_does_not_grow_with_the_signals(
    login, medewerker, groningen, django_assert_max_num_queries, extra
):
    client = login(medewerker)
    SignaalFactory.create_batch(3, persoon__woongemeente=groningen, code="SS102")
    with django_assert_max_num_queries(12) as weinig:
        html(client.get(url(), {"alle": "1", **extra}))
    for code in ("SS101", "SS103", "SS104", "SS106"):
        SignaalFactory.create_batch(15, persoon__woongemeente=groningen, code=code)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        pagina = html(client.get(url(), {"alle": "1", **extra}))
    assert len(codes_in_volgorde(pagina)) == 20
