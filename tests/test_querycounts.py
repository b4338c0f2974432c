"""Issue 15: every main page that `make bench` measures (scripts/bench.py `paginas`) costs at most 12 queries,
and the same number with a small and a five times larger demo data set: a page must not grow with the data.

One demo data set (seed_demo) per module, grown in the middle: the pages are fetched, the data grows, the
same pages are fetched again for the same gemeente (the one with most residents, Groningen in the demo)."""

import importlib.util
from pathlib import Path

from django.core.management import call_command
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

MAX_QUERIES = 12
# Fixed ceilings instead of "no more than with less data": a person search answers 0 / 1 / many (one result
# opens the person): with little data a criterion may find one person, so its count there is not the list's;
# the list's counts are those of docs/performance.md.
PLAFOND = {
    "Zoeken personen wi2007 geslacht V": 6,
    "Zoeken personen wi2013 PVT-plichtig": 6,
    "Zoeken personen wi2013 geen factuur": 6,
    "Zoeken personen wi2021 asiel, PIP niet doorgegeven": 7,
}
KLEIN, GROOT = 150, 450


def _bench():
    pad = Path(__file__).resolve().parent.parent / "scripts" / "bench.py"
    spec = importlib.util.spec_from_file_location("pib_bench", pad)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _pagina(client: Client, code: str, pad: str, zoek: dict | None):
    """A logged-in client on gemeente `code` and the URL to GET (a search's criteria are POSTed first)."""
    client.post("/gemeente/kiezen/", {"gemeente": code})
    if zoek is not None:
        antwoord = client.post(pad, zoek)
        assert antwoord.status_code in (302, 303), (pad, antwoord.status_code)
        pad = antwoord["Location"]
    client.get(pad)  # the first GET warms the session and the cached counters
    return pad


def _get(client: Client, pad: str):
    response = client.get(pad)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    # A BSN search answers with a redirect to the person: that GET is the search itself.
    assert response.status_code in (200, 302), (pad, response.status_code)
    return response


@pytest.fixture(scope="module")
def gegroeid(django_db_setup, django_db_blocker):
    """The query count of every page with KLEIN demo persons; then the data grows to GROOT persons."""
    from django.db import connection

    from inburgering.models import Persoon

    with django_db_blocker.unblock():
        try:
            call_command("seed_demo", persons=KLEIN, seed=15)
            code = bench.kind_info()["gemeente"]
            user = bench.bench_gebruiker(code)
            klein = {}
            for naam, pad, zoek in bench.paginas(code):
                client = Client(HTTP_HOST="localhost")
                client.force_login(user)
                pad = _pagina(client, code, pad, zoek)
                with CaptureQueriesContext(connection) as ctx:
                    _get(client, pad)
                klein[naam] = len(ctx.captured_queries)
            call_command("seed_demo", persons=GROOT, seed=15)
            assert Persoon.objects.count() >= GROOT
            yield code, user, klein
        finally:
            call_command("flush", "--noinput", verbosity=0)


def test_query_count_bench_pages_at_most_12_and_constant_in_data_size(
    gegroeid, db, django_assert_max_num_queries
):
    code, user, klein = gegroeid
    paginas = bench.paginas(code)
    namen = {naam for naam, _, _ in paginas}
    assert namen == set(klein)
    # Every kind of page of the benchmark is here: the person screens and searches of each law too.
    for verwacht in ("Start", "Downloaden bestanden", "Persoon wi2007", "Persoon wi2013", "Persoon wi2021 overzicht",
                     "Zoeken personen wi2013 PVT-plichtig", "Selecteren signalen wi2021 alle sort=achternaam",
                     "Zoeken personen wi2021 BSN", "Signalen van één persoon wi2021"):  # fmt: skip
        assert verwacht in namen
    fouten = []
    for naam, pad, zoek in paginas:
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        pad = _pagina(client, code, pad, zoek)
        # At most 12, and no more than with five times less data.
        try:
            with django_assert_max_num_queries(PLAFOND.get(naam) or min(MAX_QUERIES, klein[naam])):
                _get(client, pad)
        except pytest.fail.Exception as fout:
            fouten.append(f"{naam} ({klein[naam]} queries met {KLEIN} personen): {str(fout)[:1500]}")
    assert not fouten, "\n\n".join(fouten)
