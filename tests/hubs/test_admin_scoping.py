"""Hub staff see and change only their own hubs' data in the admin, by URL either."""

from datetime import time

import pytest
from django.urls import reverse

from hubs.models import HubStaff, OpeningHours
from tests.factories import OpeningHoursFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_einbeck):
    client.force_login(staff_einbeck)
    return client


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


def test_staff_lists_only_their_hubs_opening_hours(staff_client, hours):
    response = staff_client.get(reverse("admin:hubs_openinghours_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert list(response.context["cl"].result_list) == [hours["einbeck"]]


def test_staff_cannot_see_edit_or_delete_other_hubs_hours_by_url(staff_client, hours):
    other = hours["oldenburg"]
    change = reverse("admin:hubs_openinghours_change", args=[other.pk])
    delete = reverse("admin:hubs_openinghours_delete", args=[other.pk])
    assert staff_client.get(change).status_code == 302
    assert staff_client.get(delete).status_code == 302
    staff_client.post(
        change, {"hub": other.hub.pk, "weekday": 3, "opens": "01:00", "closes": "02:00"}
    )
    staff_client.post(delete, {"post": "yes"})
    other.refresh_from_db()
    assert other.weekday == 1 and other.opens == time(9)


def test_staff_can_change_their_own_hubs_hours(staff_client, hours):
    own = hours["einbeck"]
    url = reverse("admin:hubs_openinghours_change", args=[own.pk])
    response = staff_client.post(
        url, {"hub": own.hub.pk, "weekday": 2, "opens": "10:00", "closes": "18:00"}
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert (own.weekday, own.opens, own.closes) == (2, time(10), time(18))


def test_staff_cannot_add_hours_to_another_hub(staff_client, einbeck, oldenburg):
    url = reverse("admin:hubs_openinghours_add")
    form = staff_client.get(url).context["adminform"].form
    assert list(form.fields["hub"].queryset) == [einbeck]
    response = staff_client.post(
        url, {"hub": oldenburg.pk, "weekday": 0, "opens": "09:00", "closes": "12:00"}
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "hub" in response.context["adminform"].form.errors
    assert not OpeningHours.objects.filter(hub=oldenburg).exists()


def test_invalid_hours_are_refused_next_to_the_field(staff_client, einbeck):
    response = staff_client.post(
        reverse("admin:hubs_openinghours_add"),
        {"hub": einbeck.pk, "weekday": 0, "opens": "13:00", "closes": "09:00"},
    )
    assert response.status_code == 200
    assert "closes" in response.context["adminform"].form.errors
    assert not OpeningHours.objects.exists()


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
