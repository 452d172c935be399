"""On PostgreSQL the database itself refuses overlapping active bookings of one
workspace: an exclusion constraint over (workspace, time range). SQLite has no such
constraint; there the booking service serialises writes (IMMEDIATE transactions)."""

from django.db import migrations

ACTIVE = "('pending', 'confirmed', 'checked_in')"


def add(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        "ALTER TABLE coworking_booking ADD CONSTRAINT booking_no_overlap "
        "EXCLUDE USING gist (workspace_id WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
        f"WHERE (status IN {ACTIVE})"
    )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE coworking_booking DROP CONSTRAINT booking_no_overlap")


class Migration(migrations.Migration):
    dependencies = [("coworking", "0001_initial")]
    operations = [migrations.RunPython(add, remove)]
