"""Issue 27, item 9: one rule decides who the client is, for every limit, and the
real nginx configuration (deploy/nginx.conf) writes the forwarding headers itself:
what a client sends in X-Forwarded-For, X-Real-IP, X-Forwarded-Proto or Forwarded
never reaches the portal, and the client behind the TLS proxy is told apart."""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.test import RequestFactory
from django.urls import reverse

from accounts.adapters import AccountAdapter
from hubportal.api import THROTTLE
from hubportal.clients import client_ip

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Echo(BaseHTTPRequestHandler):
    """The web node's stand-in: answers with the headers it received."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def nginx():
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: make browser-tools installs it")
        pytest.skip("nginx is not installed (make browser-tools)")
    upstream = ThreadingHTTPServer(("127.0.0.1", free_port()), Echo)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server web:8000" in conf and "listen 8080;" in conf
    conf = conf.replace("server web:8000", f"server 127.0.0.1:{upstream.server_port}")
    conf = conf.replace("listen 8080;", f"listen 127.0.0.1:{port};")
    with tempfile.TemporaryDirectory() as prefix:
        (Path(prefix) / "portal.conf").write_text(conf)
        (Path(prefix) / "nginx.conf").write_text(
            f"pid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\nevents {{}}\n"
            f"http {{ access_log off; client_body_temp_path {prefix}/body; "
            f"proxy_temp_path {prefix}/proxy; include {prefix}/portal.conf; }}\n"
        )
        process = subprocess.Popen(
            [binary, "-p", prefix, "-c", f"{prefix}/nginx.conf", "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None, process.stderr.read().decode()
                time.sleep(0.05)
        yield port
        process.terminate()
        process.wait(5)
        upstream.shutdown()


def through_nginx(port: int, headers: dict, source: str) -> dict:
    """GET through nginx from the local address `source`: what the web node receives."""
    with socket.create_connection(("127.0.0.1", port), source_address=(source, 0)) as s:
        lines = ["GET / HTTP/1.1", "Host: hubs.example.org", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return json.loads(data.split(b"\r\n\r\n", 1)[1])


SPOOFED = {
    "X-Forwarded-For": "6.6.6.6",
    "X-Real-IP": "6.6.6.6",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "evil.example",
    "Forwarded": "for=6.6.6.6;proto=https",
}


def test_a_client_talking_to_nginx_directly_cannot_name_another_address(nginx):
    # 127.0.0.2 is no proxy of ours: a client reaching nginx itself.
    seen = through_nginx(nginx, SPOOFED, source="127.0.0.2")
    assert seen["x-real-ip"] == "127.0.0.2" and seen["x-forwarded-for"] == "127.0.0.2"
    assert seen["x-forwarded-proto"] == "http"  # not the https it claimed
    assert "forwarded" not in seen and "x-forwarded-host" not in seen
    assert seen["host"] == "hubs.example.org"


def test_behind_the_tls_proxy_each_client_is_told_apart_and_spoofing_is_dropped(nginx):
    # The TLS proxy (127.0.0.1 here, a private address in compose) appends the
    # address it saw; whatever the client put before it is ignored.
    one = through_nginx(
        nginx,
        {**SPOOFED, "X-Forwarded-For": "6.6.6.6, 203.0.113.7", "X-Forwarded-Proto": "https"},
        source="127.0.0.1",
    )
    two = through_nginx(
        nginx, {"X-Forwarded-For": "198.51.100.4", "X-Forwarded-Proto": "https"}, "127.0.0.1"
    )
    assert (one["x-real-ip"], two["x-real-ip"]) == ("203.0.113.7", "198.51.100.4")
    assert one["x-forwarded-for"] == "203.0.113.7" and one["x-forwarded-proto"] == "https"
    assert "forwarded" not in one


def test_every_limit_reads_the_address_nginx_wrote(nginx, settings):
    """allauth's limits, the anonymous forms', the API's and the session record: one
    answer from one setting (compose: TRUSTED_CLIENT_IP_HEADER=X-Real-IP)."""
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    seen = through_nginx(nginx, {"X-Forwarded-For": "6.6.6.6, 203.0.113.7"}, "127.0.0.1")
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="172.18.0.5",  # the proxy container
        HTTP_X_REAL_IP=seen["x-real-ip"],
        HTTP_X_FORWARDED_FOR=seen["x-forwarded-for"],
    )
    answers = {
        "portal": client_ip(request),
        "allauth": AccountAdapter(request).get_client_ip(request),
        "api": THROTTLE.get_ident(request),
    }
    assert set(answers.values()) == {"203.0.113.7"}, answers


@pytest.mark.django_db
def test_the_api_limit_counts_per_client_behind_one_proxy(client, settings, monkeypatch):
    """Before, the API counted per proxy while allauth counted per client."""
    from django.core.cache import cache

    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    settings.PAGE_CACHE = False
    cache.clear()
    monkeypatch.setattr(THROTTLE, "num_requests", 2)
    url = reverse("api:hubs")
    for _ in range(2):
        assert client.get(url, HTTP_X_REAL_IP="203.0.113.1").status_code == 200
    assert client.get(url, HTTP_X_REAL_IP="203.0.113.1").status_code == 429
    assert client.get(url, HTTP_X_REAL_IP="203.0.113.2").status_code == 200
