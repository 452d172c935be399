from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("notifications", "0006_copy_reminder_times")]

    operations = [migrations.DeleteModel(name="HubReminderSettings")]
