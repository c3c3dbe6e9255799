"""The registry table (services/registry_table.py): one entry per registry, and the
rules every part of the addon reads from it."""

from types import SimpleNamespace

import pytest
import registries
from services import outcomes, registry_table

_ = outcomes.plain_text
NIP = "5260250274"


def partner(**values):
    base = {
        "biuro_nip": NIP,
        "biuro_krs": "",
        "biuro_vat_ue": False,
        "biuro_legal_form": "jdg",
        "biuro_vat_status": "czynny",
        "biuro_beneficial_owner_ids": [],
    }
    base.update(values)
    return SimpleNamespace(**base)


def test_every_registry_has_an_entry_with_a_client_module():
    assert registry_table.ORDER == ("gus", "whitelist", "vies", "krs", "crbr")
    for entry in registry_table.REGISTRIES:
        assert entry.name in registries.ENDPOINTS
        assert entry.unit > 0
        assert entry.settings_field == f"biuro_verify_{entry.name}_enabled"


def test_derived_tables():
    assert registry_table.BAR == (
        ("gus", "GUS"),
        ("whitelist", "VAT PL"),
        ("vies", "VAT EU"),
        ("crbr", "CRBR"),
    )
    assert registry_table.SETTINGS_SWITCHES["biuro_verify_krs_enabled"] == "krs"
    assert [name for name, _label in registry_table.SELECTION] == list(
        registry_table.ORDER
    )
    # the units of the batch APIs: 20 NIPs per GUS search, 30 per white-list search
    assert {r.name: (r.unit, r.per_item) for r in registry_table.REGISTRIES} == {
        "gus": (20, False),
        "whitelist": (30, False),
        "vies": (10, True),
        "krs": (10, True),
        "crbr": (10, True),
    }


@pytest.mark.parametrize(
    ("values", "applicable"),
    [
        ({}, {"gus", "whitelist"}),
        ({"biuro_nip": "5260250275"}, set()),  # wrong check digit
        ({"biuro_vat_ue": True}, {"gus", "whitelist", "vies"}),
        ({"biuro_krs": "12345"}, {"gus", "whitelist", "krs"}),
        ({"biuro_krs": "0000000000"}, {"gus", "whitelist"}),
        ({"biuro_legal_form": "spzoo"}, {"gus", "whitelist", "crbr"}),
        ({"biuro_legal_form": "sc"}, {"gus", "whitelist"}),
        ({"biuro_nip": False, "biuro_krs": "12345"}, {"krs"}),
    ],
)
def test_applicability(values, applicable):
    client = partner(**values)
    found = {r.name for r in registry_table.REGISTRIES if r.applies(client)}
    assert found == applicable


class RecordingClient:
    def __init__(self, answer=None, error=None):
        self.answer = answer or {}
        self.error = error
        self.asked = []

    def search_nips(self, nips, day=None):
        self.asked.append((tuple(nips), day))
        if self.error:
            raise self.error
        return self.answer


def test_batch_ask_maps_answers_and_errors_to_each_client():
    entry = registry_table.BY_NAME["whitelist"]
    items = [{"id": 1, "nip": NIP}, {"id": 2, "nip": "1234563218"}]
    client = RecordingClient(answer={NIP: "found"})
    assert entry.ask(client, items, "2026-12-04") == {1: "found", 2: None}
    assert client.asked == [((NIP, "1234563218"), "2026-12-04")]
    error = registries.Unavailable("down", registry="whitelist")
    assert entry.ask(RecordingClient(error=error), items, None) == {1: error, 2: error}


@pytest.mark.parametrize(
    ("registry", "state"),
    [("gus", "not_found"), ("krs", "not_found"), ("whitelist", "unavailable")]
    + [("vies", "unavailable"), ("crbr", "unavailable")],
)
def test_a_missing_answer(registry, state):
    outcome = registry_table.outcome_of(_, registry, partner(), None, None)
    assert outcome.state == state


def test_outcome_of_an_error_or_a_skipped_client():
    error = registries.InvalidInput("bad", registry="vies")
    assert registry_table.outcome_of(_, "vies", partner(), error, None).state == (
        "warning"
    )
    skipped = outcomes.NotChecked(error)
    assert registry_table.outcome_of(_, "vies", partner(), skipped, None).state == (
        "unavailable"
    )


def test_outcome_of_passes_the_client_to_the_mapping():
    owners = [SimpleNamespace(name="Anna Kowalska", interest="", source="declared")]
    client = partner(biuro_legal_form="spzoo", biuro_beneficial_owner_ids=owners)
    result = SimpleNamespace(
        found=True,
        owners=[
            SimpleNamespace(
                name="JAN NOWAK",
                citizenships=[],
                residence_country=None,
                interest_summary="",
            )
        ],
        request_id="",
        raw="",
    )
    outcome = registry_table.outcome_of(_, "crbr", client, result, None)
    assert outcome.state == "warning"  # declared owner differs from CRBR


def test_whitelist_mapping_reads_the_odoo_side_context():
    subject = registries.WhiteListSubject(
        name="ACME", nip=NIP, status_vat="Zwolniony", regon="", krs=""
    )
    result = registries.WhiteListResult(NIP, subject, "req")
    context = {
        "vat_status": {"czynny": "Active VAT payer", "zwolniony": "VAT exempt"},
        "client_accounts": lambda p: ["61109010140000071219812874"],
    }
    outcome = registry_table.outcome_of(
        _, "whitelist", partner(), result, None, context
    )
    # a change of VAT status (labels from the context) and the client's account
    # missing from the list (accounts from the context)
    assert outcome.state == "changed" and outcome.alert
    assert "61109010140000071219812874" in outcome.summary
    assert outcome.changes == [("VAT status", "Active VAT payer", "VAT exempt")]
    assert outcome.updates == {"biuro_vat_status": "zwolniony"}
