"""Human words for what the rule engine names with codes: the acts of a declaration
(its parts) and the acts of law in its legal basis. English sources, translated
with the Odoo translations of crm_biuro (i18n/pl.po).

A test (test_obligation_calendar) fails when the engine has a part without a
label here, so the calendar never shows a bare code."""

import re

from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

PART_LABELS = {
    "records": _lt("records"),
    "records_and_declaration": _lt("records and return"),
    "declaration": _lt("return"),
    "tax_office": _lt("to the tax office"),
    "employee": _lt("to the employees"),
    "prepare": _lt("prepared"),
    "approve": _lt("approved"),
    "file": _lt("filed"),
    "december": _lt("December"),
    "taxpayer": _lt("to the taxpayer"),
}

# The abbreviations of the catalogue's legal bases (see catalogue.py's docstring).
ACT_NAMES = {
    "VAT act": _lt("VAT act"),
    "PIT act": _lt("PIT act"),
    "lump-sum act": _lt("lump-sum act"),
    "CIT act": _lt("CIT act"),
    "SUS act": _lt("SUS act"),
    "UoR": _lt("Accounting act"),
    "Ordynacja": _lt("Tax ordinance"),
}
_ACTS = re.compile("|".join(re.escape(name) for name in ACT_NAMES))
# the other words of the legal bases (the longest first, so that they win)
_WORDS = {
    "days after approval": _lt("days after approval"),
    "days": _lt("days"),
    "office task before": _lt("office task before"),
    "Reg.": _lt("Reg."),
    "[verify paragraph]": _lt("[verify paragraph]"),
    "[verify paragraphs]": _lt("[verify paragraphs]"),
    "[verify]": _lt("[verify]"),
    "2025 KSeF amending act": _lt("2025 KSeF amending act"),
    "transitional provisions": _lt("transitional provisions"),
    "MF regulation on using KSeF": _lt("MF regulation on using KSeF"),
    "until 31 Dec 2026": _lt("until 31 Dec 2026"),
}
_WORD = re.compile(
    "|".join(re.escape(word) for word in sorted(_WORDS, key=len, reverse=True))
)


def part_label(env, part):
    if not part:
        return ""
    label = PART_LABELS.get(part)
    return env._(label) if label else part.replace("_", " ")


def legal_basis_text(env, basis):
    """The engine's legal basis ("VAT act art. 99 ust. 1") in the user's language."""
    basis = _ACTS.sub(lambda match: env._(ACT_NAMES[match.group(0)]), basis or "")
    return _WORD.sub(lambda match: env._(_WORDS[match.group(0)]), basis)
