"""On PostgreSQL the database refuses two active appointments of one advisor that
overlap in time; on SQLite the booking service serialises writes instead."""

from django.db import migrations

ACTIVE = "('requested', 'confirmed')"


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        "ALTER TABLE funding_appointment ADD CONSTRAINT appointment_no_overlap "
        "EXCLUDE USING gist (advisor_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        f"WHERE (status IN {ACTIVE})"
    )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE funding_appointment DROP CONSTRAINT appointment_no_overlap")


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
