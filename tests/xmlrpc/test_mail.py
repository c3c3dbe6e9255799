"""The client mailbox over XML-RPC: an office's tool reads and sets the e-mail
domains that route mail to a client; public mailbox domains are refused."""

import uuid
import xmlrpc.client

import pytest

OFFICE_LOGIN = "xmlrpc_mail_office"


@pytest.fixture(scope="module")
def office(rpc, installed_addons):
    if "crm_biuro_mail" not in installed_addons:
        pytest.skip("crm_biuro_mail is not installed in the test database")
    [group] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", "crm_biuro"), ("name", "=", "group_biuro_user")],
        fields=["res_id"],
    )
    if not rpc("res.users", "search", [("login", "=", OFFICE_LOGIN)]):
        rpc(
            "res.users",
            "create",
            {
                "name": "XML-RPC mail office user",
                "login": OFFICE_LOGIN,
                "password": OFFICE_LOGIN + "-pw",
                "groups_id": [(6, 0, [group["res_id"]])],
            },
            context={"no_reset_password": True},
        )
    return rpc.as_user(OFFICE_LOGIN, OFFICE_LOGIN + "-pw")


@pytest.fixture
def client_id(rpc):
    tag = uuid.uuid4().hex[:8]
    new_id = rpc(
        "res.partner",
        "create",
        {"name": f"Domeny {tag} sp. z o.o.", "is_company": True, "biuro_client": True},
    )
    yield new_id
    rpc("res.partner", "unlink", [new_id])


def test_email_domains_read_and_write(office, client_id):
    tag = uuid.uuid4().hex[:8]
    assert office(
        "res.partner",
        "write",
        [client_id],
        {"biuro_email_domains": f"Firma-{tag}.pl; biuro.druga-{tag}.pl"},
    )
    [row] = office("res.partner", "read", [client_id], fields=["biuro_email_domains"])
    assert row["biuro_email_domains"] == f"biuro.druga-{tag}.pl, firma-{tag}.pl"
    assert office(
        "res.partner", "search", [("biuro_email_domains", "=", f"firma-{tag}.pl")]
    ) == [client_id]
    # emptied: the answer is an empty text, never None
    assert office("res.partner", "write", [client_id], {"biuro_email_domains": ""})
    [row] = office("res.partner", "read", [client_id], fields=["biuro_email_domains"])
    assert row["biuro_email_domains"] in ("", False)


def test_public_mailbox_domain_is_a_fault(office, client_id):
    with pytest.raises(xmlrpc.client.Fault) as fault:
        office(
            "res.partner",
            "write",
            [client_id],
            {"biuro_email_domains": "gmail.com"},
            context={"lang": "en_US"},
        )
    assert "public mailbox domain" in fault.value.faultString
    [row] = office("res.partner", "read", [client_id], fields=["biuro_email_domains"])
    assert not row["biuro_email_domains"]
