"""crm_biuro_billing over XML-RPC: price a contract and bill one month for one client,
as an office's external tools do."""

import xmlrpc.client

import pytest

MONTH = "2026-02-01"


@pytest.fixture
def billed_client(rpc, installed_addons):
    if "crm_biuro_billing" not in installed_addons:
        pytest.skip("crm_biuro_billing is not installed in the test database")
    product_id = rpc(
        "product.product",
        "create",
        {"name": "KPiR do 30 dokumentów (RPC)", "type": "service", "list_price": 450},
    )
    client_id = rpc(
        "res.partner",
        "create",
        {
            "name": "Rozliczenia RPC sp. z o.o.",
            "is_company": True,
            "biuro_client": True,
            "biuro_state": "active",
        },
    )
    contract_id = rpc(
        "biuro.contract",
        "create",
        {
            "partner_id": client_id,
            "contract_type": "tax_advisory",
            "date_start": "2026-02-15",
            "state": "active",
            "line_ids": [
                (0, 0, {"product_id": product_id, "kind": "flat", "price": 560}),
                (
                    0,
                    0,
                    {
                        "product_id": product_id,
                        "kind": "per_document",
                        "price": 8,
                        "included_qty": 1,
                    },
                ),
            ],
        },
    )
    rpc(
        "biuro.document",
        "create",
        [
            {"partner_id": client_id, "name": f"FV {i}", "period": MONTH}
            for i in range(3)
        ],
    )
    yield client_id, contract_id
    invoices = rpc("account.move", "search", [("partner_id", "=", client_id)])
    rpc("account.move", "unlink", invoices)
    docs = rpc("biuro.document", "search", [("partner_id", "=", client_id)])
    rpc("biuro.document", "unlink", docs)
    rpc("biuro.contract", "unlink", [contract_id])
    rpc("res.partner", "write", [client_id], {"active": False})
    rpc("product.product", "write", [product_id], {"active": False})


def test_bill_one_month_for_one_client(rpc, billed_client):
    client_id, contract_id = billed_client
    [contract] = rpc("biuro.contract", "read", [contract_id], fields=["monthly_fee"])
    assert contract["monthly_fee"] == 560
    summary = rpc("biuro.billing.run", "bill_month", MONTH, [client_id])
    assert summary["state"] == "done"
    assert summary["month"] == MONTH
    assert summary["skipped"] == []
    [invoice_id] = summary["invoice_ids"]
    [invoice] = rpc(
        "account.move",
        "read",
        [invoice_id],
        fields=["partner_id", "state", "move_type", "amount_untaxed"],
    )
    assert invoice["partner_id"][0] == client_id
    assert (invoice["state"], invoice["move_type"]) == ("draft", "out_invoice")
    # 14 of February's 28 days of 560, and 2 documents above the one included
    assert invoice["amount_untaxed"] == 280 + 16
    # idempotent: the same month again bills nothing new
    again = rpc("biuro.billing.run", "bill_month", MONTH, [client_id])
    assert again["invoice_ids"] == []


def test_plain_office_user_cannot_bill(rpc, billed_client):
    client_id, _contract_id = billed_client
    login = "billing_rpc_user"
    users = rpc("res.users", "search", [("login", "=", login)])
    if not users:
        [group] = rpc(
            "ir.model.data",
            "search_read",
            [("module", "=", "crm_biuro"), ("name", "=", "group_biuro_user")],
            fields=["res_id"],
        )
        rpc(
            "res.users",
            "create",
            {
                "name": "Księgowa RPC",
                "login": login,
                "password": "billing-rpc-pass-2026",
                "groups_id": [(6, 0, [group["res_id"]])],
            },
        )
    user_rpc = rpc.as_user(login, "billing-rpc-pass-2026")
    with pytest.raises(xmlrpc.client.Fault) as fault:
        user_rpc("biuro.billing.run", "bill_month", MONTH, [client_id])
    assert fault.value.faultCode == 4  # Odoo's code for an AccessError
    assert rpc("account.move", "search", [("partner_id", "=", client_id)]) == []
