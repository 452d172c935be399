"""Issue 27, item 1: the audit trail records that personal and support fields changed,
never their values, names no person, and forgets a person's part when their row is
anonymised (retention sweep) or their account is deleted. Checked where a data
protection officer would look: the trail's rows, the admin pages, the logs."""

import json
import logging
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone

from accounts import privacy
from events.models import Registration
from tests.factories import PASSWORD, EventFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SECRETS = ("Paula", "Privat", "paula@example.org", "Hörgerät")


def trail_text() -> str:
    return json.dumps(
        [model_to_dict(e) | {"changes": e.changes} for e in LogEntry.objects.all()],
        default=str,
        ensure_ascii=False,
    )


def leaks(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


@pytest.fixture
def paula():
    return UserFactory(email="paula@example.org", name="Paula Privat")


@pytest.fixture
def her_registration(client, paula, einbeck, staff_einbeck, caplog):
    """Paula registers (with support), changes it herself, hub staff change it too."""
    caplog.set_level(logging.DEBUG)
    soon = timezone.now() + timedelta(days=10)
    event = EventFactory(hub=einbeck, start=soon, end=soon + timedelta(hours=2))
    client.post(reverse("account_login"), {"login": paula.email, "password": PASSWORD})
    response = client.post(
        event.get_absolute_url(),
        {"name": "Paula Privat", "access_needs": ["other"], "access_note": "Hörgerät"},
    )
    assert response.status_code == 302, response.content[:2000]
    registration = Registration.objects.get(event=event)
    assert registration.access_note == "Hörgerät"
    registration.access_note = "Hörgerät, bitte vorn"
    registration.save()  # a change of the support asked for: recorded, value masked
    client.logout()
    client.force_login(staff_einbeck)
    return registration


def test_the_trail_records_that_support_changed_never_what_it_is(client, her_registration):
    entries = LogEntry.objects.filter(object_pk=str(her_registration.pk))
    assert entries.count() >= 2
    assert any("access_note" in (e.changes or {}) for e in entries)  # that it changed
    # Never its value, never her name or address as what the row is (while her account
    # lives, she may be named as who acted: that is the trail's purpose).
    about = json.dumps([(e.object_repr, e.changes, e.serialized_data) for e in entries])
    assert leaks(json.loads(json.dumps(about))) == []
    assert "Hörgerät" not in about and "H\\u00f6rger" not in about
    page = client.get(reverse("admin:events_registration_change", args=[her_registration.pk]))
    trail = page.text[page.text.index("Wer hat was wann geändert") :]
    assert "•••" in trail and "Hörgerät" not in trail


def test_after_the_sweep_no_trail_page_or_log_holds_her(client, her_registration, caplog, settings):
    # Her account acted on the row (she registered): the trail knows her address.
    assert LogEntry.objects.filter(actor_email="paula@example.org").exists()
    Registration.objects.filter(pk=her_registration.pk).update(
        person=None  # a guest's row: nothing but the row ties it to her
    )
    event = her_registration.event
    event.start, event.end = (
        timezone.now() - timedelta(days=400),
        timezone.now() - timedelta(days=400),
    )
    event.save()
    privacy.personal_data_purge()
    her_registration.refresh_from_db()
    assert (her_registration.name, her_registration.access_note) == ("", "")
    assert not LogEntry.objects.filter(actor_email__iexact="paula@example.org").exists()
    assert leaks(trail_text()) == []
    page = client.get(reverse("admin:events_registration_change", args=[her_registration.pk]))
    assert leaks(page.text) == []
    export = client.get(reverse("admin:events_event_attendees_csv", args=[event.pk]))
    assert export.status_code == 200 and leaks(export.content.decode()) == []
    assert leaks(caplog.text) == []


def test_after_deleting_her_account_no_trail_row_names_her(client, paula, her_registration, caplog):
    privacy.person_delete(user=paula)
    assert leaks(trail_text()) == []
    superuser = UserFactory(is_staff=True, is_superuser=True)
    from tests.factories import with_second_factor

    client.force_login(with_second_factor(superuser))
    log = client.get(reverse("admin:auditlog_logentry_changelist"))
    assert log.status_code == 200 and "Anmeldung" in log.text and leaks(log.text) == []
    for entry in LogEntry.objects.all():
        page = client.get(reverse("admin:auditlog_logentry_change", args=[entry.pk]))
        assert leaks(page.text) == []
    assert leaks(caplog.text) == []


def test_the_record_of_processing_names_the_trail_its_fields_and_retention(settings):
    from django.utils import translation

    settings.AUDIT_RETENTION_DAYS = 200
    with translation.override("de"):
        (trail,) = [r for r in privacy.record_of_processing() if "Änderungsprotokoll" in r["what"]]
        assert "Unterstützung" in trail["what"] and "nie mit ihrem Wert" in trail["what"]
        assert "200 Tagen" in trail["kept"] and "anonymisiert" in trail["kept"]
