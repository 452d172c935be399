"""Our msgids are English: the English catalogue repeats them as its text, so that every
string has English text and the translation test can insist on complete catalogues.
Run by `make messages`."""

import polib

po = polib.pofile("locale/en/LC_MESSAGES/django.po")
for entry in po:
    if entry.msgid_plural:
        entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
    else:
        entry.msgstr = entry.msgid
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgid = entry.previous_msgid_plural = None
po.save()
