"""Clients over XML-RPC, as an office's external tools use them."""

import base64
import xmlrpc.client

import pytest

NIP = "7010011115"


@pytest.fixture
def client_id(rpc):
    ids = rpc("res.partner", "search", [("biuro_nip", "=", NIP)])
    if ids:
        rpc("res.partner", "unlink", ids)
    new_id = rpc(
        "res.partner",
        "create",
        {
            "name": "Klient RPC sp. z o.o.",
            "is_company": True,
            "biuro_client": True,
            "vat": "PL 701-001-11-15",
            "biuro_legal_form": "spzoo",
            "biuro_tax_form": "cit",
            "biuro_vat_status": "czynny",
            "biuro_vat_period": "monthly",
            "biuro_employer": True,
        },
    )
    yield new_id
    rpc("res.partner", "unlink", [new_id])


def test_create_client_with_nip_and_tax_profile(rpc, client_id):
    [client] = rpc(
        "res.partner",
        "read",
        [client_id],
        fields=["biuro_nip", "biuro_tax_form", "biuro_state", "biuro_payment_state"],
    )
    assert client["biuro_nip"] == NIP
    assert client["biuro_tax_form"] == "cit"
    assert client["biuro_state"] == "potential"
    assert client["biuro_payment_state"] == "none"


@pytest.mark.parametrize("typed", ["701-001-11-15", "PL7010011115", "PL 701 001 11 15"])
def test_search_by_formatted_nip(rpc, client_id, typed):
    assert rpc("res.partner", "search", [("biuro_nip", "=", typed)]) == [client_id]


def test_bad_nip_is_a_fault_with_the_message(rpc):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc(
            "res.partner",
            "create",
            {"name": "Zły NIP", "vat": "PL 701-001-11-16"},
            context={"lang": "en_US"},
        )
    assert "Invalid NIP PL 701-001-11-16" in fault.value.faultString
    # Odoo answers a UserError/ValidationError with fault code 2 (a "warning")
    assert fault.value.faultCode == 2


def test_bad_nip_message_in_polish(rpc):
    """The office works in Polish: the fault carries the translated message."""
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc(
            "res.partner",
            "create",
            {"name": "Zły NIP", "vat": "7010011116"},
            context={"lang": "pl_PL"},
        )
    assert "Nieprawidłowy NIP 7010011116" in fault.value.faultString


def test_duplicate_nip_is_refused(rpc, client_id):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc(
            "res.partner",
            "create",
            {"name": "Kopia", "is_company": True, "biuro_client": True, "vat": NIP},
            context={"lang": "en_US"},
        )
    assert "already exists" in fault.value.faultString


OFFICE_LOGIN = "rpc_office_user_a"
OFFICE_PASSWORD = "rpc-office-user-a-2026"
OTHER_NIP = "9542638005"


def _xmlid(rpc, module, name):
    [row] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return row["res_id"]


@pytest.fixture(scope="module")
def office(rpc):
    """An office user (the lowest office role) of the main company only."""
    main_company = _xmlid(rpc, "base", "main_company")
    if not rpc(
        "res.users",
        "search",
        [("login", "=", OFFICE_LOGIN)],
        context={"active_test": False},
    ):
        rpc(
            "res.users",
            "create",
            {
                "name": "Office user A (RPC)",
                "login": OFFICE_LOGIN,
                "email": f"{OFFICE_LOGIN}@example.com",
                "password": OFFICE_PASSWORD,
                "company_id": main_company,
                "company_ids": [(6, 0, [main_company])],
                "groups_id": [(6, 0, [_xmlid(rpc, "crm_biuro", "group_biuro_user")])],
            },
        )
    return rpc.as_user(OFFICE_LOGIN, OFFICE_PASSWORD)


@pytest.fixture
def foreign_client(rpc):
    """A client of a second office company, which the office user is not in."""
    company = rpc("res.company", "search", [("name", "=", "Biuro Drugie (RPC)")])
    company_id = (
        company[0]
        if company
        else rpc("res.company", "create", {"name": "Biuro Drugie (RPC)"})
    )
    rpc("res.users", "write", [rpc.uid], {"company_ids": [(4, company_id)]})
    old = rpc(
        "res.partner",
        "search",
        [("biuro_nip", "=", OTHER_NIP)],
        context={"active_test": False},
    )
    if old:
        rpc("res.partner", "unlink", old)
    new_id = rpc(
        "res.partner",
        "create",
        {
            "name": "Tajny Klient Drugiego Biura",
            "is_company": True,
            "biuro_client": True,
            "vat": OTHER_NIP,
            "company_id": company_id,
        },
    )
    yield new_id
    rpc("res.partner", "unlink", [new_id])


def test_duplicate_nip_of_another_company_is_not_named(office, foreign_client):
    """Review F10: the refusal does not disclose a client the caller cannot read."""
    with pytest.raises(xmlrpc.client.Fault) as fault:
        office(
            "res.partner",
            "create",
            {
                "name": "Nowy",
                "is_company": True,
                "biuro_client": True,
                "vat": OTHER_NIP,
            },
            context={"lang": "en_US"},
        )
    assert f"A client with NIP {OTHER_NIP} already exists" in fault.value.faultString
    assert "Tajny" not in fault.value.faultString
    assert fault.value.faultCode == 2


@pytest.mark.parametrize(
    "method",
    [
        "action_biuro_suggest_declarations",
        "action_biuro_generate_obligations",
        "action_biuro_export_vcard",
        "action_biuro_dashboard",
        "action_biuro_open_contracts",
        "action_biuro_open_inspections",
        "action_biuro_open_documents",
        "action_biuro_open_emails",
        "action_biuro_open_activities",
    ],
)
def test_client_actions_answer_over_xmlrpc(office, client_id, method):
    """Public methods of a client answer values XML-RPC carries (no None)."""
    result = office("res.partner", method, [client_id])
    assert result is True or isinstance(result, dict)


def test_contract_actions_answer_over_xmlrpc(office, rpc, client_id):
    contract = office(
        "biuro.contract",
        "create",
        {"partner_id": client_id, "contract_type": "payroll"},
    )
    for method in ("action_activate", "action_terminate", "action_draft"):
        assert office("biuro.contract", method, [contract]) is True
    # the number is the office's: a second contract may not take it
    [first] = office("biuro.contract", "read", [contract], fields=["name"])
    other = office(
        "biuro.contract", "create", {"partner_id": client_id, "contract_type": "audit"}
    )
    with pytest.raises(xmlrpc.client.Fault) as fault:
        office(
            "biuro.contract",
            "write",
            [other],
            {"name": first["name"]},
            context={"lang": "pl_PL"},
        )
    assert f"Numer umowy {first['name']} jest już używany" in fault.value.faultString
    rpc("biuro.contract", "unlink", [contract, other])


def test_document_upload_and_states_answer_over_xmlrpc(office, rpc, client_id):
    document = office(
        "biuro.document",
        "create",
        {
            "partner_id": client_id,
            "name": "wyciag.pdf",
            "file_name": "wyciag.pdf",
            "file": base64.b64encode(b"%PDF-1.4 wyciag").decode(),
        },
    )
    assert isinstance(document, int)
    for method, state in (
        ("action_processed", "processed"),
        ("action_rejected", "rejected"),
    ):
        assert office("biuro.document", method, [document]) is True
        [row] = office("biuro.document", "read", [document], fields=["state"])
        assert row["state"] == state
    rows = office(
        "biuro.document",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["name", "state", "period", "category_id", "file_name"],
    )
    assert [row["id"] for row in rows] == [document]
    rpc("biuro.document", "unlink", [document])
