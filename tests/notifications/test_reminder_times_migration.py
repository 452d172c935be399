"""Reminder times chosen before they became rows (notifications 0005-0007) are still
the times the sweep uses: each hub's three columns become one row per kind."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notifications.models import HubReminder
from notifications.reminders import _hours_by_hub
from notifications.sources import SOURCES

BEFORE = [("notifications", "0004_message_about")]


@pytest.mark.django_db(transaction=True)
def test_a_hubs_chosen_reminder_times_survive_the_move_to_rows():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        hub = old.get_model("hubs", "Hub").objects.create(name="Wilster", slug="wilster")
        old.get_model("notifications", "HubReminderSettings").objects.create(
            hub=hub, events="48", bookings="", appointments="24,1"
        )
    finally:  # the rest of the suite needs the current schema either way
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    rows = list(HubReminder.objects.filter(hub_id=hub.pk))
    chosen = {name: _hours_by_hub(source, rows).get(hub.pk) for name, source in SOURCES.items()}
    assert chosen == {"registration": [48], "booking": [], "appointment": [24, 1]}
