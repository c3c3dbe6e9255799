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
