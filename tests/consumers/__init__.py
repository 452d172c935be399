"""Software nobody here wrote, reading what the portal publishes.

Each consumer runs under node from the project's own npm packages (package.json's
devDependencies): OSM's `opening_hours` (what the OSM editors use) and Mozilla's
`ical.js` (Thunderbird's calendar engine). A test that only re-reads our output with
the library that wrote it proves little; these read it as the people's software does.
"""

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

HERE = Path(__file__).parent
NODE_MODULES = HERE.parent.parent / "node_modules"


def _node(script: str, payload: dict | str) -> dict:
    node = shutil.which("node")
    if node is None or not (NODE_MODULES / "ical.js").exists():
        pytest.fail("node and the npm packages are needed: run `make setup`")
    text = payload if isinstance(payload, str) else json.dumps(payload)
    done = subprocess.run(
        [node, str(HERE / script)],
        input=text.encode(),
        capture_output=True,
        env={"TZ": "Europe/Berlin", "PATH": "/usr/bin:/bin", "NODE_PATH": str(NODE_MODULES)},
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"{script} refused it: {done.stderr.decode()}")
    return json.loads(done.stdout)


def osm_days(value: str, hub, start: date, days: int) -> tuple[list, dict[date, list[str]]]:
    """OSM's reader of `value` at the hub's place and state (for its public holidays):
    its warnings and, for each day from `start`, the open intervals ("09:00-13:00")."""
    with translation.override("de"):
        state = str(hub.get_state_display())
    said = _node(
        "opening_hours_days.cjs",
        {
            "value": value,
            "state": state,
            "lat": float(hub.latitude or 54.3),
            "lon": float(hub.longitude or 10.1),
            "from": start.isoformat(),
            "days": days,
        },
    )
    return said["warnings"], {date.fromisoformat(k): v for k, v in said["days"].items()}


def ical_read(ics: bytes) -> dict:
    """A calendar as Thunderbird's engine reads it: its METHOD and every VEVENT with
    uid, summary, status, sequence, and start and end as UTC instants (ISO, "Z"), or
    a date for an all-day entry."""
    return _node("ical_events.mjs", ics.decode())
