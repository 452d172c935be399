"""Weekly hours become whole-week schedules (issue 11).

Each hub's opening-hours rows are turned into schedules that show the same hours on
every date (hubportal.migration_helpers.weekly_rows_as_schedules); staff presence,
which had no validity of its own, is copied into each of the hub's schedules, so "who
is on site" stays as it was. Schema (0003), data (0004) and dropping the old rows
(0005) are separate migrations: on PostgreSQL a table cannot be altered in the
transaction that wrote rows checked against it. tests/hubs/test_schedule_migration.py compares 400 days
before and after for every demo hub.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import F



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
    ]
