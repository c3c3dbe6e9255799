"""The README's XML-RPC guide, run as written: examples/xmlrpc_client.py against the
served test database and the fake registries, as an office user would run it."""

import datetime
import importlib.util
import pathlib
import xmlrpc.client

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "examples" / "xmlrpc_client.py"
NIP = "PL 954-230-06-19"  # a sample company of the fakes, typed as people type it
LOGIN = "rpc_example_user"


@pytest.fixture(scope="module")
def example():
    spec = importlib.util.spec_from_file_location("xmlrpc_client", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def office_user(rpc):
    """An accountant of the office (the lowest office role), as tools log in."""
    ids = rpc("res.users", "search", [("login", "=", LOGIN)])
    if not ids:
        groups = rpc(
            "ir.model.data",
            "search_read",
            [("module", "=", "crm_biuro"), ("name", "=", "group_biuro_user")],
            fields=["res_id"],
        )
        rpc(
            "res.users",
            "create",
            {
                "name": "Accountant of the example",
                "login": LOGIN,
                "password": LOGIN,
                "email": "example.accountant@office.example",
                "groups_id": [(4, groups[0]["res_id"])],
            },
        )
    return LOGIN


@pytest.fixture
def no_client(rpc):
    def drop():
        ids = rpc(
            "res.partner",
            "search",
            [("biuro_nip", "=", NIP)],
            context={"active_test": False},
        )
        if ids:
            docs = rpc("biuro.document", "search", [("partner_id", "in", ids)])
            rpc("biuro.document", "unlink", docs)
            rpc("res.partner", "unlink", ids)

    drop()
    yield
    drop()


def test_the_guide_runs_end_to_end(rpc, fake, office_user, example, no_client, capsys):
    url = rpc.url
    client_id = example.main(url, rpc.db, office_user, office_user, NIP)
    printed = capsys.readouterr().out
    assert f"client {client_id}" in printed

    office = example.Office(url, rpc.db, office_user, office_user)
    # found again by its NIP in another format: no second client
    assert example.find_client(office, "9542300619") == client_id
    states = example.verify(office, client_id)
    assert states == dict.fromkeys(("gus", "whitelist", "vies", "krs", "crbr"), "ok")
    rows = example.evidence(office, client_id)
    assert {row["registry"] for row in rows} == set(states)
    assert all(row["check_date"] for row in rows)
    assert "payload" not in rows[0]  # the raw answer is for managers
    month = example.obligations_of_month(office, client_id, datetime.date.today())
    assert all(
        row["due_date"][:7] == datetime.date.today().isoformat()[:7] for row in month
    )
    [document] = example.documents(office, client_id)
    assert document["name"] == "wyciag.pdf"
    assert example.contracts(office, client_id) == []


def test_a_bad_nip_is_a_clear_fault(rpc, office_user, example):
    office = example.Office(rpc.url, rpc.db, office_user, office_user)
    with pytest.raises(xmlrpc.client.Fault) as fault:
        example.add_client(office, "123")
    assert fault.value.faultCode == 2
    assert "NIP" in fault.value.faultString
