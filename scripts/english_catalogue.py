"""Our msgids are English: the English catalogue repeats them as its text, so that every
string has English text and the translation test can insist on complete catalogues.
Where locale_overrides/en words a library's text differently ("Log in", not "Sign In"),
the catalogue takes that wording, since it outranks the overrides. Run by `make messages`."""

import polib

overrides = {
    e.msgid: e.msgstr for e in polib.pofile("locale_overrides/en/LC_MESSAGES/django.po") if e.msgstr
}
po = polib.pofile("locale/en/LC_MESSAGES/django.po")
for entry in po:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = overrides.get(entry.msgid, entry.msgid)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = None
po.save()
