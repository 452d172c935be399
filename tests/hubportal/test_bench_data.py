"""`manage.py bench_data` (make bench's data set) loads beside the demo, and the pages
it is meant to weigh down still answer."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from funding.models import Advisor
from hubs.models import Hub

pytestmark = pytest.mark.django_db


def test_the_bench_data_set_loads_with_several_advisors_and_the_pages_answer(client, settings):
    settings.DEBUG = True  # seed_demo's logins
    call_command("seed_demo", verbosity=0)
    settings.DEBUG = False
    hubs = Hub.objects.count()
    call_command("bench_data", scale=0.07, stderr=open("/dev/null", "w"))  # noqa: SIM115
    assert Hub.objects.count() > hubs
    tokens = list(Advisor.objects.values_list("feed_token", flat=True))
    assert len(tokens) > 3 and len(set(tokens)) == len(tokens) and all(tokens)
    for url in (reverse("hubs:list"), reverse("events:programme"), reverse("funding:index")):
        assert client.get(url).status_code == 200
