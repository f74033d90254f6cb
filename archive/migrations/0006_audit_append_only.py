"""On PostgreSQL the audit table refuses UPDATE and DELETE for everyone, the application included.

Getting around it takes a database superuser (`ALTER TABLE ... DISABLE TRIGGER`, `session_replication_role`), and
even then `manage.py verify_audit_chain` names the first entry changed. (TRUNCATE, used by test
database flushes, is a table-level statement the row trigger does not see.) On SQLite this is a no-op.
"""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION archive_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on archive_auditevent refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS archive_auditevent_append_only ON archive_auditevent;
CREATE TRIGGER archive_auditevent_append_only BEFORE UPDATE OR DELETE ON archive_auditevent
    FOR EACH ROW EXECUTE FUNCTION archive_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS archive_auditevent_append_only ON archive_auditevent;
DROP FUNCTION IF EXISTS archive_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("archive", "0005_seed_services")]
    operations = [migrations.RunPython(forwards, backwards)]
