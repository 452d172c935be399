"""The database's "never held twice" constraints use the same active statuses as the
models: a status added to Booking.ACTIVE but not to the constraint would let two
people hold one desk on PostgreSQL while the Python checks still looked right."""

import importlib
import re

import pytest
from django.db import connection

from coworking.models import Booking
from events.models import Registration
from funding.models import Appointment

EXCLUSION_CONSTRAINTS = [
    (Booking, "coworking.migrations.0002_booking_no_overlap", "booking_no_overlap"),
    (Appointment, "funding.migrations.0002_appointment_no_overlap", "appointment_no_overlap"),
]


@pytest.mark.parametrize(("model", "migration", "name"), EXCLUSION_CONSTRAINTS)
def test_exclusion_constraint_migration_lists_the_models_active_statuses(model, migration, name):
    copied = importlib.import_module(migration).ACTIVE
    assert sorted(copied) == sorted(model.ACTIVE)


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "migration", "name"), EXCLUSION_CONSTRAINTS)
def test_exclusion_constraint_in_postgresql_covers_the_active_statuses(model, migration, name):
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraints exist on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", [name]
        )
        (definition,) = cursor.fetchone()
    in_database = re.findall(r"'(\w+)'::", definition)
    assert sorted(in_database) == sorted(model.ACTIVE), definition


def _status_lookups(q):
    for child in q.children:
        if isinstance(child, tuple):
            if child[0] == "status__in":
                yield child[1]
        else:
            yield from _status_lookups(child)


def test_one_active_registration_per_person_uses_the_active_statuses():
    constraints = {c.name: c for c in Registration._meta.constraints}
    for name in ("registration_one_active_per_person", "registration_one_active_per_email"):
        (statuses,) = _status_lookups(constraints[name].condition)
        assert sorted(statuses) == sorted(Registration.ACTIVE), name
