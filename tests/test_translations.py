"""Russian first: every addon ships a complete Russian translation."""

from pathlib import Path

import polib
import pytest

ADDONS = sorted(
    p.parent for p in (Path(__file__).resolve().parent.parent / "addons").glob("*/__manifest__.py")
)


@pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])
def test_every_term_is_translated_to_russian(addon):
    po = polib.pofile(str(addon / "i18n" / "ru.po"))
    assert len(po) > 0
    assert not po.untranslated_entries(), [e.msgid for e in po.untranslated_entries()][:10]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:10]
    assert po.metadata.get("Language") == "ru"
    extra = addon / "i18n_extra" / "ru.po"
    if extra.exists():
        assert not polib.pofile(str(extra)).untranslated_entries()
