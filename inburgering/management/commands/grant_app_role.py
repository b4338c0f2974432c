"""Issue 8 item 7: the application's database role may read and write every table, but only read and add
to the audit trail. Run by the owner of the tables (manage.py connects with DATABASE_MIGRATE_URL), after
`migrate`; idempotent. Tables that later migrations create get the same rights by default privileges."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from psycopg import sql

from inburgering.models import AuditEntry

GRANTS = """
GRANT USAGE ON SCHEMA {schema} TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role};
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role};
ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {role};
REVOKE ALL ON {audit} FROM {role};
GRANT SELECT, INSERT ON {audit} TO {role};
"""
# The role could still empty or change the trail, or switch its trigger off, if any of these held.
CHECKS = """
SELECT r.rolsuper OR r.rolbypassrls AS superuser,
       pg_has_role(%(role)s, c.relowner, 'MEMBER') AS owner,
       has_table_privilege(%(role)s, c.oid, 'UPDATE')
       OR has_table_privilege(%(role)s, c.oid, 'DELETE')
       OR has_table_privilege(%(role)s, c.oid, 'TRUNCATE') AS may_change
FROM pg_class c, pg_roles r
WHERE c.oid = %(table)s::regclass AND r.rolname = %(role)s
"""


class Command(BaseCommand):
    help = "Geeft de databaserol van de applicatie haar rechten; de audit trail alleen lezen en aanvullen."

    def add_arguments(self, parser):
        parser.add_argument("role", nargs="?", default=settings.DATABASE_APP_ROLE)

    @transaction.atomic
    def handle(self, *args, role, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Databaserollen bestaan alleen op PostgreSQL.")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user, current_schema()")
            eigenaar, schema = cursor.fetchone()
            if not role or role == eigenaar:
                raise CommandError(
                    f"De applicatie moet een andere rol gebruiken dan de eigenaar van de tabellen ({eigenaar}): "
                    "zet DATABASE_URL op de applicatierol en DATABASE_MIGRATE_URL op de eigenaar."
                )
            audit = AuditEntry._meta.db_table
            cursor.execute(
                sql.SQL(GRANTS).format(
                    schema=sql.Identifier(schema), role=sql.Identifier(role), audit=sql.Identifier(audit)
                )
            )
            cursor.execute(CHECKS, {"role": role, "table": audit})
            rij = cursor.fetchone()
        if rij is None:
            raise CommandError(f"Databaserol {role} bestaat niet.")
        if any(rij):
            raise CommandError(
                f"Databaserol {role} kan de audit trail nog wijzigen (superuser, eigenaar of recht): {rij}."
            )
        self.stdout.write(f"Rechten gegeven aan {role}; de audit trail alleen SELECT en INSERT.")
