"""Legal-form codes are defined once (crm_biuro/legal_forms.py): the rule engine and
the registry applicability use exactly those codes. (The res.partner field and the
GUS/KRS mappings of "add a client by NIP" are checked in the Odoo test
crm_biuro_verify/tests/test_registry_table.py.)"""

import legal_forms
from obligation_rules import profile
from services import registry_table


def test_the_engine_knows_exactly_the_codes():
    assert profile.LEGAL_FORMS == legal_forms.CODES
    assert len(legal_forms.SELECTION) == len(legal_forms.CODES)  # no duplicate


def test_the_engine_rules_use_only_known_codes():
    for rule_forms in (
        profile.CIT_LEGAL_FORMS,
        profile.LEGAL_PERSON_FORMS,
        profile.ZUS_15TH_UNSURE_FORMS,
        profile.KRS_LEGAL_FORMS,
    ):
        assert rule_forms <= legal_forms.CODES


def test_crbr_applies_to_known_codes_only():
    assert registry_table.CRBR_LEGAL_FORMS <= legal_forms.CODES
