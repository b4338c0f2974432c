"""S-2…S-6: the signal pages per law, scoped to the active gemeente and the roles held there."""

import re
from datetime import date, timedelta

from django.urls import reverse

import pytest

from inburgering.constants import Rol, Wet
from signalen.models import Signaal
from signalen.workflow import Status
from tests.factories import SignaalFactory, UserFactory
from tests.zoeken import zoek

pytestmark = pytest.mark.django_db


def url(naam, wet="wi2021"):
    return reverse(f"signalen:{naam}", kwargs={"wet": wet})


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def rij_bsns(pagina: str) -> list[str]:
    return re.findall(r'<td class="utrecht-table__cell" >(?:<a [^>]*>)?(\d{9})', pagina)


@pytest.fixture
def signalen(groningen, almere):
    """Three open and one closed Wi2021 signal in Groningen, plus noise elsewhere."""
    maak = SignaalFactory
    result = [
        maak(persoon__woongemeente=groningen, persoon__achternaam="Bakker", code="SS101", datum=date(2026, 3, 1)),
        maak(persoon__woongemeente=groningen, persoon__achternaam="Aydin", code="SS126", datum=date(2026, 1, 1),
             status=Status.IN_BEHANDELING),
        maak(persoon__woongemeente=groningen, persoon__achternaam="Celik", code="SS102", datum=date(2026, 2, 1)),
        maak(persoon__woongemeente=groningen, persoon__achternaam="Dekker", code="SS120", datum=date(2026, 4, 1),
             status=Status.AFGEHANDELD),
    ]  # fmt: skip
    maak(persoon__woongemeente=almere, persoon__achternaam="Elders")  # other gemeente
    maak(persoon__woongemeente=groningen, persoon__wet=Wet.WI2013, wet=Wet.WI2013, code="SS601")  # other law
    return result


def test_s3_open_count_and_links(login, medewerker, signalen):
    pagina = html(login(medewerker).get(url("zoeken")))
    assert "Zoeken signalen WI2021" in pagina
    assert "Er zijn <strong>3</strong> signalen voor uw gemeente die nog niet afgehandeld zijn." in pagina
    assert f"{url('selecteren')}?open=1" in pagina and "Toon deze signalen." in pagina
    assert "Toon alle signalen" in pagina and url("download") in pagina
    for label in ("Burgerservicenummer", "Datum signaal vanaf", "Datum signaal tot en met", "Code signaal",
                  "Status signaal"):  # fmt: skip
        assert label in pagina


def test_s3_criteria_per_law(login, medewerker):
    client = login(medewerker)
    wi2007 = html(client.get(url("zoeken", "wi2007")))  # seed 002 §3.5
    assert "A-Nummer" in wi2007 and "Datum vanaf" in wi2007 and "Datum tot en met" in wi2007
    wi2013 = html(client.get(url("zoeken", "wi2013")))
    # Issue 9 item 4: seed 000 §3.5 has a single "Datum t/m".
    assert "Datum t/m" in wi2013 and "Datum vanaf" not in wi2013 and "tot en met" not in wi2013


def test_s3_at_least_one_criterion(login, medewerker, signalen):
    pagina = html(zoek(login(medewerker), url("zoeken"), {"bsn": "", "code": ""}))
    assert "Vul ten minste een van de onderstaande velden in." in pagina
    assert "utrecht-alert" in pagina


def test_s3_invalid_input_is_reported_and_kept(login, medewerker, signalen):
    pagina = html(zoek(login(medewerker), url("zoeken"), {"bsn": "123456789", "datum_vanaf": "31-02-2026"}))
    assert "BSN is ongeldig" in pagina
    assert 'value="123456789"' in pagina and 'value="31-02-2026"' in pagina


def test_s3_toon_deze_signalen_lists_open_ones(login, medewerker, signalen):
    pagina = html(login(medewerker).get(url("selecteren"), {"open": "1"}))
    assert "Er zijn <strong>3</strong> signalen gevonden." in pagina
    assert "Dekker" not in pagina and "Elders" not in pagina


