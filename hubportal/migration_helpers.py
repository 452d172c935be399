"""Pieces that migrations share. Migrations import from here, so what a function
here writes must never change for an existing caller: add a new function instead."""

from datetime import date, timedelta

from django.db import migrations, models


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


def weekly_rows_as_schedules(rows):
    """Turn weekly-hours rows of the old shape into whole-week schedules that show the
    same hours on every date (hubs 0004, coworking 0005).

    `rows` are (weekday, opens, closes, valid_from, valid_until), None meaning "always"
    and "open-ended". The old rule: on a date, of the rows valid that day, those with
    the latest valid_from are in force. Returns (valid_from, valid_until, intervals)
    for consecutive periods with the same week, leaving out periods with no hours (a
    date no schedule covers is closed, as a date without rows was).
    """
    rows = list(rows)
    points = sorted(
        {r[3] for r in rows if r[3] is not None}
        | {r[4] + timedelta(days=1) for r in rows if r[4] is not None}
    )

    def in_force(day):
        valid = [r for r in rows if (r[3] is None or r[3] <= day) and (r[4] is None or r[4] >= day)]
        if not valid:
            return ()
        starts = [r[3] for r in valid if r[3] is not None]
        latest = max(starts) if starts else None
        return tuple(sorted({r[:3] for r in valid if r[3] == latest}))

    # Periods between the points; within one the rows in force do not change.
    periods = []
    bounds = [None, *points]
    for i, start in enumerate(bounds):
        end = points[i] - timedelta(days=1) if i < len(points) else None
        sample = start or end or date(2000, 1, 1)  # any date of the period will do
        periods.append([start, end, in_force(sample)])

    merged = []
    for period in periods:
        if merged and merged[-1][2] == period[2]:
            merged[-1][1] = period[1]
        else:
            merged.append(period)
    return [tuple(p) for p in merged if p[2]]


def copy_translations(app: str, model: str, fields: list[str], *, to_default_field=False):
    """A RunPython step for taking fields under django-modeltranslation: the text in
    `field` becomes the German `field_de` (or, `to_default_field`, the other way round,
    for columns that were `_de` already). Backwards it does nothing: the columns go."""

    def forwards(apps, schema_editor):
        Model = apps.get_model(app, model)
        if to_default_field:
            Model.objects.update(**{f: models.F(f"{f}_de") for f in fields})
        else:
            Model.objects.update(**{f"{f}_de": models.F(f) for f in fields})

    return migrations.RunPython(forwards, migrations.RunPython.noop)
