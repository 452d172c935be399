"""Many people register for the last place at once: exactly one gets it."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 20


def test_twenty_concurrent_registrations_for_one_place_confirm_exactly_one():
    event = EventFactory(capacity=1)
    barrier = threading.Barrier(PEOPLE)
    errors = []

    def register(n):
        try:
            barrier.wait()
            services.registration_create(event=event, name=f"P{n}", email=f"p{n}@ort{n}.example")
        except Exception as exc:  # noqa: BLE001 - any error is a failure of the invariant
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(PEOPLE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.CONFIRMED) == 1
    assert statuses.count(Registration.Status.WAITLISTED) == PEOPLE - 1


def test_concurrent_double_submit_of_one_person_registers_once():
    event = EventFactory(capacity=5)
    barrier = threading.Barrier(5)
    answers = []

    def register():
        try:
            barrier.wait()
            answers.append(
                services.registration_create(event=event, name="Eine", email="eine@example.org").pk
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=register) for _ in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert Registration.objects.filter(event=event).count() == 1
    # Every submit gets the same answer: the one registration.
    assert len(answers) == 5 and len(set(answers)) == 1