def test_s3_toon_alle_signalen(login, medewerker, signalen):
    pagina = html(login(medewerker).get(url("selecteren"), {"alle": "1"}))
    assert "Er zijn <strong>4</strong> signalen gevonden." in pagina
    assert "Elders" not in pagina  # never another gemeente's
    assert "SS601" not in pagina  # only this law


def test_s3_filters(login, medewerker, signalen):
    client = login(medewerker)
    pagina = html(zoek(client, url("zoeken"), {"bsn": signalen[0].persoon.bsn}))
    assert rij_bsns(pagina) == [signalen[0].persoon.bsn]
    pagina = html(zoek(client, url("zoeken"), {"datum_vanaf": "01-02-2026", "datum_tm": "01-03-2026"}))
    assert set(rij_bsns(pagina)) == {signalen[0].persoon.bsn, signalen[2].persoon.bsn}
    pagina = html(zoek(client, url("zoeken"), {"status": Status.IN_BEHANDELING}))
    assert rij_bsns(pagina) == [signalen[1].persoon.bsn]
    pagina = html(zoek(client, url("zoeken"), {"code": "SS126"}))
    assert rij_bsns(pagina) == [signalen[1].persoon.bsn]


def test_s4_columns_and_default_order(login, medewerker, signalen):
    pagina = html(login(medewerker).get(url("selecteren"), {"alle": "1"}))
    for kop in ("Status", "BSN", "Achternaam", "Code", "Omschrijving", "Datum"):
        assert f">{kop}" in pagina
    assert "Persoon is inburgeringsplichtig" in pagina and "01-03-2026" in pagina
    # Unsorted: newest first.
    assert rij_bsns(pagina) == [signalen[i].persoon.bsn for i in (3, 0, 2, 1)]


def test_s4_three_click_sort_cycle(login, medewerker, signalen):
    client = login(medewerker)
    onbepaald = html(client.get(url("selecteren"), {"alle": "1"}))
    assert 'href="?alle=1&amp;sort=achternaam"' in onbepaald  # first click: ascending

    oplopend = html(client.get(url("selecteren"), {"alle": "1", "sort": "achternaam"}))
    assert rij_bsns(oplopend) == [
        signalen[i].persoon.bsn for i in (1, 0, 2, 3)
    ]  # Aydin, Bakker, Celik, Dekker
    assert 'href="?alle=1&amp;sort=-achternaam"' in oplopend  # second click: descending

    aflopend = html(client.get(url("selecteren"), {"alle": "1", "sort": "-achternaam"}))
    assert rij_bsns(aflopend) == [signalen[i].persoon.bsn for i in (3, 2, 0, 1)]
    assert 'href="?alle=1">Achternaam' in aflopend  # third click: the sorting is dropped


def test_s4_pagination(login, medewerker, groningen):
    SignaalFactory.create_batch(25, persoon__woongemeente=groningen)
    client = login(medewerker)
    eerste = html(client.get(url("selecteren"), {"alle": "1"}))
    assert (
        len(rij_bsns(eerste)) == 20 and "Pagina 1 van 2" in eerste and "Er zijn <strong>25</strong>" in eerste
    )
    tweede = html(client.get(url("selecteren"), {"alle": "1", "page": "2"}))
    assert len(rij_bsns(tweede)) == 5


