"""An external tool reads a client's tax profile history and its obligations for a
month over XML-RPC."""

import datetime

import pytest

NIP = "7010011115"


def next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@pytest.fixture
def client_id(rpc):
    old = rpc("res.partner", "search", [("biuro_nip", "=", NIP)])
    if old:
        rpc("res.partner", "unlink", old)
    codes = ["JPK_V7M", "ZUS_DRA", "PIT_ADV", "PIT36L"]
    declaration_ids = rpc("biuro.declaration.type", "search", [("code", "in", codes)])
    new_id = rpc(
        "res.partner",
        "create",
        {
            "name": "Historia Profilu RPC",
            "is_company": True,
            "biuro_client": True,
            "biuro_state": "active",
            "vat": NIP,
            "biuro_legal_form": "jdg",
            "biuro_tax_form": "liniowy",
            "biuro_vat_status": "czynny",
            "biuro_vat_period": "monthly",
            "biuro_zus_scheme": "duzy",
            "biuro_declaration_ids": [(6, 0, declaration_ids)],
        },
    )
    yield new_id
    rpc("res.partner", "unlink", [new_id])


def test_profile_history_and_obligations_of_a_month(rpc, client_id):
    today = datetime.date.today()
    first = next_month(today)
    # from the month after next the client settles VAT quarterly
    change_from = next_month(first)
    rpc(
        "res.partner",
        "write",
        [client_id],
        {"biuro_vat_period": "quarterly", "biuro_profile_date_from": str(change_from)},
    )
    history = rpc(
        "biuro.tax.profile",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["date_from", "tax_form", "vat_period", "declaration_ids"],
        order="date_from",
    )
    assert [row["vat_period"] for row in history] == ["monthly", "quarterly"]
    assert history[1]["date_from"] == change_from.isoformat()
    assert {row["tax_form"] for row in history} == {"liniowy"}
    [partner] = rpc("res.partner", "read", [client_id], ["biuro_vat_period"])
    assert partner["biuro_vat_period"] == "quarterly", "the form shows the latest"

    assert rpc("res.partner", "action_biuro_generate_obligations", [client_id])
    last = next_month(first)
    rows = rpc(
        "biuro.obligation",
        "search_read",
        [
            ("partner_id", "=", client_id),
            ("due_date", ">=", first.isoformat()),
            ("due_date", "<", last.isoformat()),
        ],
        fields=["code", "display_name", "legal_basis", "due_date", "state"],
    )
    # the month due next month is still monthly VAT (the old profile's period)
    assert {row["code"] for row in rows} == {"ZUS_DRA", "PIT_ADV", "JPK_V7M"}
    for row in rows:
        assert row["display_name"].startswith("Historia Profilu RPC — ")
        assert "art." in row["legal_basis"]
        assert row["state"] == "todo"
