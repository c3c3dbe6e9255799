"""The compliance file over XML-RPC: an external tool (or the AML officer's own
script) reads a client's AML state and powers of attorney; office users without the
AML role get a fault for the AML data but read the powers of attorney."""

import uuid
import xmlrpc.client

import pytest


def group_id(rpc, module, name):
    [row] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return row["res_id"]


@pytest.fixture
def world(rpc, installed_addons):
    if "crm_biuro_compliance" not in installed_addons:
        pytest.skip("crm_biuro_compliance is not installed in the test database")
    tag = uuid.uuid4().hex[:8]
    client = rpc(
        "res.partner",
        "create",
        {
            "name": f"Zgodność {tag} sp. z o.o.",
            "is_company": True,
            "biuro_client": True,
        },
    )
    users = {}
    for role, groups in (
        ("aml", [("crm_biuro_compliance", "group_biuro_aml")]),
        ("office", [("crm_biuro", "group_biuro_user")]),
    ):
        login, password = f"{role}-{tag}@rpc.test", f"Haslo-{tag}-123"
        users[role] = rpc(
            "res.users",
            "create",
            {
                "name": f"{role} {tag}",
                "login": login,
                "email": login,
                "password": password,
                "groups_id": [(6, 0, [group_id(rpc, m, n) for m, n in groups])],
            },
            context={"no_reset_password": True},
        )
        users[f"{role}_session"] = rpc.as_user(login, password)
    case = rpc(
        "biuro.aml.case",
        "create",
        {
            "partner_id": client,
            "risk_client": "high",
            "relationship_purpose": "Pełna księgowość",
            "source_of_funds": "Przychody ze sprzedaży",
        },
    )
    rpc(
        "biuro.aml.person",
        "create",
        {"case_id": case, "name": "Jan Kowalski", "is_ubo": True, "share_percent": 100},
    )
    mandate = rpc(
        "biuro.mandate",
        "create",
        {
            "partner_id": client,
            "mandate_type": "upl1",
            "attorney_id": users["office"],
            "date_from": "2026-01-01",
            "date_to": "2030-12-31",
        },
    )
    yield {"client": client, "case": case, "mandate": mandate, **users}
    rpc("biuro.aml.case", "unlink", [case])
    rpc("biuro.mandate", "unlink", [mandate])
    rpc("res.users", "write", [users["aml"], users["office"]], {"active": False})
    rpc("res.partner", "unlink", [client])


def test_aml_officer_reads_the_state_and_the_mandates(world):
    session = world["aml_session"]
    # the workflow answers True (marshallable) at each step
    assert session("biuro.aml.case", "action_compare_crbr", [world["case"]]) is True
    [case] = session(
        "biuro.aml.case",
        "search_read",
        [("partner_id", "=", world["client"])],
        fields=[
            "risk_level",
            "measures",
            "state",
            "ubo_comparison_state",
            "open_discrepancy_count",
            "next_review_date",
        ],
    )
    assert case["risk_level"] == "high"
    assert case["measures"] == "enhanced"
    # no CRBR answer yet: the office's UBO is not in CRBR
    assert case["ubo_comparison_state"] == "discrepancy"
    assert case["open_discrepancy_count"] == 1
    assert session("biuro.aml.case", "action_submit", [world["case"]]) is True
    with pytest.raises(xmlrpc.client.Fault) as fault:
        session(
            "biuro.aml.case",
            "action_approve",
            [world["case"]],
            context={"lang": "en_US"},
        )
    assert "discrepancies with CRBR are open" in fault.value.faultString
    [line] = session(
        "biuro.aml.discrepancy", "search", [("case_id", "=", world["case"])]
    )
    session(
        "biuro.aml.discrepancy",
        "write",
        [line],
        {"report_date": "2026-12-04", "report_reference": "CRBR/2026/1"},
    )
    assert session("biuro.aml.discrepancy", "action_report", [line]) is True
    assert session("biuro.aml.case", "action_approve", [world["case"]]) is True
    [client] = session(
        "res.partner",
        "read",
        [world["client"]],
        fields=["biuro_aml_state", "biuro_aml_risk_level", "biuro_aml_next_review"],
    )
    assert client["biuro_aml_state"] == "approved"
    assert client["biuro_aml_risk_level"] == "high"
    assert client["biuro_aml_next_review"]
    assert session("biuro.mandate", "action_activate", [world["mandate"]]) is True
    [mandate] = session(
        "biuro.mandate",
        "search_read",
        [("partner_id", "=", world["client"])],
        fields=["mandate_type", "attorney_id", "date_to", "state"],
    )
    assert mandate["mandate_type"] == "upl1"
    assert mandate["attorney_id"][0] == world["office"]
    assert mandate["date_to"] == "2030-12-31"
    assert mandate["state"] == "active"


def test_office_user_reads_mandates_but_no_aml_data(world):
    session = world["office_session"]
    assert session(
        "biuro.mandate", "search", [("partner_id", "=", world["client"])]
    ) == [world["mandate"]]
    with pytest.raises(xmlrpc.client.Fault):
        session("biuro.aml.case", "search_read", [], fields=["risk_level"])
    with pytest.raises(xmlrpc.client.Fault):
        session("res.partner", "read", [world["client"]], fields=["biuro_aml_state"])


def test_review_reject_and_revoke_answer_true(world, rpc):
    """The other AML and mandate actions of the README answer True, and refuse with
    a fault (not a marshalling error) when the record is in the wrong state."""
    session = world["aml_session"]
    with pytest.raises(xmlrpc.client.Fault) as fault:
        session(
            "biuro.aml.case",
            "action_start_review",
            [world["case"]],
            context={"lang": "en_US"},
        )
    assert "Only an approved case can be reviewed" in fault.value.faultString
    assert session("biuro.aml.case", "action_reject", [world["case"]]) is True
    [case] = session("biuro.aml.case", "read", [world["case"]], fields=["state"])
    assert case["state"] == "rejected"

    office = world["office_session"]
    assert office("biuro.mandate", "action_activate", [world["mandate"]]) is True
    with pytest.raises(xmlrpc.client.Fault) as fault:
        office(
            "biuro.mandate",
            "action_revoke",
            [world["mandate"]],
            context={"lang": "en_US"},
        )
    assert "Give the revocation date and form" in fault.value.faultString
    office(
        "biuro.mandate",
        "write",
        [world["mandate"]],
        {"revocation_date": "2026-12-01", "revocation_form": "opo1"},
    )
    assert office("biuro.mandate", "action_revoke", [world["mandate"]]) is True
    [mandate] = office("biuro.mandate", "read", [world["mandate"]], fields=["state"])
    assert mandate["state"] != "active"


def test_approval_cannot_be_written_by_hand(world):
    """What the approve button sets after its checks (open discrepancies, the
    people identified) is refused to a plain write, even for the AML officer."""
    session = world["aml_session"]
    for vals in (
        {"state": "approved"},
        {"approval_date": "2024-01-02", "approver_id": world["office"]},
        {"ubo_comparison_state": "match"},
    ):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            session(
                "biuro.aml.case",
                "write",
                [world["case"]],
                vals,
                context={"lang": "en_US"},
            )
        assert "only through the record's buttons" in fault.value.faultString
    [case] = session(
        "biuro.aml.case", "read", [world["case"]], fields=["state", "approval_date"]
    )
    assert case == {"id": world["case"], "state": "draft", "approval_date": False}
