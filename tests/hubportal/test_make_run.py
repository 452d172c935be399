"""`make run PORT=…` serves on that port, and the links in every email point there too:
the demo data's emails (seed_demo) as well as those sent while it runs."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_passes_its_address_on_as_site_url_to_every_step(tmp_path):
    # A stand-in for the venv's python: it writes down what each step was given.
    seen = tmp_path / "seen.txt"
    python = tmp_path / "python"
    python.write_text(f'#!/bin/sh\necho "$SITE_URL $*" >> {seen}\n')
    python.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "run", "PORT=8121", f"PY={python}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    )
    steps = seen.read_text().splitlines()
    assert [line.split()[2] for line in steps] == ["migrate", "seed_demo", "runserver"]
    assert all(line.startswith("http://127.0.0.1:8121 ") for line in steps), steps
    assert steps[-1].endswith("runserver 127.0.0.1:8121")
