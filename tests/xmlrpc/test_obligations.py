"""An external tool reads a client's obligations for a month over XML-RPC."""

import datetime
import xmlrpc.client

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


OFFICE_LOGIN = "rpc_office_user"
OFFICE_PASSWORD = "rpc-office-user-2026"


def office_user(rpc):
    """An XML-RPC client logged in as an office user (the lowest office role)."""
    [group] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", "crm_biuro"), ("name", "=", "group_biuro_user")],
        fields=["res_id"],
    )
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
                "name": "Office user (RPC)",
                "login": OFFICE_LOGIN,
                "email": f"{OFFICE_LOGIN}@example.com",
                "password": OFFICE_PASSWORD,
                "groups_id": [(6, 0, [group["res_id"]])],
            },
        )
    return rpc.as_user(OFFICE_LOGIN, OFFICE_PASSWORD)


def test_office_user_changes_the_tax_profile(rpc, client_id):
    """Review I2: the stale obligations go, as system work, without an AccessError;
    a filed one stays."""
    office = office_user(rpc)
    assert office.uid
    office("res.partner", "action_biuro_generate_obligations", [client_id])
    rows = rpc(
        "biuro.obligation",
        "search_read",
        [("partner_id", "=", client_id), ("code", "=", "JPK_V7M")],
        fields=["id"],
        order="due_date",
    )
    assert len(rows) > 1
    filed_id = rows[0]["id"]
    assert office(
        "biuro.obligation",
        "write",
        [filed_id],
        {"state": "filed", "filed_date": datetime.date.today().isoformat()},
    )
    quarterly = rpc(
        "biuro.declaration.type", "search", [("code", "in", ["JPK_V7K", "ZUS_DRA"])]
    )
    # quarterly from this month on (a change applies from the date given, by
    # default the next month: earlier periods keep the profile they had)
    office(
        "res.partner",
        "write",
        [client_id],
        {
            "biuro_vat_period": "quarterly",
            "biuro_declaration_ids": [(6, 0, quarterly)],
            "biuro_profile_date_from": datetime.date.today().replace(day=1).isoformat(),
        },
    )
    left = rpc(
        "biuro.obligation",
        "search",
        [("partner_id", "=", client_id), ("code", "=", "JPK_V7M")],
    )
    assert left == [filed_id]
    # the office user still may not delete an obligation by hand
    other = rpc("biuro.obligation", "search", [("partner_id", "=", client_id)])
    with pytest.raises(xmlrpc.client.Fault):
        office("biuro.obligation", "unlink", other[:1])


def test_state_actions_answer_over_xmlrpc(rpc, client_id):
    """Public methods answer values XML-RPC carries (no None)."""
    office = office_user(rpc)
    office("res.partner", "action_biuro_generate_obligations", [client_id])
    [obligation] = office(
        "biuro.obligation", "search", [("partner_id", "=", client_id)], limit=1
    )
    assert office("biuro.obligation", "action_done", [obligation]) is True
    assert office("biuro.obligation", "action_todo", [obligation]) is True


@pytest.mark.parametrize(
    "lang, message",
    [
        ("en_US", "This obligation already exists for the client and period: PIT_ADV"),
        ("pl_PL", "Ten obowiązek już istnieje dla klienta i okresu: PIT_ADV"),
    ],
)
def test_identical_obligation_without_part_is_refused(rpc, client_id, lang, message):
    """Point 10: `part` is empty for most declarations, and two identical
    obligations without one are refused, with the translated message."""
    [declaration] = rpc("biuro.declaration.type", "search", [("code", "=", "PIT_ADV")])
    vals = {
        "partner_id": client_id,
        "declaration_type_id": declaration,
        "period_start": "2020-01-01",
        "period_end": "2020-01-31",
        "due_date": "2020-02-20",
    }
    office = office_user(rpc)
    office("biuro.obligation", "create", vals)
    for double in (vals, dict(vals, part=""), dict(vals, part=False)):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            office("biuro.obligation", "create", double, context={"lang": lang})
        assert message in fault.value.faultString
        assert fault.value.faultCode == 2  # a ValidationError, not a crash
    assert (
        rpc(
            "biuro.obligation",
            "search_count",
            [("partner_id", "=", client_id), ("period_start", "=", "2020-01-01")],
        )
        == 1
    )
