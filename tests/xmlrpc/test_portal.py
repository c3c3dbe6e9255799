"""The client portal over XML-RPC: the office grants access through the API, and a
portal user's own XML-RPC session sees only the companies of its access rows."""

import uuid
import xmlrpc.client

import pytest


@pytest.fixture
def portal(rpc, installed_addons):
    if "crm_biuro_portal" not in installed_addons:
        pytest.skip("crm_biuro_portal is not installed in the test database")
    tag = uuid.uuid4().hex[:8]
    allowed, foreign = (
        rpc(
            "res.partner",
            "create",
            {
                "name": f"{name} {tag} sp. z o.o.",
                "is_company": True,
                "biuro_client": True,
            },
        )
        for name in ("Dozwolona", "Obca")
    )
    contract_id = rpc(
        "biuro.contract",
        "create",
        {"partner_id": foreign, "state": "active", "monthly_fee": 100},
    )
    [group] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", "base"), ("name", "=", "group_portal")],
        fields=["res_id"],
    )
    login, password = f"portal-{tag}@rpc.test", f"Haslo-{tag}-123"
    user_id = rpc(
        "res.users",
        "create",
        {
            "name": f"Portal RPC {tag}",
            "login": login,
            "password": password,
            "groups_id": [(6, 0, [group["res_id"]])],
        },
        context={"no_reset_password": True},
    )
    [user] = rpc("res.users", "read", [user_id], fields=["partner_id"])
    access_id = rpc(
        "biuro.portal.access",
        "create",
        {"partner_id": user["partner_id"][0], "client_id": allowed, "level": "owner"},
    )
    yield {
        "allowed": allowed,
        "foreign": foreign,
        "contract": contract_id,
        "access": access_id,
        "session": rpc.as_user(login, password),
    }
    rpc("res.users", "write", [user_id], {"active": False})
    rpc("biuro.contract", "unlink", [contract_id])
    # the access rows go with the client companies
    rpc("res.partner", "unlink", [allowed, foreign])


def test_portal_session_sees_only_its_companies(portal):
    session = portal["session"]
    assert session.uid
    assert session("res.partner", "search", [("biuro_client", "=", True)]) == [
        portal["allowed"]
    ]
    assert session("biuro.contract", "search", []) == []
    with pytest.raises(xmlrpc.client.Fault):
        session("res.partner", "read", [portal["foreign"]], fields=["name"])
    with pytest.raises(xmlrpc.client.Fault):
        session("biuro.contract", "read", [portal["contract"]], fields=["name"])


def test_owner_cannot_grant_a_foreign_company(portal):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        portal["session"](
            "biuro.portal.access",
            "invite",
            portal["foreign"],
            "someone@rpc.test",
            "Someone",
            "readonly",
        )
    assert "Obca" not in fault.value.faultString


def test_revoked_access_hides_the_company_at_once(rpc, portal):
    rpc("biuro.portal.access", "action_revoke", [portal["access"]])
    assert (
        portal["session"]("res.partner", "search", [("biuro_client", "=", True)]) == []
    )


def _group_id(rpc, module, name):
    [group] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", module), ("name", "=", name)],
        fields=["res_id"],
    )
    return group["res_id"]


def _new_user(rpc, login, password, group_ids):
    return rpc(
        "res.users",
        "create",
        {
            "name": login,
            "login": login,
            "password": password,
            "groups_id": [(6, 0, group_ids)],
        },
        context={"no_reset_password": True},
    )


def test_owner_invite_answers_an_id_and_cannot_demote_a_co_owner(rpc, portal):
    tag = uuid.uuid4().hex[:8]
    login = f"colleague-{tag}@rpc.test"
    # an existing portal login: no invitation e-mail is needed
    user_id = _new_user(
        rpc, login, f"Haslo-{tag}-1", [_group_id(rpc, "base", "group_portal")]
    )
    try:
        access_id = portal["session"](
            "biuro.portal.access", "invite", portal["allowed"], login, "", "owner"
        )
        assert isinstance(access_id, int)
        [row] = rpc("biuro.portal.access", "read", [access_id], fields=["level"])
        assert row["level"] == "owner"
        # co-owners do not demote each other: the office does
        with pytest.raises(xmlrpc.client.Fault) as fault:
            portal["session"](
                "biuro.portal.access", "action_change_level", [access_id], "readonly"
            )
        assert "at or above your own level" in fault.value.faultString
        assert (
            rpc("biuro.portal.access", "action_change_level", [access_id], "readonly")
            is True
        )
        assert rpc("biuro.portal.access", "action_revoke", [access_id]) is True
    finally:
        rpc("res.users", "write", [user_id], {"active": False})


def test_portal_session_reads_no_office_fields(rpc, portal):
    rpc("res.partner", "write", [portal["allowed"]], {"comment": "<p>late payer</p>"})
    session = portal["session"]
    [card] = session(
        "res.partner", "read", [portal["allowed"]], fields=["name", "biuro_nip"]
    )
    assert card["id"] == portal["allowed"]
    for field in ("comment", "biuro_accountant_id", "biuro_invoiced_total"):
        with pytest.raises(xmlrpc.client.Fault):
            session("res.partner", "read", [portal["allowed"]], fields=[field])
    described = session("res.partner", "fields_get", attributes=["type"])
    assert "comment" not in described
    assert "biuro_accountant_id" not in described
    assert "biuro_nip" in described


def test_office_users_get_no_portal_access_rows(rpc, portal):
    tag = uuid.uuid4().hex[:8]
    login, password = f"office-{tag}@rpc.test", f"Haslo-{tag}-2"
    user_id = _new_user(
        rpc, login, password, [_group_id(rpc, "crm_biuro", "group_biuro_user")]
    )
    try:
        office = rpc.as_user(login, password)
        [user] = rpc("res.users", "read", [user_id], fields=["partner_id"])
        with pytest.raises(xmlrpc.client.Fault) as fault:
            office(
                "biuro.portal.access",
                "create",
                {"partner_id": user["partner_id"][0], "client_id": portal["allowed"]},
            )
        assert "office users do not get portal access" in fault.value.faultString
    finally:
        rpc("res.users", "write", [user_id], {"active": False})
