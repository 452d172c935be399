"""The main pages are valid HTML, by the Nu HTML checker (npm vnu-jar, run with Java)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from coworking.models import MemberProfile
from events.models import Event
from showroom.models import Exhibit

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def _require_checker():
    if VNU.exists() and shutil.which("java"):
        return
    message = (
        "The Nu HTML checker needs Java and node_modules/vnu-jar: "
        "'sudo apt-get install default-jre-headless' and 'npm ci' (make test does both)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.django_db
def test_main_pages_are_valid_html(client, settings, tmp_path, django_user_model):
    _require_checker()
    settings.DEBUG = True
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.DEBUG = False
    event = Event.objects.filter(hybrid=True).first()
    public = [
        "/",
        "/hubs/",
        "/hubs/einbeck/",
        "/events/",
        event.get_absolute_url(),
        "/events/archive/",
        "/coworking/",
        "/coworking/oldenburg-in-holstein/",
        "/funding/",
        "/funding/?place=video&minutes=30",
        "/funding/programmes/",
        "/pages/accessibility/",
        "/accounts/login/",
        "/accounts/signup/",
        "/en/",
        "/en/hubs/einbeck/",
        "/figures/",
        "/hubs/oldenburg-in-holstein/",
        "/hubs/oldenburg-in-holstein/showroom/",
        Exhibit.objects.first().get_absolute_url(),
    ]
    citizen = django_user_model.objects.get(email="buerger@demo.example")
    MemberProfile.objects.get_or_create(user=citizen, defaults={"group": "citizen"})
    account = [
        "/accounts/profile/",
        "/events/mine/",
        "/coworking/mine/",
        "/coworking/einbeck/book/",
        "/funding/appointments/",
    ]
    files = []
    for n, path in enumerate(public + account):
        if path == account[0]:
            client.force_login(citizen)
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"page{n}.html"
        file.write_bytes(response.content)
        files.append((file, path))
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--errors-only",
            "--format",
            "json",
            "--stdout",
            *[str(f) for f, _ in files],
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stdout)["messages"]
    by_file = {str(f): p for f, p in files}
    errors = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"{m['message']} ({m.get('extract', '')!r})"
        for m in messages
    ]
    assert errors == []
