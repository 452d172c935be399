"""German is complete and compiled; every page string has a translation."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
# Where translatable strings live (what `make messages` scans, without tests).
SOURCE_DIRS = [
    "hubportal",
    "hubs",
    "notifications",
    "accounts",
    "events",
    "coworking",
    "funding",
    "figures",
    "showroom",
    "pages",
    "config",
    "locale",
]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_catalogue_is_complete_and_not_fuzzy(lang):
    po = polib.pofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries()


def test_every_string_in_the_code_is_in_the_catalogues(tmp_path):
    """makemessages finds nothing the catalogues lack (needs GNU gettext).

    It runs on a copy of the sources, so the work tree is never written to."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed")
    root = LOCALE.parent
    copy = tmp_path / "portal"
    for app in SOURCE_DIRS:
        shutil.copytree(root / app, copy / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(root / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        env={**os.environ, "DEBUG": "true"},
    )
    fresh = polib.pofile(str(copy / "locale/de/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in fresh.untranslated_entries() + fresh.fuzzy_entries()]
    assert missing == [], "run `make messages` and translate these"


def test_compiled_catalogues_match_their_sources():
    for lang in ("de", "en"):
        po = polib.pofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.po"))
        mo = polib.mofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.mo"))
        compiled = {(e.msgid, e.msgstr) for e in mo if not e.msgid_plural}
        source = {(e.msgid, e.msgstr) for e in po.translated_entries() if not e.msgid_plural}
        assert source <= compiled, "run `make messages` to recompile"


def test_allauth_overrides_are_compiled_and_say_sie():
    overrides = LOCALE.parent / "locale_overrides/de/LC_MESSAGES"
    po = polib.pofile(str(overrides / "django.po"))
    mo = polib.mofile(str(overrides / "django.mo"))
    assert {(e.msgid, e.msgstr) for e in po} <= {(e.msgid, e.msgstr) for e in mo}
    informal = [e.msgstr for e in po if re.search(r"\b(du|dein\w*|dich|dir)\b", e.msgstr, re.I)]
    assert informal == []
