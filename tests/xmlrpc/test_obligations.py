"""An external tool reads a client's obligations for a month over XML-RPC."""

import datetime

import pytest

NIP = "7010011115"


@pytest.fixture
def client_id(rpc):
    old = rpc("res.partner", "search", [("biuro_nip", "=", NIP)])
    if old:
        rpc("res.partner", "unlink", old)
    codes = ["JPK_V7M", "ZUS_DRA", "PIT_ADV"]
    declaration_ids = rpc("biuro.declaration.type", "search", [("code", "in", codes)])
    new_id = rpc(
        "res.partner",
        "create",
        {
            "name": "Obowiązki RPC",
            "is_company": True,
            "biuro_client": True,
            "biuro_state": "active",
            "vat": NIP,
            "biuro_legal_form": "jdg",
            "biuro_tax_form": "skala",
            "biuro_vat_status": "czynny",
            "biuro_vat_period": "monthly",
            "biuro_zus_scheme": "duzy",
            "biuro_declaration_ids": [(6, 0, declaration_ids)],
        },
    )
    yield new_id
    rpc("res.partner", "unlink", [new_id])


def test_read_obligations_of_next_month(rpc, client_id):
    rpc("res.partner", "action_biuro_generate_obligations", [client_id])
    today = datetime.date.today()
    first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    last = (first + datetime.timedelta(days=32)).replace(day=1)
    rows = rpc(
        "biuro.obligation",
        "search_read",
        [
            ("partner_id", "=", client_id),
            ("due_date", ">=", first.isoformat()),
            ("due_date", "<", last.isoformat()),
        ],
        fields=["code", "period_start", "due_date", "state"],
        order="due_date",
    )
    # a JDG on the tax scale with monthly VAT owes ZUS, a PIT advance (20th, or the
    # next working day) and JPK_V7M (25th, or the next working day) every month
    assert {row["code"] for row in rows} == {"ZUS_DRA", "PIT_ADV", "JPK_V7M"}
    for row in rows:
        due = datetime.date.fromisoformat(row["due_date"])
        assert due.weekday() < 5
        assert row["state"] == "todo"
        day = 25 if row["code"] == "JPK_V7M" else 20
        assert day <= due.day <= day + 4
