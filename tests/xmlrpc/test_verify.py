"""crm_biuro_verify over XML-RPC: add a client by NIP and verify it, against a served
instance whose registry URLs point at the fake registries started here."""

import pathlib
import sys
import xmlrpc.client

import pytest

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro_verify"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))

from fake_registries import FakeRegistries

NIP = "9542300619"  # a sample company of the fakes: KRS, 2 accounts, 2 owners in CRBR
REGISTRIES = ("gus", "whitelist", "vies", "krs", "crbr")


@pytest.fixture(scope="module")
def fake(rpc, installed_addons):
    if "crm_biuro_verify" not in installed_addons:
        pytest.skip("crm_biuro_verify is not installed in the test database")
    # the served instance reads its settings from the database: point it at the fakes
    with FakeRegistries() as registries:
        params = {
            f"crm_biuro_verify.{name}_url": url for name, url in registries.urls.items()
        }
        params.update(
            {f"crm_biuro_verify.{name}_enabled": "True" for name in REGISTRIES},
            **{
                "crm_biuro_verify.gus_key": "fake-gus-key-0123456",
                "crm_biuro_verify.retry_backoff": "0.01",
            },
        )
        before = {key: rpc("ir.config_parameter", "get_param", key) for key in params}
        for key, value in params.items():
            rpc("ir.config_parameter", "set_param", key, value)
        yield registries
        for key, value in before.items():
            rpc("ir.config_parameter", "set_param", key, value)


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
            rpc("res.partner", "unlink", ids)

    drop()
    yield
    drop()


def sent(fake):
    return sum(app.total() for app in fake.apps.values())


def test_lookup_returns_the_company_and_creates_nothing(rpc, fake, no_client):
    values = rpc("res.partner", "biuro_lookup_nip", "954-230-06-19")
    assert values["exists"] is False
    assert values["regon"] == "276592498"
    assert values["krs"] == "0000135115"
    assert values["legal_form"] == "spzoo"
    assert values["vat_status"] == "czynny"
    assert len(values["bank_accounts"]) == 2
    assert {src["state"] for src in values["sources"].values()} == {"ok"}
    assert rpc("res.partner", "search", [("biuro_nip", "=", NIP)]) == []


def test_create_from_nip_then_verify(rpc, fake, no_client):
    client_id = rpc("res.partner", "biuro_create_from_nip", "PL 954-230-06-19")
    [client] = rpc(
        "res.partner",
        "read",
        [client_id],
        fields=[
            "name",
            "biuro_client",
            "biuro_regon",
            "biuro_krs",
            "biuro_legal_form",
            "biuro_vat_status",
            "biuro_verify_gus_state",
            "biuro_verify_whitelist_state",
            "biuro_verify_vies_state",
            "biuro_verify_crbr_state",
            "biuro_beneficial_owner_ids",
            "biuro_bank_account_ids",
        ],
    )
    assert client["biuro_client"] is True
    assert client["name"] == '"EUROPEJSKA" SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ'
    assert (client["biuro_regon"], client["biuro_krs"]) == ("276592498", "0000135115")
    assert client["biuro_legal_form"] == "spzoo"
    assert client["biuro_vat_status"] == "czynny"
    for registry in ("gus", "whitelist", "vies", "crbr"):
        assert client[f"biuro_verify_{registry}_state"] == "ok"
    assert len(client["biuro_beneficial_owner_ids"]) == 2
    assert len(client["biuro_bank_account_ids"]) == 2
    crbr_calls = fake.crbr.counts["PobierzInformacjeOSpolkachIBeneficjentach"]
    assert crbr_calls >= 1

    # verify now: the same-day answers are reused, nothing is sent again
    before = sent(fake)
    result = rpc("res.partner", "action_biuro_verify", [client_id])
    assert sent(fake) == before
    summary = {line["registry"]: line["state"] for line in result["params"]["summary"]}
    assert summary == {name: "ok" for name in REGISTRIES}
    whitelist = [
        line for line in result["params"]["summary"] if line["registry"] == "whitelist"
    ]
    assert whitelist[0]["request_id"]  # the white list's verification key is kept

    evidence = rpc(
        "biuro.verification",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["registry", "state", "check_date"],
    )
    assert sorted(e["registry"] for e in evidence) == sorted(REGISTRIES)


def test_bad_and_duplicate_nips_are_faults(rpc, fake, no_client):
    before = sent(fake)
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc(
            "res.partner",
            "biuro_create_from_nip",
            "954-230-06-18",
            context={"lang": "en_US"},
        )
    assert "is not a valid NIP" in fault.value.faultString
    assert sent(fake) == before  # refused before any registry call

    client_id = rpc("res.partner", "biuro_create_from_nip", NIP)
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc("res.partner", "biuro_create_from_nip", NIP, context={"lang": "en_US"})
    assert "already exists" in fault.value.faultString
    existing = rpc("res.partner", "biuro_lookup_nip", NIP)
    assert existing["exists"] is True
    assert existing["existing_id"] == client_id
