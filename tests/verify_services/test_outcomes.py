"""What a registry's answer means for a client, table by table (services/outcomes.py,
without Odoo: the translation function and the labels are injected)."""

from datetime import date
from types import SimpleNamespace

import pytest
import registries
from services import outcomes

_ = outcomes.plain_text
VAT_LABELS = {"czynny": "Active VAT payer", "zwolniony": "VAT exempt"}


def test_plain_text_formats_like_odoo():
    assert _("a %s b", "x") == "a x b"
    assert _("%(n)s/%(m)s", n=1, m=2) == "1/2"
    assert _("no args 100%") == "no args 100%"


def test_a_translation_function_is_used_for_every_text():
    calls = []

    def tr(message, *args, **kwargs):
        calls.append(message)
        return "PL:" + _(message, *args, **kwargs)

    outcome = outcomes.krs_outcome(tr, None, {"found": True})
    assert outcome.summary == "PL:Not found in KRS."
    assert outcome.changes == [("PL:KRS", "PL:registered", "PL:not found")]
    assert "Not found in KRS." in calls


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "state", "summary_start"),
    [
        (
            outcomes.NotChecked(registries.Unavailable("down", registry="gus")),
            "unavailable",
            "Not checked: the registry was unavailable in this run",
        ),
        (
            registries.InvalidInput("bad NIP", registry="gus"),
            "warning",
            "The registry refused the query: gus: bad NIP",
        ),
        (
            registries.Unexpected("odd XML", registry="gus"),
            "unavailable",
            "Unexpected answer of the registry: gus: odd XML",
        ),
        (
            registries.Unavailable("timeout", registry="gus"),
            "unavailable",
            "Registry unavailable: gus: timeout",
        ),
    ],
)
def test_error_outcome(error, state, summary_start):
    outcome = outcomes.error_outcome(_, "gus", error)
    assert (outcome.registry, outcome.state) == ("gus", state)
    assert outcome.summary.startswith(summary_start)
    # an error never changes data: no snapshot, no updates, no alert
    assert outcome.snapshot is None and not outcome.updates and not outcome.alert


def test_client_failure_is_an_outage_of_the_run():
    failure = outcomes.client_failure("krs", KeyError("x"))
    assert isinstance(failure, registries.Unavailable)
    assert failure.reason == registries.errors.REASON_MALFORMED


# --- GUS ------------------------------------------------------------------------------


def gus_found(name="ACME SP. Z O.O.", end_date=None, street="Prosta"):
    entity = registries.GusEntity(
        regon="012345678",
        nip="5260250274",
        name=name,
        type="P",
        silo_id="6",
        city="Warszawa",
        postal_code="00-001",
        street=street,
        house_number="1",
        end_date=end_date,
    )
    return registries.GusSearchResult("5260250274", [entity], "<xml/>")


GUS_PREV = {
    "found": True,
    "regon": "012345678",
    "name": "ACME SP. Z O.O.",
    "address": "Prosta 1, 00-001 Warszawa",
    "end_date": "",
}


@pytest.mark.parametrize(
    ("result", "prev", "state", "alert", "change_labels"),
    [
        (None, None, "not_found", False, []),
        (None, GUS_PREV, "not_found", True, ["REGON register"]),
        (gus_found(), None, "ok", False, []),
        (gus_found(), GUS_PREV, "ok", False, []),
        (gus_found(name="ACME S.A."), GUS_PREV, "changed", True, ["Name"]),
        (gus_found(street="Krzywa"), GUS_PREV, "changed", True, ["Address"]),
        (
            gus_found(end_date=date(2026, 3, 31)),
            GUS_PREV,
            "changed",
            True,
            ["Activity"],
        ),
        (gus_found(end_date=date(2026, 3, 31)), None, "changed", True, ["Activity"]),
    ],
)
def test_gus_outcome(result, prev, state, alert, change_labels):
    outcome = outcomes.gus_outcome(_, result, prev)
    assert outcome.state == state
    assert outcome.alert is alert
    assert [label for label, _old, _new in outcome.changes] == change_labels


def test_gus_outcome_fills_the_regon_and_keeps_a_snapshot():
    outcome = outcomes.gus_outcome(_, gus_found())
    assert outcome.fill == {"biuro_regon": "012345678"}
    assert outcome.snapshot["address"] == "Prosta 1, 00-001 Warszawa"
    assert outcome.summary == "Active in REGON: ACME SP. Z O.O., REGON 012345678"


def test_gus_search_error_is_an_error_outcome():
    result = registries.GusSearchResult(
        "5260250274", error=registries.Unavailable("down", registry="gus")
    )
    assert outcomes.gus_outcome(_, result).state == "unavailable"


# --- white list -------------------------------------------------------------------

NRB_A = "61109010140000071219812874"
NRB_B = "27114020040000300201355387"


def wl(status="Czynny", accounts=(NRB_A,), found=True):
    subject = None
    if found:
        subject = registries.WhiteListSubject(
            name="ACME", nip="5260250274", status_vat=status, krs="0000012345"
        )
        subject.account_numbers = list(accounts)
    return registries.WhiteListResult("5260250274", subject, "req-1")


