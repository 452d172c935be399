"""`make run PORT=…` serves on that port, and the links in emails point there too."""

import shutil
import subprocess

import pytest


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_its_address_on_as_site_url():
    # -n prints the commands without running them.
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8121"], capture_output=True, text=True, check=True
    ).stdout
    line = next(line for line in out.splitlines() if "runserver" in line)
    assert "SITE_URL=${SITE_URL:-http://127.0.0.1:8121}" in line
    assert line.endswith("runserver 127.0.0.1:8121")
