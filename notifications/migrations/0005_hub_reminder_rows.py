"""A hub's reminder times become rows (hub, source, hours): a new kind of reminder is
one more row, not a column here. Schema first; the rows are copied in 0006."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0010_hub_figures_public"),
        ("notifications", "0004_message_about"),
    ]

    operations = [
        migrations.CreateModel(
            name="HubReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("source", models.CharField(max_length=30, verbose_name="kind")),
                ("hours", models.CharField(blank=True, help_text="Hours before the start, e.g. “24” or “48,2”; empty: no reminders.", max_length=50, verbose_name="hours before the start")),
                ("hub", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="reminder_times", to="hubs.hub", verbose_name="hub")),
            ],
            options={
                "verbose_name": "reminder times",
                "verbose_name_plural": "reminder times",
                "ordering": ["hub", "source"],
                "constraints": [models.UniqueConstraint(fields=("hub", "source"), name="hub_reminder_once_per_source")],
            },
        ),
    ]
