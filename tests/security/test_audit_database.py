"""Issue 8 item 7 (database half): TRUNCATE cannot empty the audit trail, and the application's role
(not the owner of the tables) can only read and add to it."""

import uuid
from contextlib import contextmanager

from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

import pytest

from inburgering.models import AuditActie, AuditEntry, Gemeente

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the trigger and the database roles exist on PostgreSQL only",
    ),
]
assert AuditEntry._meta.db_table == "inburgering_auditentry"


@pytest.fixture
def app_role():
    """A role like production's pib_app, created inside the test's transaction (so it vanishes with it)."""
    role = f"pib_ci_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN')
    call_command("grant_app_role", role, verbosity=0)
    return role


@contextmanager
def als(role: str):
    """The block runs with the role's privileges; on an error the savepoint takes the SET ROLE back too."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
        yield
        with connection.cursor() as cursor:
            cursor.execute("RESET ROLE")


def execute_as(role: str, sql: str, params=None):
    with als(role), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_item8_7_truncate_of_the_audit_trail_is_refused():
    AuditEntry.objects.create(gebruiker="x", actie=AuditActie.BEKIJKEN)
    with (
        pytest.raises(DatabaseError, match="TRUNCATE geweigerd"),
        transaction.atomic(),
        connection.cursor() as c,
    ):
        c.execute("TRUNCATE inburgering_auditentry")
    assert AuditEntry.objects.count() == 1


def test_item8_7_app_role_can_only_read_and_add_to_the_audit_trail(app_role):
    entry = AuditEntry.objects.create(gebruiker="x", actie=AuditActie.BEKIJKEN)
    for sql in (
        "UPDATE inburgering_auditentry SET gebruiker = 'y' WHERE id = %s",
        "DELETE FROM inburgering_auditentry WHERE id = %s",
        "TRUNCATE inburgering_auditentry",
        "ALTER TABLE inburgering_auditentry DISABLE TRIGGER inburgering_auditentry_append_only",
        "ALTER TABLE inburgering_auditentry DISABLE TRIGGER ALL",
        "DROP TRIGGER inburgering_auditentry_no_truncate ON inburgering_auditentry",
    ):
        with pytest.raises(DatabaseError, match="permission denied|must be owner"):
            execute_as(app_role, sql, [entry.pk] if "%s" in sql else None)
    with als(app_role):
        AuditEntry.objects.create(gebruiker="app", actie=AuditActie.BEKIJKEN)
        assert sorted(AuditEntry.objects.values_list("gebruiker", flat=True)) == ["app", "x"]
    assert AuditEntry.objects.get(pk=entry.pk).gebruiker == "x"


def test_item8_7_app_role_reads_and_writes_the_other_tables(app_role):
    gemeente = Gemeente.objects.create(code="0014", naam="Groningen")
    with als(app_role):
        Gemeente.objects.filter(pk=gemeente.pk).update(naam="Groningen (gem.)")
        Gemeente.objects.create(code="0034", naam="Almere")
        with connection.cursor() as cursor:  # plain SQL: no cascade collection over the other apps
            cursor.execute("DELETE FROM inburgering_gemeente WHERE code = '0034'")
    gemeente.refresh_from_db()
    assert gemeente.naam == "Groningen (gem.)" and not Gemeente.objects.filter(code="0034").exists()


def test_item8_7_grant_refuses_the_owner_as_app_role():
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        eigenaar = cursor.fetchone()[0]
    with pytest.raises(Exception, match="andere rol"):
        call_command("grant_app_role", eigenaar, verbosity=0)
