"""Rebuild an addon's i18n/ru.po from a fresh `odoo-bin --i18n-export` (.pot): every term
and every place it is used, as Odoo exports them, with the Russian of ru.po by msgid.
Terms the code no longer has are dropped; terms without Russian are listed and left empty
(the translation test then fails until someone translates them).

Usage: python scripts/i18n_merge.py FRESH.pot addons/<addon>/i18n/ru.po
"""

# pylint: disable=print-used
import sys

import polib


def merge(pot_path, po_path):
    pot, old = polib.pofile(pot_path), polib.pofile(po_path)
    russian = {entry.msgid: entry.msgstr for entry in old if entry.translated()}
    new = polib.POFile()
    new.metadata = old.metadata
    new.header = old.header
    missing = []
    for entry in pot:
        if not entry.msgid:
            continue
        new.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=russian.get(entry.msgid, ""),
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=entry.tcomment,
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
        if entry.msgid not in russian:
            missing.append(entry.msgid)
    new.save(po_path)
    return missing


if __name__ == "__main__":
    untranslated = merge(*sys.argv[1:3])
    for msgid in untranslated:
        print(f"untranslated: {msgid!r}")
    print(f"{len(untranslated)} untranslated")
