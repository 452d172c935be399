"""What ships to production: pinned images, no default passwords, hashed packages, and
logs without tokens, query strings or addresses."""

import logging
import re
from pathlib import Path

import pytest

from tests.factories import AppointmentFactory

ROOT = Path(__file__).resolve().parents[2]


def test_compose_images_are_pinned_to_a_release():
    compose = (ROOT / "docker-compose.yml").read_text()
    images = re.findall(r"^\s+image:\s*(\S+)", compose, flags=re.M)
    third_party = [image for image in images if not image.startswith("hubportal:")]
    assert len(third_party) == 4, images  # PostgreSQL, Redis, Mailpit, nginx
    for image in third_party:
        name, _, tag = image.partition(":")
        assert re.match(r"v?\d+\.\d+", tag), f"{image} is not pinned to a release"
    dockerfile = (ROOT / "Dockerfile").read_text()
    for base in re.findall(r"^FROM (\S+)", dockerfile, flags=re.M):
        assert re.search(r":\d+\.\d+\.\d+", base), f"{base} is not pinned to a release"


def test_compose_has_no_default_passwords_or_mail_catcher_by_default():
    compose = (ROOT / "docker-compose.yml").read_text()
    for variable in ("POSTGRES_PASSWORD", "SECRET_KEY", "EMAIL_URL"):
        uses = re.findall(r"\$\{" + variable + r"([:?-][^}]*)?\}", compose)
        assert uses, variable
        assert all(use.startswith(":?") for use in uses), f"{variable} has a default: {uses}"


def pins(lock: str) -> dict[str, str]:
    text = (ROOT / lock).read_text()
    found = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+) \\$", text, flags=re.M))
    blocks = re.split(r"^(?=[A-Za-z0-9_.\-]+==)", text, flags=re.M)[1:]
    assert len(found) == len(blocks) > 30
    assert all("--hash=sha256:" in block for block in blocks)
    return {name.lower(): version for name, version in found.items()}


def test_every_pinned_package_carries_its_hash():
    production, development = pins("requirements.lock"), pins("requirements-dev.lock")
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--require-hashes -r requirements.lock" in dockerfile
    assert "requirements-dev.lock" not in dockerfile and "--omit=dev" in dockerfile
    # Issue 27, item 11: the image installs no test tool.
    tools = {"pytest", "playwright", "schemathesis", "werkzeug", "aiosmtpd", "hypothesis"}
    assert not tools & production.keys()
    assert tools <= development.keys()
    # Production runs what the tests ran: the same version of every shared package.
    assert {n: v for n, v in development.items() if n in production} == production


@pytest.fixture
def access_log(settings, caplog):
    settings.ACCESS_LOG = True
    caplog.set_level(logging.INFO, logger="hubportal.access")
    return caplog


@pytest.mark.django_db
def test_access_log_has_neither_tokens_nor_query_strings_nor_addresses(client, access_log):
    from django.urls import reverse

    from funding import tokens

    appointment = AppointmentFactory()
    token = tokens.MANAGE.make(appointment)
    link = reverse("funding:manage", args=[token])
    client.get(link + "?email=person@example.org", REMOTE_ADDR="203.0.113.7")
    client.get("/funding/manage/not-a-token/", REMOTE_ADDR="203.0.113.7")
    lines = [record.getMessage() for record in access_log.records]
    assert any(line.startswith("GET /funding/manage/…/ 200") for line in lines), lines
    assert any(line.startswith("GET /funding/manage/…/ 4") for line in lines), lines
    text = "\n".join(lines)
    assert token not in text and "not-a-token" not in text
    assert "person@example.org" not in text and "203.0.113.7" not in text


@pytest.mark.django_db
def test_django_not_found_warnings_name_no_token(client, caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    handler = logging.getLogger().handlers[0]
    client.get("/funding/manage/secret-looking-token/")
    messages = [handler.format(record) for record in caplog.records if handler.filter(record)]
    assert messages and all("secret-looking-token" not in m for m in messages), messages
