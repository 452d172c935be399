"""On PostgreSQL the database refuses two active appointments of one advisor that
overlap in time: an exclusion constraint over (advisor, time range)."""

from django.db import migrations

from hubportal.migration_helpers import no_overlap_constraint

# Appointment.ACTIVE when this migration was written (tests/hubportal/test_constraints.py).
ACTIVE = ("requested", "confirmed")


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [
        no_overlap_constraint(
            table="funding_appointment",
            owner="advisor_id",
            name="appointment_no_overlap",
            active=ACTIVE,
        )
    ]
