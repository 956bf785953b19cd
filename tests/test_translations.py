"""Russian first: every addon ships a complete Russian translation."""

import os
import subprocess
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
    orphans = [e.msgid[:60] for e in po if "module: " not in (e.comment or "")]
    assert (
        not orphans
    ), f"entries without their '#. module:' line (Odoo refuses the file): {orphans}"
    extra = addon / "i18n_extra" / "ru.po"
    if extra.exists():
        assert not polib.pofile(str(extra)).untranslated_entries()


@pytest.fixture(scope="session")
def fresh_exports(tmp_path_factory):
    """A fresh `odoo-bin --i18n-export` of each addon from the test database: the terms
    the code and data hold today, not those ru.po happens to list."""
    for var in ("SCE_ODOO", "SCE_PY", "SCE_CONF", "SCE_TEST_DB"):
        if not os.environ.get(var):
            pytest.fail(f"{var} is not set: run the suite with `make test`")
    folder = tmp_path_factory.mktemp("i18n")
    exports = {}
    for addon in ADDONS:
        target = folder / f"{addon.name}.pot"
        subprocess.run(
            [
                os.environ["SCE_PY"],
                os.path.join(os.environ["SCE_ODOO"], "odoo-bin"),
                "-c",
                os.environ["SCE_CONF"],
                "-d",
                os.environ["SCE_TEST_DB"],
                f"--i18n-export={target}",
                f"--modules={addon.name}",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
            timeout=600,
        )
        exports[addon.name] = polib.pofile(str(target))
    return exports


@pytest.mark.parametrize("addon", ADDONS, ids=[a.name for a in ADDONS])
def test_every_term_of_a_fresh_export_is_in_russian(addon, fresh_exports):
    """A new user-visible string that nobody translated fails here; so does a known
    string in a new place of the data (a selection of a new field, a view): Odoo
    translates data terms place by place, not by their text."""
    russian = [e for e in polib.pofile(str(addon / "i18n" / "ru.po")) if e.translated()]
    translated = {entry.msgid for entry in russian}
    placed = {(entry.msgid, place) for entry in russian for place, _line in entry.occurrences}
    missing, unplaced = [], []
    for entry in fresh_exports[addon.name]:
        if not entry.msgid:
            continue
        if entry.msgid not in translated:
            missing.append(entry.msgid)
            continue
        unplaced += [
            f"{entry.msgid} @ {place}"
            for place, _line in entry.occurrences
            if place.startswith("model") and (entry.msgid, place) not in placed
        ]
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:10]}"
    assert not unplaced, (
        f"{len(unplaced)} terms lack a place ru.po must name (scripts/i18n_merge.py), "
        f"e.g. {unplaced[:5]}"
    )
