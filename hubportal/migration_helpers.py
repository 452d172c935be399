"""Pieces that migrations share. Migrations import from here, so what a function
here writes must never change for an existing caller: add a new function instead."""

from django.db import migrations


def no_overlap_constraint(
    *, table: str, owner: str, name: str, active: tuple[str, ...]
) -> migrations.RunPython:
    """On PostgreSQL: no two rows of one `owner` (a workspace, an advisor) whose status
    is one of `active` overlap in time (start, end). SQLite has no such constraint;
    there the booking services serialise writes (IMMEDIATE transactions, settings).

    `active` is copied from the model's ACTIVE list on purpose (a migration must not
    follow later model changes); tests/hubportal/test_constraints.py checks they agree.
    """
    statuses = ", ".join(f"'{status}'" for status in active)

    def add(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {name} "
            f"EXCLUDE USING gist ({owner} WITH =, tstzrange(start, \"end\", '[)') WITH &&) "
            f"WHERE (status IN ({statuses}))"
        )

    def remove(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")

    return migrations.RunPython(add, remove)
