"""The external API works the way an office's tools will use it: XML-RPC login, then
execute_kw on res.partner."""

import os
import xmlrpc.client

import pytest


def test_version_and_login(odoo_server, rpc):
    common = xmlrpc.client.ServerProxy(f"{odoo_server}/xmlrpc/2/common")
    assert common.version()["server_serie"] == "18.0"
    assert isinstance(rpc.uid, int) and rpc.uid > 0


def test_wrong_password_is_refused(odoo_server, rpc):
    common = xmlrpc.client.ServerProxy(f"{odoo_server}/xmlrpc/2/common")
    assert common.authenticate(rpc.db, "admin", "not-the-password", {}) is False


def test_the_addons_under_test_are_installed(installed_addons):
    wanted = os.environ.get("ODOO_TEST_ADDONS", "crm_biuro").split(",")
    assert installed_addons >= set(wanted)


def test_partner_create_search_read(rpc):
    partner_id = rpc("res.partner", "create", {"name": "Smoke Test Sp. z o.o."})
    found = rpc(
        "res.partner",
        "search_read",
        [("id", "=", partner_id)],
        fields=["name", "is_company"],
    )
    assert found == [
        {"id": partner_id, "name": "Smoke Test Sp. z o.o.", "is_company": False}
    ]
    rpc("res.partner", "unlink", [partner_id])
    assert rpc("res.partner", "search_count", [("id", "=", partner_id)]) == 0


def test_unknown_model_is_an_rpc_fault(rpc):
    with pytest.raises(xmlrpc.client.Fault):
        rpc("no.such.model", "search", [])