@pytest.mark.parametrize(
    "sort", ["", "achternaam", "-achternaam", "bsn", "-datum", "doelgroep", "-contactpersoon"]
)
def test_issue15_a_deep_page_reads_its_keys_first_and_shows_the_same_rows(
    login, medewerker, groningen, monkeypatch, django_assert_max_num_queries, sort
):
    """Issue 15: from BegrensdePaginator.DIEP rows on, a page reads its keys in order first and then its rows
    by key (an OFFSET made PostgreSQL compute the per-row columns of every skipped row). Same rows, same
    order, as one query gives; page 1 still reads directly."""
    from inburgering.tables import BegrensdePaginator

    SignaalFactory.create_batch(45, persoon__woongemeente=groningen)
    client = login(medewerker)
    params = {"alle": "1", **({"sort": sort} if sort else {})}
    verwacht = [rij_bsns(html(client.get(url("selecteren"), {**params, "page": n}))) for n in (1, 2, 3)]
    monkeypatch.setattr(BegrensdePaginator, "DIEP", 20)  # pages 2 and 3 now take the key path
    tweede = rij_bsns(html(client.get(url("selecteren"), {**params, "page": 2})))
    with django_assert_max_num_queries(12) as queries:
        derde = rij_bsns(html(client.get(url("selecteren"), {**params, "page": 3})))
    assert [tweede, derde] == verwacht[1:] and [len(rijen) for rijen in verwacht] == [20, 20, 5]
    overgeslagen = [q["sql"] for q in queries.captured_queries if "OFFSET 40" in q["sql"]]
    assert overgeslagen and all('"signalen_signaal"."code"' not in sql for sql in overgeslagen), overgeslagen


@pytest.mark.parametrize(
    "sort", ["doelgroep", "-doelgroep", "contactpersoon", "-contactpersoon", "omschrijving"]
)
def test_issue15_a_page_sorted_on_a_computed_column_sorts_the_keys_without_the_person(
    login, medewerker, groningen, django_assert_max_num_queries, sort
):
    """Issue 15: sorted on a computed column (a subquery per row) no index gives the order, so every signal of
    the gemeente is sorted; its keys come first, from the signal table alone (at a million persons the join
    of the person's columns for each of those rows took half of the 100 ms). Page 1 shows the same rows in
    the same order as the one-query read of the deep pages' test above."""
    SignaalFactory.create_batch(25, persoon__woongemeente=groningen)
    client = login(medewerker)
    params = {"alle": "1", "sort": sort}
    with django_assert_max_num_queries(12) as queries:
        eerste = rij_bsns(html(client.get(url("selecteren"), params)))
    # Read now: the next request resets the connection's query log that `captured_queries` slices.
    gesorteerd = [
        q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"] and "LIMIT 20" in q["sql"]
    ]
    tweede = rij_bsns(html(client.get(url("selecteren"), {**params, "page": 2})))
    assert len(eerste) == 20 and len(tweede) == 5 and not set(eerste) & set(tweede)
    assert len(gesorteerd) == 1, gesorteerd
    assert 'JOIN "inburgering_persoon"' not in gesorteerd[0], gesorteerd[0]


def test_item11_wi2007_pages_hold_10(login, medewerker, groningen):
    """Seed 002 §3.6: the Wi2007 signal list shows 10 rows a page (the other laws 20)."""
    SignaalFactory.create_batch(12, persoon__woongemeente=groningen, persoon__wet=Wet.WI2007, wet=Wet.WI2007,
                                code="SS001")  # fmt: skip
    client = login(medewerker)
    eerste = html(client.get(url("selecteren", "wi2007"), {"alle": "1"}))
    assert len(rij_bsns(eerste)) == 10 and "Pagina 1 van 2" in eerste
    assert len(rij_bsns(html(client.get(url("selecteren", "wi2007"), {"alle": "1", "page": "2"})))) == 2


def test_s4_first_page_queries_are_constant(login, medewerker, groningen, django_assert_max_num_queries):
    client = login(medewerker)
    SignaalFactory.create_batch(5, persoon__woongemeente=groningen)
    with django_assert_max_num_queries(12) as weinig:
        html(client.get(url("selecteren"), {"alle": "1", "sort": "achternaam"}))
    SignaalFactory.create_batch(60, persoon__woongemeente=groningen)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        html(client.get(url("selecteren"), {"alle": "1", "sort": "achternaam"}))


