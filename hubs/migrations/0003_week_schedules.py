"""Weekly hours become whole-week schedules (issue 11).

Each hub's opening-hours rows are turned into schedules that show the same hours on
every date (hubportal.migration_helpers.weekly_rows_as_schedules); staff presence,
which had no validity of its own, is copied into each of the hub's schedules, so "who
is on site" stays as it was. tests/hubs/test_schedule_migration.py compares 400 days
before and after for every demo hub.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F

from hubportal.migration_helpers import weekly_rows_as_schedules


def schedule_name(valid_from):
    return f"Öffnungszeiten ab {valid_from:%d.%m.%Y}" if valid_from else "Öffnungszeiten"


def to_schedules(apps, schema_editor):
    Hub = apps.get_model("hubs", "Hub")
    OpeningHours = apps.get_model("hubs", "OpeningHours")
    Schedule = apps.get_model("hubs", "Schedule")
    ScheduleInterval = apps.get_model("hubs", "ScheduleInterval")
    StaffPresence = apps.get_model("hubs", "StaffPresence")
    for hub in Hub.objects.all():
        rows = OpeningHours.objects.filter(hub=hub).values_list(
            "weekday", "opens", "closes", "valid_from", "valid_until"
        )
        schedules = []
        for valid_from, valid_until, intervals in weekly_rows_as_schedules(rows):
            schedule = Schedule.objects.create(
                hub=hub,
                kind="opening",
                name=schedule_name(valid_from),
                valid_from=valid_from,
                valid_until=valid_until,
            )
            ScheduleInterval.objects.bulk_create(
                ScheduleInterval(schedule=schedule, weekday=w, opens=o, closes=c)
                for w, o, c in intervals
            )
            schedules.append(schedule)
        presences = list(StaffPresence.objects.filter(hub=hub))
        if presences and not schedules:
            schedules.append(Schedule.objects.create(hub=hub, name=schedule_name(None)))
        for n, schedule in enumerate(schedules):
            for presence in presences:
                if n:  # a copy for each further schedule
                    presence.pk = None
                presence.schedule = schedule
                presence.save()


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
        ("hubs", "0002_hub_ordering_by_town"),
    ]

    operations = [
        migrations.CreateModel(
            name="Schedule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("opening", "Opening hours"), ("coworking", "Co-working hours")], default="opening", help_text="Co-working hours only where desks can be booked at other times than the hub is open; otherwise the opening hours apply to co-working too.", max_length=10, verbose_name="kind")),
                ("name", models.CharField(help_text="For staff, e.g. “Winterzeiten”.", max_length=100, verbose_name="name")),
                ("valid_from", models.DateField(blank=True, help_text="Empty: since always.", null=True, verbose_name="valid from")),
                ("valid_until", models.DateField(blank=True, help_text="Empty: open-ended.", null=True, verbose_name="valid until")),
                ("updated", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("hub", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="schedules", to="hubs.hub", verbose_name="hub")),
            ],
            options={
                "verbose_name": "weekly schedule",
                "verbose_name_plural": "weekly schedules",
                "ordering": ["hub", "kind", F("valid_from").asc(nulls_first=True)],
                "indexes": [models.Index(fields=["hub", "kind", "valid_until"], name="hubs_schedu_hub_id_de41ca_idx")],
                "constraints": [models.CheckConstraint(condition=models.Q(("valid_from__isnull", True), ("valid_until__isnull", True), ("valid_from__lte", F("valid_until")), _connector="OR"), name="schedule_valid_period_ordered")],
            },
        ),
        migrations.CreateModel(
            name="ScheduleInterval",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("weekday", models.PositiveSmallIntegerField(choices=[(0, "Monday"), (1, "Tuesday"), (2, "Wednesday"), (3, "Thursday"), (4, "Friday"), (5, "Saturday"), (6, "Sunday")], verbose_name="weekday")),
                ("opens", models.TimeField(verbose_name="opens")),
                ("closes", models.TimeField(verbose_name="closes")),
                ("schedule", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="intervals", to="hubs.schedule", verbose_name="schedule")),
            ],
            options={
                "verbose_name": "opening interval",
                "verbose_name_plural": "opening intervals",
                "ordering": ["schedule", "weekday", "opens"],
                "constraints": [models.CheckConstraint(condition=models.Q(("opens__lt", F("closes"))), name="scheduleinterval_opens_before_closes")],
            },
        ),
        migrations.AddField(
            model_name="staffpresence",
            name="schedule",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="presences", to="hubs.schedule", verbose_name="schedule"),
        ),
        migrations.RunPython(to_schedules, migrations.RunPython.noop),
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
