import io
import os
import shutil

from django.core.management import call_command
from django.db import transaction

import pytest

from inburgering.constants import Rol
from tests.factories import GemeenteFactory, UserFactory


def _flush_past_the_audit_trigger():
    """Transactional tests (live server, real worker) end with Django's flush, one TRUNCATE of every table,
    which the audit trail refuses on PostgreSQL (issue 8 item 7). Test teardown alone sets triggers aside
    for that one transaction (replica mode; the test database's superuser may)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    leeg_maken = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        return leeg_maken(self, ["SET LOCAL session_replication_role = replica", *sql_list])

    DatabaseOperations.execute_sql_flush = execute_sql_flush


_flush_past_the_audit_trigger()


def services_required() -> bool:
    return os.environ.get("PIB_REQUIRE_SERVICES") == "1"


def skip_or_fail(reason: str):
    """Skip a test that needs a missing service, except in CI where the service is mandatory."""
    if services_required():
        pytest.fail(f"PIB_REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _lege_cache():
    """Cached counts must not travel from one test to the next (ids repeat across rolled-back tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def gedeelde_demo(request, django_db_setup, django_db_blocker):
    """One `seed_demo` for all tests of a module (`GEDEELDE_DEMO = (persons, seed)` in the module): each
    test runs in a savepoint inside this transaction, so it sees the demo and changes nothing for the next;
    the whole demo is rolled back after the module. Returns the command's output. Seeding takes most of
    a demo test's time, and the demo tests read the same data set several times."""
    persons, seed = request.module.GEDEELDE_DEMO
    with django_db_blocker.unblock():
        buiten = transaction.atomic()
        buiten.__enter__()
        try:
            uit = io.StringIO()
            call_command("seed_demo", persons=persons, seed=seed, stdout=uit, stderr=io.StringIO())
            yield uit.getvalue()
        finally:
            transaction.set_rollback(True)
            buiten.__exit__(None, None, None)


@pytest.fixture
def groningen(db):
    return GemeenteFactory(code="0014", naam="Groningen")


@pytest.fixture
def almere(db):
    return GemeenteFactory(code="0034", naam="Almere")


@pytest.fixture
def medewerker(groningen):
    return UserFactory(username="medewerker", rollen={groningen: list(Rol.values)})


@pytest.fixture
def raadpleger(groningen):
    return UserFactory(username="raadpleger", rollen={groningen: [Rol.WI2007, Rol.WI2013, Rol.WI2021]})


@pytest.fixture
def helpdesk(db):
    return UserFactory(username="helpdesk", rollen={None: list(Rol.values)})


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
