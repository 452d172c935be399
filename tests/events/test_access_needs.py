"""Support a person asks for when registering (sign language, induction loop, step-free
access, other): the hub's staff see it in time, nobody else does, and it is erased
once the event is over (health data, Art. 9 DSGVO)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import privacy
from events.models import Registration
from tests.factories import EventFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db


def register_as_guest(client, event, **extra):
    data = {"name": "Erika Muster", "email": "erika@example.org", **extra}
    return client.post(event.get_absolute_url(), data)


def test_a_guest_asks_for_an_interpreter_and_the_hub_team_sees_it_in_its_cockpit(
    client, einbeck, staff_einbeck
):
    soon = timezone.now() + timedelta(days=5)
    event = EventFactory(
        hub=einbeck, title="Themenabend", start=soon, end=soon + timedelta(hours=2)
    )
    response = register_as_guest(
        client, event, access_needs=["sign_language", "step_free"], access_note="Rollstuhl"
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.access_need_text == (
        "Gebärdensprachdolmetschung, Stufenloser Zugang, Rollstuhl"
    )
    client.force_login(staff_einbeck)
    cockpit = client.get(reverse("admin:index")).text
    assert "Unterstützung gewünscht" in cockpit
    assert "Kurzfristig:" in cockpit  # an interpreter needs two weeks, five days are left
    attendees = client.get(reverse("admin:events_event_attendees", args=[event.pk])).text
    assert "Gebärdensprachdolmetschung" in attendees


def test_enough_notice_is_no_warning_and_other_hubs_staff_see_nothing(client, einbeck, oldenburg):
    from hubs import services
    from tests.factories import with_second_factor

    later = timezone.now() + timedelta(days=20)
    event = EventFactory(hub=einbeck, start=later, end=later + timedelta(hours=2))
    RegistrationFactory(event=event, access_needs="induction_loop")
    other = UserFactory(email="team-oldenburg@example.org")
    services.hub_staff_add(hub=oldenburg, user=other)
    client.force_login(with_second_factor(other))
    cockpit = client.get(reverse("admin:index")).text
    assert "Induktive Höranlage" not in cockpit
    assert client.get(reverse("admin:events_event_attendees", args=[event.pk])).status_code in (
        302, 403, 404,
    )  # fmt: skip


def test_an_unknown_need_is_refused_next_to_the_field_and_nothing_typed_is_lost(client, einbeck):
    event = EventFactory(hub=einbeck)
    response = register_as_guest(client, event, access_needs=["teleport"], access_note="Hund")
    assert response.status_code == 400
    assert 'value="Erika Muster"' in response.text and "Hund" in response.text
    # Drawn as checkboxes (KERN's square), not as the round radio buttons.
    assert (
        'type="checkbox" name="access_needs" value="step_free" class="kern-form-check__checkbox"'
        in response.text
    )
    assert not Registration.objects.exists()


def test_the_support_asked_for_is_erased_after_the_event_the_registration_kept(einbeck):
    past = timezone.now() - timedelta(days=2)
    over = EventFactory(hub=einbeck, start=past, end=past + timedelta(hours=2))
    coming = EventFactory(hub=einbeck)
    done = RegistrationFactory(event=over, access_needs="sign_language", access_note="Bitte DGS")
    waiting = RegistrationFactory(event=coming, access_needs="step_free")
    result = privacy.personal_data_purge()
    assert result["event_access_needs"] == 1
    done.refresh_from_db()
    waiting.refresh_from_db()
    assert (done.access_needs, done.access_note) == ("", "")
    assert done.name  # the registration itself stays for the retention period
    assert waiting.access_needs == "step_free"


def test_a_person_sees_the_support_they_asked_for_in_their_data_export(einbeck):
    person = UserFactory()
    RegistrationFactory(event=EventFactory(hub=einbeck), person=person, access_needs="step_free")
    exported = privacy.person_export(user=person)
    assert exported["events"][0]["support_needed"] == "Stufenloser Zugang"
    assert "event_access_needs" not in exported