def test_s4_count_is_bounded(login, medewerker, groningen, monkeypatch):
    from inburgering.tables import BegrensdePaginator

    monkeypatch.setattr(BegrensdePaginator, "GRENS", 10)
    SignaalFactory.create_batch(12, persoon__woongemeente=groningen)
    pagina = html(login(medewerker).get(url("selecteren"), {"alle": "1"}))
    assert "Er zijn meer dan <strong>10</strong> signalen gevonden" in pagina


def test_s5_mut_role_changes_selected_signals(login, medewerker, signalen):
    client = login(medewerker)
    lijst = f"{url('selecteren')}?alle=1"
    pagina = html(client.get(lijst))
    assert 'name="signaal"' in pagina and ">In behandeling</button>" in pagina
    response = client.post(lijst, {"signaal": [signalen[0].id, signalen[2].id], "status": Status.AFGEHANDELD})
    assert response.status_code == 302 and response["Location"] == lijst
    assert set(Signaal.objects.filter(status=Status.AFGEHANDELD).values_list("id", flat=True)) == {
        signalen[0].id, signalen[2].id, signalen[3].id,
    }  # fmt: skip
    assert "De status van 2 signalen is gewijzigd in &#x27;Afgehandeld&#x27;." in html(client.get(lijst))


def test_s5_select_all_on_page_without_javascript(login, medewerker, signalen):
    client = login(medewerker)
    op_pagina = [s.id for s in signalen]
    client.post(f'{url("selecteren")}?alle=1',
                {"alle_op_pagina": "1", "op_pagina": op_pagina, "status": Status.IN_BEHANDELING})  # fmt: skip
    assert set(Signaal.objects.filter(id__in=op_pagina).values_list("status", flat=True)) == {
        Status.IN_BEHANDELING
    }


def test_s5_nothing_selected_is_a_clear_message(login, medewerker, signalen):
    client = login(medewerker)
    response = client.post(f"{url('selecteren')}?alle=1", {"status": Status.AFGEHANDELD}, follow=True)
    assert "Selecteer ten minste één signaal." in html(response)


def test_s5_read_role_sees_no_checkboxes_and_is_refused(login, raadpleger, signalen):
    client = login(raadpleger)
    pagina = html(client.get(url("selecteren"), {"alle": "1"}))
    assert 'name="signaal"' not in pagina and "Afgehandeld</button>" not in pagina
    response = client.post(
        f"{url('selecteren')}?alle=1", {"signaal": [signalen[0].id], "status": "afgehandeld"}
    )
    assert response.status_code == 403
    assert Signaal.objects.get(id=signalen[0].id).status == Status.NIEUW


def test_s5_wi2007_is_read_only_for_everyone(login, medewerker, groningen):
    signaal = SignaalFactory(
        persoon__woongemeente=groningen, persoon__wet=Wet.WI2007, wet=Wet.WI2007, code="SS001"
    )
    client = login(medewerker)
    assert 'name="signaal"' not in html(client.get(url("selecteren", "wi2007"), {"alle": "1"}))
    assert client.post(f'{url("selecteren", "wi2007")}?alle=1',
                       {"signaal": [signaal.id], "status": "afgehandeld"}).status_code == 403  # fmt: skip


def test_roles_decide_which_laws_are_reachable(login, groningen):
    client = login(UserFactory(rollen={groningen: [Rol.WI2013]}))
    assert client.get(url("zoeken", "wi2021")).status_code == 403
    assert client.get(url("zoeken", "wi2013")).status_code == 200
    assert client.get(url("zoeken", "wi1999")).status_code == 404


