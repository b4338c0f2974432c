"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit trail (A-8)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION pib_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'De audit trail is alleen aan te vullen (% geweigerd)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER inburgering_auditentry_append_only
    BEFORE UPDATE OR DELETE ON inburgering_auditentry
    FOR EACH ROW EXECUTE FUNCTION pib_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS inburgering_auditentry_append_only ON inburgering_auditentry;
DROP FUNCTION IF EXISTS pib_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("inburgering", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
