"""Issue 8 item 7: TRUNCATE bypasses the row triggers of 0002, so on PostgreSQL a statement trigger
refuses it too (same function: it names the refused operation)."""

from django.db import migrations

CREATE = """
CREATE TRIGGER inburgering_auditentry_no_truncate
    BEFORE TRUNCATE ON inburgering_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION pib_audit_append_only();
"""
DROP = "DROP TRIGGER IF EXISTS inburgering_auditentry_no_truncate ON inburgering_auditentry;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("inburgering", "0007_downloaddocument")]
    operations = [migrations.RunPython(forwards, backwards)]
