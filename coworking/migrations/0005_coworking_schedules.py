"""Co-working hours become whole-week schedules of kind "coworking" (issue 11), showing
the same hours on every date; see hubs 0003. The old table goes in 0006 (PostgreSQL
does not alter tables in the transaction that wrote rows checked against them)."""

from django.db import migrations

from hubportal.migration_helpers import weekly_rows_as_schedules


def to_schedules(apps, schema_editor):
    Hub = apps.get_model("hubs", "Hub")
    CoworkingHours = apps.get_model("coworking", "CoworkingHours")
    Schedule = apps.get_model("hubs", "Schedule")
    ScheduleInterval = apps.get_model("hubs", "ScheduleInterval")
    for hub in Hub.objects.filter(coworking_hours__isnull=False).distinct():
        rows = CoworkingHours.objects.filter(hub=hub).values_list(
            "weekday", "opens", "closes", "valid_from", "valid_until"
        )
        for valid_from, valid_until, intervals in weekly_rows_as_schedules(rows):
            name = f"Co-Working ab {valid_from:%d.%m.%Y}" if valid_from else "Co-Working"
            schedule = Schedule.objects.create(
                hub=hub,
                kind="coworking",
                name=name,
                valid_from=valid_from,
                valid_until=valid_until,
            )
            ScheduleInterval.objects.bulk_create(
                ScheduleInterval(schedule=schedule, weekday=w, opens=o, closes=c)
                for w, o, c in intervals
            )


class Migration(migrations.Migration):

    dependencies = [
        ("coworking", "0004_weekly_hours_shape"),
        ("hubs", "0003_week_schedules"),
    ]

    operations = [
        migrations.RunPython(to_schedules, migrations.RunPython.noop),
    ]