def test_s2_navigation_counts_open_signals_of_the_active_gemeente(login, helpdesk, signalen):
    client = login(helpdesk)
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0014"})
    pagina = html(client.get(reverse("inburgering:start")))
    assert re.search(r"Signalen 2021 <span class=\"pib-teller\"[^>]*>3</span>", pagina)
    assert re.search(r"Signalen 2013 <span class=\"pib-teller\"[^>]*>1</span>", pagina)
    client.post(reverse("inburgering:gemeente_kiezen"), {"gemeente": "0034"})
    pagina = html(client.get(reverse("inburgering:start")))
    assert re.search(r"Signalen 2021 <span class=\"pib-teller\"[^>]*>1</span>", pagina)


def test_s2_navigation_shows_only_readable_laws(login, groningen):
    pagina = html(login(UserFactory(rollen={groningen: [Rol.WI2007]})).get(reverse("inburgering:start")))
    assert "Signalen 2007" in pagina and "Signalen 2021" not in pagina


def test_bsn_links_to_the_person_screen_of_that_law(login, medewerker, groningen):
    # wi2021/apps.py registers the overview (S-18) as the Wi2021 person page.
    signaal = SignaalFactory(persoon__woongemeente=groningen)
    pagina = html(login(medewerker).get(url("selecteren"), {"alle": "1"}))
    assert f'href="/wi2021/personen/{signaal.persoon.pk}/">{signaal.persoon.bsn}</a>' in pagina


def test_datum_filter_accepts_only_dates(login, medewerker):
    pagina = html(zoek(login(medewerker), url("zoeken"), {"datum_tm": "gisteren"}))
    assert "Voer een geldige datum in." in pagina
    assert 'role="alert"><p class="utrecht-paragraph">Vul ten minste' not in pagina  # a typed field counts


def test_datum_range_order(login, medewerker):
    vandaag = date.today()
    pagina = html(zoek(login(medewerker), url("zoeken"), {
        "datum_vanaf": vandaag.strftime("%d-%m-%Y"), "datum_tm": (vandaag - timedelta(days=1)).strftime("%d-%m-%Y"),
    }))  # fmt: skip
    assert "De datum tot en met ligt voor de datum vanaf." in pagina


def test_a8_viewing_the_signal_list_is_audited(login, medewerker, signalen):
    from inburgering.models import AuditActie, AuditEntry

    zoek(login(medewerker), url("zoeken"), {"bsn": signalen[0].persoon.bsn})
    entry = AuditEntry.objects.get(actie=AuditActie.ZOEKEN)
    assert entry.bsn == signalen[0].persoon.bsn and entry.omschrijving == "Selecteren signalen WI2021"


def test_s2_counter_is_cached_and_dropped_when_a_status_changes(login, medewerker, signalen, groningen):
    from signalen.services import signalen_status_wijzigen

    client = login(medewerker)
    teller = re.compile(r"Signalen 2021 <span class=\"pib-teller\"[^>]*>(\d+)</span>")
    assert teller.search(html(client.get(reverse("inburgering:start")))).group(1) == "3"
    SignaalFactory.create_batch(2, persoon__woongemeente=groningen)  # behind the services' back: cache holds
    assert teller.search(html(client.get(reverse("inburgering:start")))).group(1) == "3"
    signalen_status_wijzigen(actor=medewerker, gemeente=groningen, wet=Wet.WI2021, ids=[signalen[0].id],
                             status=Status.AFGEHANDELD)  # fmt: skip
    assert teller.search(html(client.get(reverse("inburgering:start")))).group(1) == "4"  # 5 open − 1 closed


def test_item8_bulk_status_ids_are_parsed_with_a_dutch_error(login, medewerker, signalen):
    """'²³' passes str.isdigit but not int(); 25 digits overflow the id column: both were a 500."""
    client = login(medewerker)
    lijst = f"{url('selecteren')}?alle=1"
    for ids in (["²³"], ["9" * 25], [str(signalen[0].id), "-1"]):
        response = client.post(lijst, {"signaal": ids, "status": Status.AFGEHANDELD}, follow=True)
        assert "De selectie bevat een ongeldig signaalnummer." in html(response)
    assert Signaal.objects.get(id=signalen[0].id).status == Status.NIEUW