@pytest.mark.parametrize(
    ("result", "prev", "kwargs", "state", "alert", "change_labels"),
    [
        (wl(found=False), None, {}, "not_found", False, []),
        (wl(found=False), None, {"vat_status": "czynny"}, "not_found", True, []),
        (wl(found=False), {"found": True}, {}, "not_found", True, ["VAT register"]),
        (wl(), None, {"vat_status": "czynny"}, "ok", False, []),
        (
            wl(),
            None,
            {"vat_status": "zwolniony"},
            "changed",
            True,
            ["VAT status"],
        ),
        (
            wl(accounts=(NRB_B,)),
            {"found": True, "accounts": [NRB_A]},
            {"vat_status": "czynny"},
            "changed",
            True,
            ["Bank accounts on the white list"],
        ),
        (
            wl(),
            None,
            {"vat_status": "czynny", "client_accounts": [NRB_B]},
            "warning",
            False,
            [],
        ),
    ],
)
def test_whitelist_outcome(result, prev, kwargs, state, alert, change_labels):
    outcome = outcomes.whitelist_outcome(
        _, result, prev, vat_labels=VAT_LABELS, **kwargs
    )
    assert outcome.state == state
    assert outcome.alert is alert
    assert [label for label, _old, _new in outcome.changes] == change_labels


def test_whitelist_vat_change_uses_the_injected_labels():
    outcome = outcomes.whitelist_outcome(
        _, wl(), vat_status="zwolniony", vat_labels=VAT_LABELS
    )
    assert outcome.changes == [("VAT status", "VAT exempt", "Active VAT payer")]
    assert outcome.updates == {"biuro_vat_status": "czynny"}
    assert outcome.accounts == [NRB_A]
    assert outcome.fill["biuro_krs"] == "0000012345"


def test_whitelist_without_labels_shows_the_keys():
    outcome = outcomes.whitelist_outcome(_, wl(), vat_status="zwolniony")
    assert outcome.changes == [("VAT status", "zwolniony", "czynny")]


def test_whitelist_missing_account_is_named():
    outcome = outcomes.whitelist_outcome(_, wl(), client_accounts=[NRB_B])
    assert outcome.summary == f"Bank account(s) not on the white list: {NRB_B}"


# --- VIES -------------------------------------------------------------------------


def vies(valid):
    return registries.ViesResult("PL", "5260250274", valid, name="ACME")


@pytest.mark.parametrize(
    ("valid", "prev", "state", "alert"),
    [
        (True, None, "ok", False),
        (False, None, "not_found", False),
        (True, {"found": True, "valid": True}, "ok", False),
        (False, {"found": True, "valid": True}, "not_found", True),
        (True, {"found": True, "valid": False}, "changed", True),
    ],
)
def test_vies_outcome(valid, prev, state, alert):
    outcome = outcomes.vies_outcome(_, vies(valid), prev)
    assert (outcome.state, outcome.alert) == (state, alert)
    assert outcome.snapshot == {"found": True, "valid": valid, "name": "ACME"}


# --- KRS --------------------------------------------------------------------------


def krs(name="ACME SP. Z O.O.", entry=7):
    return registries.KrsExtract(
        krs="0000012345",
        register="P",
        name=name,
        legal_form="SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
        regon="01234567800000",
        address=registries.krs.KrsAddress(
            street="Prosta", house_number="1", postal_code="00-001", city="Warszawa"
        ),
        last_entry_number=entry,
    )


KRS_PREV = {
    "found": True,
    "name": "ACME SP. Z O.O.",
    "legal_form": "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ",
    "address": "Prosta 1, 00-001 Warszawa",
    "entry": "7",
}


@pytest.mark.parametrize(
    ("extract", "prev", "state", "change_labels"),
    [
        (None, None, "not_found", []),
        (None, KRS_PREV, "not_found", ["KRS"]),
        (krs(), None, "ok", []),
        (krs(), KRS_PREV, "ok", []),
        (krs(entry=8), KRS_PREV, "changed", ["Last KRS entry"]),
        (krs(name="ACME S.A."), KRS_PREV, "changed", ["Name"]),
    ],
)
def test_krs_outcome(extract, prev, state, change_labels):
    outcome = outcomes.krs_outcome(_, extract, prev)
    assert outcome.state == state
    assert [label for label, _old, _new in outcome.changes] == change_labels
    assert outcome.alert is bool(change_labels)


# --- CRBR -------------------------------------------------------------------------


def owner(name, interest="udziały 100%"):
    return SimpleNamespace(
        name=name, citizenships=[], residence_country=None, interest_summary=interest
    )


def crbr(*owners):
    return SimpleNamespace(
        found=bool(owners), owners=list(owners), request_id="r-1", raw=""
    )


@pytest.mark.parametrize(
    ("result", "prev", "crbr_owners", "declared", "state", "alert"),
    [
        (crbr(), None, None, (), "not_found", False),
        (
            crbr(),
            {"found": True, "owners": [{"name": "JAN NOWAK"}]},
            None,
            (),
            "not_found",
            True,
        ),
        (crbr(owner("JAN NOWAK")), None, None, (), "ok", False),
        (
            crbr(owner("JAN NOWAK")),
            None,
            None,
            [{"name": "Jan Nowak"}],
            "ok",
            False,
        ),
        (
            crbr(owner("JAN NOWAK")),
            None,
            None,
            [{"name": "Anna Kowalska"}],
            "warning",
            False,
        ),
        (
            crbr(owner("JAN NOWAK")),
            None,
            [{"name": "ANNA KOWALSKA", "interest": "udziały 100%"}],
            (),
            "changed",
            True,
        ),
        (
            crbr(owner("JAN NOWAK")),
            {
                "found": True,
                "owners": [{"name": "JAN NOWAK", "interest": "udziały 100%"}],
            },
            None,
            (),
            "ok",
            False,
        ),
    ],
)
def test_crbr_outcome(result, prev, crbr_owners, declared, state, alert):
    outcome = outcomes.crbr_outcome(_, result, prev, crbr_owners, declared)
    assert (outcome.state, outcome.alert) == (state, alert)
