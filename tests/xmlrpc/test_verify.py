"""crm_biuro_verify over XML-RPC: add a client by NIP and verify it, against a served
instance whose registry URLs point at the fake registries started here."""

import xmlrpc.client

import pytest

REGISTRIES = ("gus", "whitelist", "vies", "krs", "crbr")

NIP = "9542300619"  # a sample company of the fakes: KRS, 2 accounts, 2 owners in CRBR


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


def assert_no_none(value, path="answer"):
    """Walk an answer: XML-RPC already refuses None, this names where it was."""
    assert value is not None, path
    if isinstance(value, dict):
        for key, item in value.items():
            assert_no_none(item, f"{path}[{key!r}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            assert_no_none(item, f"{path}[{index}]")


ANSWER_KEYS = {
    "nip",
    "name",
    "street",
    "zip",
    "city",
    "country_code",
    "regon",
    "krs",
    "legal_form",
    "legal_form_name",
    "pkd",
    "vat_status",
    "vat_status_name",
    "bank_accounts",
    "vat_ue",
    "activity_end_date",
    "email",
    "phone",
    "website",
    "sources",
    "exists",
    "existing_id",
    "existing_name",
}


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


# --- answers XML-RPC carries, with the registries up, down and not knowing the NIP ---

UNKNOWN_NIP = "7740001454"  # a valid NIP none of the fakes knows
OTHER_NIP = "5260250995"  # another one
JDG_NIP = "7010000005"  # a sole trader the fakes know
OFFICE_LOGIN = "xmlrpc_verify_office"


@pytest.fixture(scope="module")
def office(rpc, fake):
    """An office user (the lowest office role) logged in over XML-RPC."""
    [group] = rpc(
        "ir.model.data",
        "search_read",
        [("module", "=", "crm_biuro"), ("name", "=", "group_biuro_user")],
        fields=["res_id"],
    )
    group = group["res_id"]
    ids = rpc("res.users", "search", [("login", "=", OFFICE_LOGIN)])
    if not ids:
        rpc(
            "res.users",
            "create",
            {
                "name": "XML-RPC office user",
                "login": OFFICE_LOGIN,
                "password": OFFICE_LOGIN + "-pw",
                "groups_id": [(6, 0, [group])],
            },
        )
    return rpc.as_user(OFFICE_LOGIN, OFFICE_LOGIN + "-pw")


@pytest.fixture
def down(fake):
    for app in fake.apps.values():
        app.set_faults(http_500=True)
    yield
    for app in fake.apps.values():
        app.reset()


def test_lookup_with_the_registries_up_marshals(rpc, fake, no_client):
    values = rpc("res.partner", "biuro_lookup_nip", NIP)
    assert_no_none(values)
    assert set(values) == ANSWER_KEYS
    assert values["vat_ue"] is True and values["existing_id"] is False


def test_lookup_with_every_registry_down_marshals(rpc, fake, down):
    # a NIP this user did not look up a minute ago (that answer would be reused)
    values = rpc("res.partner", "biuro_lookup_nip", JDG_NIP)
    assert_no_none(values)
    assert set(values) == ANSWER_KEYS
    assert {src["state"] for src in values["sources"].values()} == {"unavailable"}
    assert values["vat_ue"] is False and values["name"] == ""
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc(
            "res.partner",
            "biuro_create_from_nip",
            JDG_NIP,
            context={"lang": "en_US"},
        )
    assert "No registry returned the company" in fault.value.faultString


def test_lookup_with_every_registry_unreachable_marshals(rpc, fake):
    keys = [f"crm_biuro_verify.{name}_url" for name in REGISTRIES]
    for key in keys:
        rpc("ir.config_parameter", "set_param", key, "http://127.0.0.1:9/closed")
    try:
        values = rpc("res.partner", "biuro_lookup_nip", OTHER_NIP)
    finally:
        for name in REGISTRIES:
            rpc(
                "ir.config_parameter",
                "set_param",
                f"crm_biuro_verify.{name}_url",
                fake.urls[name],
            )
    assert_no_none(values)
    assert {src["state"] for src in values["sources"].values()} == {"unavailable"}


def test_lookup_of_an_unknown_nip_marshals(rpc, fake):
    values = rpc("res.partner", "biuro_lookup_nip", UNKNOWN_NIP)
    assert_no_none(values)
    assert set(values) == ANSWER_KEYS
    assert values["name"] == "" and values["exists"] is False
    assert {src["state"] for src in values["sources"].values()} <= {"not_found"}
    with pytest.raises(xmlrpc.client.Fault) as fault:
        rpc(
            "res.partner",
            "biuro_create_from_nip",
            UNKNOWN_NIP,
            context={"lang": "en_US"},
        )
    assert "No registry returned the company" in fault.value.faultString


def test_office_user_methods_and_wizard_marshal(office, rpc, fake, no_client):
    values = office("res.partner", "biuro_lookup_nip", NIP)
    assert_no_none(values)
    before, crbr_before = sent(fake), fake.crbr.total()
    client_id = office("res.partner", "biuro_create_from_nip", NIP)
    assert isinstance(client_id, int)
    # the preview's answers are reused: only CRBR (not in the preview) is asked
    assert sent(fake) - before == fake.crbr.total() - crbr_before > 0
    assert_no_none(office("res.partner", "action_biuro_verify", [client_id]))
    assert_no_none(
        office("res.partner", "action_biuro_open_verifications", [client_id])
    )
    wizard = office("biuro.client.from.nip", "create", {"nip": "526-104-08-28"})
    assert_no_none(office("biuro.client.from.nip", "action_lookup", [wizard]))
    action = office("biuro.client.from.nip", "action_create", [wizard])
    assert_no_none(action)
    gus_id = action["res_id"]
    again = office("biuro.client.from.nip", "create", {"nip": "5261040828"})
    assert_no_none(office("biuro.client.from.nip", "action_lookup", [again]))
    assert_no_none(office("biuro.client.from.nip", "action_open_existing", [again]))
    rpc("res.partner", "unlink", [gus_id])


def test_settings_buttons_marshal_and_are_for_administrators(office, rpc, fake):
    for button in (
        "action_biuro_verify_test_environment",
        "action_biuro_verify_production",
        "set_values",
    ):
        with pytest.raises(xmlrpc.client.Fault) as fault:
            office("res.config.settings", button, [], context={"lang": "en_US"})
        assert "Only administrators" in fault.value.faultString
    keys = [f"crm_biuro_verify.{name}_url" for name in REGISTRIES]
    keys.append("crm_biuro_verify.gus_key")
    saved = {key: rpc("ir.config_parameter", "get_param", key) for key in keys}
    try:
        for button in (
            "action_biuro_verify_test_environment",
            "action_biuro_verify_production",
        ):
            assert_no_none(rpc("res.config.settings", button, []))
    finally:
        for key, value in saved.items():
            rpc("ir.config_parameter", "set_param", key, value)


# --- attacks over XML-RPC as an office user (review F1, F11) -------------------------


def test_forged_lookup_data_lands_nowhere(office, rpc, fake, no_client):
    """The review's F1 attack, word for word, as an office user."""
    victim = rpc("res.partner", "biuro_create_from_nip", "5261040828")
    try:
        [evidence_id] = rpc(
            "biuro.verification",
            "search",
            [("partner_id", "=", victim), ("registry", "=", "gus")],
        )
        message_id = rpc(
            "res.partner", "message_post", [victim], body="Umowa podpisana"
        )
        forged = {
            "values": {"nip": NIP, "name": "Forged sp. z o.o."},
            "evidence": {
                "whitelist": {
                    "registry": "whitelist",
                    "state": "ok",
                    "summary": "Czynny",
                    "request_id": "FAKE-1",
                    "payload": "{}",
                    "snapshot": False,
                    "changes": [],
                    "fill": {},
                    "alert": False,
                    "owners": False,
                    "accounts": ["61109010140000071219812874"],
                    "day": "2024-01-02",
                    "updates": {
                        "biuro_pesel": "44051401359",
                        "biuro_verification_ids": [[2, evidence_id, 0]],
                        "message_ids": [[1, message_id, {"body": "<p>tampered</p>"}]],
                    },
                }
            },
        }
        wizard = office(
            "biuro.client.from.nip",
            "create",
            {"nip": NIP, "state": "preview", "lookup_data": forged},
        )
        action = office("biuro.client.from.nip", "action_create", [wizard])
        client_id = action["res_id"]
        checks = rpc(
            "biuro.verification",
            "search_read",
            [("partner_id", "=", client_id)],
            fields=["request_id", "check_date"],
        )
        assert checks and "FAKE-1" not in {c["request_id"] for c in checks}
        assert "2024-01-02" not in {c["check_date"] for c in checks}
        assert rpc("biuro.verification", "search", [("id", "=", evidence_id)])
        [message] = rpc("mail.message", "read", [message_id], fields=["body"])
        assert "tampered" not in message["body"]
        [client] = rpc(
            "res.partner", "read", [client_id], fields=["biuro_pesel", "bank_ids"]
        )
        assert client["biuro_pesel"] is False
        accounts = rpc(
            "res.partner.bank",
            "search_read",
            [("partner_id", "=", client_id)],
            fields=["acc_number"],
        )
        assert "61109010140000071219812874" not in {a["acc_number"] for a in accounts}
        # the private applier is not reachable over RPC at all
        with pytest.raises(xmlrpc.client.Fault):
            office(
                "res.partner",
                "_biuro_create_from_lookup",
                forged["values"],
                forged["evidence"],
            )
    finally:
        rpc("res.partner", "unlink", [victim])


def test_verdicts_cannot_be_written_over_rpc(office, rpc, fake, no_client):
    client_id = rpc("res.partner", "biuro_create_from_nip", NIP)
    [bank_id, *_rest] = rpc(
        "res.partner.bank", "search", [("partner_id", "=", client_id)]
    )
    attempts = [
        ("res.partner", "write", [[client_id], {"biuro_verify_gus_state": "ok"}]),
        ("res.partner", "create", [{"name": "X", "biuro_verify_crbr_state": "ok"}]),
        (
            "res.partner.bank",
            "write",
            [[bank_id], {"biuro_whitelist_date": "2026-01-01"}],
        ),
    ]
    for model, method, args in attempts:
        with pytest.raises(xmlrpc.client.Fault) as fault:
            office(
                model, method, *args, context={"lang": "en_US", "biuro_trusted": True}
            )
        assert "Only the registry verification may set" in fault.value.faultString


# --- action_biuro_verify answers XML-RPC carries, registries down or not knowing ------


@pytest.fixture
def bare_client(rpc):
    """A client typed in by hand (no registry asked yet), dropped afterwards."""
    created = []

    def make(nip, name):
        stale = rpc(
            "res.partner",
            "search",
            [("biuro_nip", "=", nip)],
            context={"active_test": False},
        )
        if stale:
            rpc("res.partner", "unlink", stale)
        created.append(
            rpc(
                "res.partner",
                "create",
                {"name": name, "is_company": True, "biuro_client": True, "vat": nip},
            )
        )
        return created[-1]

    yield make
    rpc("res.partner", "unlink", created)


def verify_summary(office, client_id):
    result = office("res.partner", "action_biuro_verify", [client_id])
    assert_no_none(result)
    lines = result["params"]["summary"]
    assert lines and {line["partner_id"] for line in lines} == {client_id}
    for line in lines:
        assert set(line) == {
            "partner_id",
            "registry",
            "state",
            "check_date",
            "summary",
            "request_id",
        }
    return {line["registry"]: line for line in lines}


def test_verify_with_every_registry_down_marshals(office, rpc, fake, down, bare_client):
    client_id = bare_client(JDG_NIP, "Jednoosobowa RPC (down)")
    lines = verify_summary(office, client_id)
    assert {line["state"] for line in lines.values()} == {"unavailable"}
    # an outage is never a verdict: the client's registry states say so too
    [client] = rpc(
        "res.partner",
        "read",
        [client_id],
        fields=["biuro_verify_gus_state", "biuro_verify_whitelist_state"],
    )
    assert client["biuro_verify_gus_state"] == "unavailable"
    assert client["biuro_verify_whitelist_state"] == "unavailable"
    assert_no_none(
        office("res.partner", "action_biuro_open_verifications", [client_id])
    )
    evidence = office(
        "biuro.verification",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["registry", "check_date", "state", "summary", "request_id"],
    )
    assert_no_none(evidence)
    assert evidence and {row["state"] for row in evidence} == {"unavailable"}


def test_verify_of_an_unknown_nip_marshals(office, rpc, fake, bare_client):
    client_id = bare_client(UNKNOWN_NIP, "Nieznana RPC sp. z o.o.")
    lines = verify_summary(office, client_id)
    assert "not_found" in {line["state"] for line in lines.values()}
    assert "ok" not in {line["state"] for line in lines.values()}
    evidence = office(
        "biuro.verification",
        "search_read",
        [("partner_id", "=", client_id)],
        fields=["registry", "check_date", "state", "summary", "request_id"],
    )
    assert_no_none(evidence)
