"""On PostgreSQL the database itself refuses overlapping active bookings of one
workspace: an exclusion constraint over (workspace, time range)."""

from django.db import migrations

from hubportal.migration_helpers import no_overlap_constraint

# Booking.ACTIVE when this migration was written (tests/hubportal/test_constraints.py).
ACTIVE = ("pending", "confirmed", "checked_in")


class Migration(migrations.Migration):
    dependencies = [("coworking", "0001_initial")]
    operations = [
        no_overlap_constraint(
            table="coworking_booking",
            owner="workspace_id",
            name="booking_no_overlap",
            active=ACTIVE,
        )
    ]
