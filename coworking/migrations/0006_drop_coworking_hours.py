"""The old co-working rows, now schedules (0005)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("coworking", "0005_coworking_schedules"),
    ]

    operations = [
        migrations.DeleteModel(name="CoworkingHours"),
    ]
