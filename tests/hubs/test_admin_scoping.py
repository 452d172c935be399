"""Hub staff see and change only their own hubs' data in the admin, by URL either."""

from datetime import time

import pytest
from django.urls import reverse

from hubs.models import HubStaff
from tests.factories import OpeningHoursFactory, UserFactory
from tests.hubs.schedule_post import schedule_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def hours(einbeck, oldenburg):
    return {
        "einbeck": OpeningHoursFactory(hub=einbeck, weekday=0),
        "oldenburg": OpeningHoursFactory(hub=oldenburg, weekday=1),
    }


def test_staff_sees_only_their_hub_in_the_hub_list(staff_client, einbeck, oldenburg):
    response = staff_client.get(reverse("admin:hubs_hub_changelist"))
    assert response.status_code == 200
    assert einbeck.name in response.text
    assert oldenburg.name not in response.text


def test_staff_cannot_open_another_hub_by_url(staff_client, oldenburg):
    response = staff_client.get(reverse("admin:hubs_hub_change", args=[oldenburg.pk]), follow=True)
    assert oldenburg.name not in response.text
    assert response.redirect_chain  # the admin says it does not exist and sends them away


def test_staff_cannot_change_another_hub_by_post(staff_client, oldenburg):
    url = reverse("admin:hubs_hub_change", args=[oldenburg.pk])
    staff_client.post(url, {"name": "Übernommen", "short_description": "x", "town": "x"})
    oldenburg.refresh_from_db()
    assert oldenburg.name == "Digital Hub Oldenburg"


def test_staff_may_not_add_or_delete_hubs(staff_client, einbeck):
    assert staff_client.get(reverse("admin:hubs_hub_add")).status_code == 403
    assert staff_client.get(reverse("admin:hubs_hub_delete", args=[einbeck.pk])).status_code == 403


def test_staff_lists_only_their_hubs_schedules(staff_client, hours):
    response = staff_client.get(reverse("admin:hubs_schedule_changelist"))
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [hours["einbeck"].schedule]


def test_staff_cannot_see_edit_or_delete_other_hubs_schedules_by_url(staff_client, hours):
    other = hours["oldenburg"].schedule
    change = reverse("admin:hubs_schedule_change", args=[other.pk])
    delete = reverse("admin:hubs_schedule_delete", args=[other.pk])
    assert staff_client.get(change).status_code == 302
    assert staff_client.get(delete).status_code == 302
    staff_client.post(
        change,
        schedule_post(other.hub, instance=other, intervals=[(3, "01:00", "02:00")], confirm=True),
    )
    staff_client.post(delete, {"post": "yes"})
    assert [(i.weekday, i.opens) for i in other.intervals.all()] == [(1, time(9))]


def test_staff_can_change_their_own_hubs_week_after_the_preview(staff_client, hours):
    own = hours["einbeck"].schedule
    url = reverse("admin:hubs_schedule_change", args=[own.pk])
    data = schedule_post(own.hub, instance=own, intervals=[(2, "10:00", "18:00")])
    preview = staff_client.post(url, data)
    assert preview.status_code == 200 and "Bestätigen und speichern" in preview.text
    assert [(i.weekday, i.opens) for i in own.intervals.all()] == [(0, time(9))]  # not yet
    response = staff_client.post(url, {**data, "_calendar_confirmed": "1"})
    assert response.status_code == 302
    assert [(i.weekday, i.opens, i.closes) for i in own.intervals.all()] == [
        (2, time(10), time(18))
    ]


def test_staff_cannot_add_a_schedule_to_another_hub(staff_client, einbeck, oldenburg):
    url = reverse("admin:hubs_schedule_add")
    form = staff_client.get(url).context["adminform"].form
    assert list(form.fields["hub"].queryset) == [einbeck]
    response = staff_client.post(
        url, schedule_post(oldenburg, intervals=[(0, "09:00", "12:00")], confirm=True)
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "hub" in response.context["adminform"].form.errors
    assert not oldenburg.schedules.exists()


def test_invalid_hours_are_refused_next_to_the_field(staff_client, einbeck):
    response = staff_client.post(
        reverse("admin:hubs_schedule_add"),
        schedule_post(einbeck, intervals=[(0, "13:00", "09:00")], confirm=True),
    )
    assert response.status_code == 200
    interval_formset = response.context["inline_admin_formsets"][0].formset
    assert "closes" in interval_formset.forms[0].errors
    assert not einbeck.schedules.exists()


def test_staff_without_a_hub_sees_no_hub_data(client, einbeck):
    loner = UserFactory(is_staff=True)
    client.force_login(loner)
    assert client.get(reverse("admin:hubs_hub_changelist")).status_code == 403
    index = client.get(reverse("admin:index"))
    assert einbeck.name not in index.text


def test_superuser_sees_every_hub(client, superuser, einbeck, oldenburg):
    client.force_login(superuser)
    response = client.get(reverse("admin:hubs_hub_changelist"))
    assert einbeck.name in response.text and oldenburg.name in response.text


def test_only_superusers_hand_out_the_staff_role(staff_client, einbeck):
    response = staff_client.get(reverse("admin:hubs_hub_change", args=[einbeck.pk]))
    assert response.status_code == 200
    assert "staff_memberships" not in response.text
    assert HubStaff.objects.count() == 1


def test_staff_removed_from_their_hub_no_longer_see_it(client, staff_einbeck, einbeck):
    from hubs import services

    services.hub_staff_remove(membership=HubStaff.objects.get(user=staff_einbeck))
    client.force_login(staff_einbeck)
    assert client.get(reverse("admin:hubs_hub_changelist")).status_code == 403
    assert einbeck.name not in client.get(reverse("admin:index")).text
