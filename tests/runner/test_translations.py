"""Each addon's Polish translation is complete and reaches Odoo.

Odoo merges an addon's `i18n/pl.po` with its `.pot` when it loads it, and drops every
entry the `.pot` does not hold: a translation added to the `.po` only is silently lost.
So: every source text of the `.pot` has a Polish text, and every Polish text has its
source in the `.pot`.
"""

import pathlib

import pytest
from babel.messages.pofile import read_po

REPO = pathlib.Path(__file__).resolve().parents[2]
ADDONS = sorted(p.parent for p in REPO.glob("crm_biuro*/__manifest__.py"))


def messages(path, translated_only=False):
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    return {
        str(message.id)
        for message in catalog
        if message.id and (not translated_only or message.string and not message.fuzzy)
    }


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_polish_translation_is_complete(addon):
    sources = messages(addon / "i18n" / f"{addon.name}.pot")
    polish = messages(addon / "i18n" / "pl.po", translated_only=True)
    assert sources, "empty .pot"
    assert not sorted(sources - polish), "untranslated in pl.po"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_every_translation_reaches_odoo(addon):
    sources = messages(addon / "i18n" / f"{addon.name}.pot")
    polish = messages(addon / "i18n" / "pl.po", translated_only=True)
    assert not sorted(polish - sources), "in pl.po but not in the .pot (Odoo drops it)"
