"""German is complete and compiled; every page string has a translation."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_german_catalogue_is_complete_and_not_fuzzy():
    po = polib.pofile(str(LOCALE / "de/LC_MESSAGES/django.po"))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()]
    assert not po.fuzzy_entries()


def test_compiled_catalogues_match_their_sources():
    for lang in ("de", "en"):
        po = polib.pofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.po"))
        mo = polib.mofile(str(LOCALE / f"{lang}/LC_MESSAGES/django.mo"))
        compiled = {(e.msgid, e.msgstr) for e in mo if not e.msgid_plural}
        source = {(e.msgid, e.msgstr) for e in po.translated_entries() if not e.msgid_plural}
        assert source <= compiled, "run `make messages` to recompile"
