"""Each hub's weekly-hours rows become schedules; see 0003."""

from django.db import migrations

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


class Migration(migrations.Migration):

    dependencies = [
        ("hubs", "0003_week_schedules"),
    ]

    operations = [
        migrations.RunPython(to_schedules, migrations.RunPython.noop),
    ]
