"""Weekly hours are schedules now (0004 moved the data): drop the old rows, tie every
presence to its schedule, and let PostgreSQL refuse two schedules for one date."""

import django.db.models.deletion
from django.db import migrations, models


def exclusion(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        "ALTER TABLE hubs_schedule ADD CONSTRAINT schedule_one_per_date "
        "EXCLUDE USING gist (hub_id WITH =, kind WITH =, "
        "daterange(valid_from, valid_until, '[]') WITH &&)"
    )


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE hubs_schedule DROP CONSTRAINT schedule_one_per_date")


class Migration(migrations.Migration):

    dependencies = [
        ("hubs", "0004_rows_to_schedules"),
        ("coworking", "0005_coworking_schedules"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="staffpresence",
            options={"ordering": ["schedule", "weekday", "starts"], "verbose_name": "staff presence", "verbose_name_plural": "staff presence"},
        ),
        migrations.RemoveField(model_name="staffpresence", name="hub"),
        migrations.AlterField(
            model_name="staffpresence",
            name="schedule",
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="presences", to="hubs.schedule", verbose_name="schedule"),
        ),
        migrations.DeleteModel(name="OpeningHours"),
        migrations.RunPython(exclusion, drop_exclusion),
    ]
