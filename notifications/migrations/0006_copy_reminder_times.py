"""Each hub's reminder times, one column per kind until now, become one row per kind.
The source names are copied here on purpose (a migration must not follow later code):
events → "registration", bookings → "booking", appointments → "appointment"."""

from django.db import migrations

COLUMNS = {"events": "registration", "bookings": "booking", "appointments": "appointment"}


def to_rows(apps, schema_editor):
    Settings = apps.get_model("notifications", "HubReminderSettings")
    HubReminder = apps.get_model("notifications", "HubReminder")
    HubReminder.objects.bulk_create(
        HubReminder(hub_id=settings.hub_id, source=source, hours=getattr(settings, column))
        for settings in Settings.objects.all()
        for column, source in COLUMNS.items()
    )


def to_columns(apps, schema_editor):
    Settings = apps.get_model("notifications", "HubReminderSettings")
    HubReminder = apps.get_model("notifications", "HubReminder")
    by_hub = {}
    for row in HubReminder.objects.all():
        by_hub.setdefault(row.hub_id, {})[row.source] = row.hours
    for hub_id, hours in by_hub.items():
        values = {c: hours[s] for c, s in COLUMNS.items() if s in hours}
        Settings.objects.update_or_create(hub_id=hub_id, defaults=values)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0005_hub_reminder_rows")]

    operations = [migrations.RunPython(to_rows, to_columns)]
