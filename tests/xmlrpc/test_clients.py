"""Clients over XML-RPC, as an office's external tools use them."""

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