def test_item10_ids_of_another_gemeente_or_unknown_are_reported_not_found(
    login, medewerker, signalen, almere
):
    client = login(medewerker)
    lijst = f"{url('selecteren')}?alle=1"
    elders = SignaalFactory(persoon__woongemeente=almere)
    afgehandeld = signalen[3]  # already has the status
    ids = [signalen[0].id, afgehandeld.id, elders.id, 10**12]
    pagina = html(client.post(lijst, {"signaal": ids, "status": Status.AFGEHANDELD}, follow=True))
    assert (
        "De status van 1 signaal is gewijzigd in &#x27;Afgehandeld&#x27;. 1 signaal had die status al. "
        "2 signalen zijn niet gevonden." in pagina
    )
    assert Signaal.objects.get(id=elders.id).status == Status.NIEUW
    pagina = html(client.post(lijst, {"signaal": [elders.id], "status": Status.AFGEHANDELD}, follow=True))
    assert "1 signaal is niet gevonden." in pagina and "status al" not in pagina


def test_item8_list_parameters_are_bounded(login, medewerker, groningen, monkeypatch):
    """per_page clamped to 1..100, garbage → defaults, a page past the end → the last page; never a 500."""
    from inburgering.tables import PibTable

    monkeypatch.setattr(PibTable, "PER_PAGINA_MAX", 30)  # the bound of 100, without creating 100 rows
    SignaalFactory.create_batch(45, persoon__woongemeente=groningen)
    client = login(medewerker)

    def rijen(**params) -> int:
        return len(rij_bsns(html(client.get(url("selecteren"), {"alle": "1", **params}))))

    assert rijen(per_page="-1") == 1
    assert rijen(per_page="0") == 1
    assert rijen(per_page="100000") == 30
    assert rijen(per_page="abc") == rijen(per_page="²³") == 20  # the default
    assert "Pagina 3 van 3" in html(client.get(url("selecteren"), {"alle": "1", "page": "99999"}))
    assert "Pagina 1 van 3" in html(client.get(url("selecteren"), {"alle": "1", "page": "-1"}))
    assert "Pagina 1 van 3" in html(client.get(url("selecteren"), {"alle": "1", "page": "abc"}))
    standaard = rij_bsns(html(client.get(url("selecteren"), {"alle": "1"})))
    assert rij_bsns(html(client.get(url("selecteren"), {"alle": "1", "sort": "onbekend"}))) == standaard


def test_item8_dates_before_1900_are_refused_with_the_date_message(login, medewerker):
    client = login(medewerker)
    pagina = html(client.post(url("zoeken"), {"datum_vanaf": "01-01-1899"}, follow=True))
    assert "Voer een geldige datum in." in pagina and 'value="01-01-1899"' in pagina
    pagina = html(client.post(url("zoeken"), {"datum_vanaf": "01-01-1900"}, follow=True))
    assert "Voer een geldige datum in." not in pagina


def test_raadplegen_from_an_old_gemeente_lists_its_signals_of_the_person(
    login, medewerker, groningen, almere
):
    """B-5 "Raadplegen" for a person who moved away: the old gemeente still sees its own signals of them
    (SS122 / SS614), not a 404; a gemeente without any signal of the person still gets 404."""
    from tests.factories import PersoonFactory

    persoon = PersoonFactory(wet=Wet.WI2021, woongemeente=almere)
    SignaalFactory(persoon=persoon, wet=Wet.WI2021, code="SS122", gemeente=groningen)
    client = login(medewerker)
    pagina = html(client.get(url("selecteren"), {"persoon": persoon.pk}))
    assert persoon.bsn in pagina and "SS122" in pagina
    assert client.get(url("selecteren", "wi2013"), {"persoon": persoon.pk}).status_code == 404
