"""What the integration tests share: one SMTP port per module, which the workers and
web nodes a module starts send to, and an SMTP sink listening on it for each test."""

import pytest

from tests.smtp import SmtpSink, free_port


@pytest.fixture(scope="module")
def smtp_port():
    return free_port()


@pytest.fixture
def sink(smtp_port):
    sink = SmtpSink(smtp_port).start()
    yield sink
    sink.stop()
