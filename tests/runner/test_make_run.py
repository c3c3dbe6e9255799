"""`make run` from this checkout: a demo database with every addon and Polish,
the login page served, and a second run that updates instead of failing."""

import os
import pathlib
import re
import socket
import subprocess
import time
import urllib.request
import xmlrpc.client

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ADDONS = {
    "crm_biuro",
    "crm_biuro_verify",
    "crm_biuro_mail",
    "crm_biuro_portal",
    "crm_biuro_compliance",
    "crm_biuro_billing",
    "crm_biuro_mail_plugin",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_until_login_page(db, port, log_path, while_serving=None):
    # `make test ADDONS=x` exports ADDONS; `make run` must still install them all
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("ADDONS", "KEEP_DB", "DB", "PYTEST_ARGS", "PYTEST_PATHS")
    }
    env.update(DB=db, HTTP_PORT=str(port))
    with open(log_path, "ab") as log:
        proc = subprocess.Popen(
            ["bash", "setup/run.sh"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 900
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"make run exited with {proc.returncode}; see {log_path}")
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/web/login", timeout=5
                ) as answer:
                    status, page = answer.status, answer.read().decode()
                if while_serving:
                    while_serving(f"http://127.0.0.1:{port}", db)
                return status, page
            except OSError:
                time.sleep(2)
        pytest.fail(f"no login page within 15 minutes; see {log_path}")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)


def check_polish_office(url, db):
    """What a new user sees in the demo, read the way an external tool would."""
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    [company] = call(
        "res.company",
        "search_read",
        [("id", "=", 1)],
        fields=["name", "country_id", "currency_id", "vat"],
    )
    assert company["country_id"][1] in ("Poland", "Polska")
    assert company["currency_id"][1] == "PLN"
    assert company["vat"].startswith("PL")
    assert "YourCompany" not in company["name"]
    installed = call(
        "ir.module.module", "search_read", [("name", "=", "l10n_pl")], fields=["state"]
    )
    assert installed[0]["state"] == "installed"
    # invoices in the three payment states a client can be in
    for state in ("paid", "current", "overdue"):
        assert call(
            "res.partner", "search_count", [("biuro_payment_state", "=", state)]
        ), f"no demo client with payment state {state}"
    # the staff: an owner-manager and two accountants who split the clients
    accountants = call(
        "res.partner",
        "read_group",
        [("biuro_client", "=", True), ("biuro_accountant_id", "!=", False)],
        ["biuro_accountant_id"],
        ["biuro_accountant_id"],
    )
    assert len(accountants) >= 2
    # registry evidence of past checks, with a change alert, written by the job's run
    evidence = call(
        "biuro.verification", "search_read", [], fields=["state", "check_date"]
    )
    assert len({row["check_date"] for row in evidence}) >= 2
    assert any(row["state"] == "changed" for row in evidence)
    # obligations in every state, e-mails and portal uploads on the timelines
    states = {
        group["state"]
        for group in call(
            "biuro.obligation", "read_group", [], ["state"], ["state"], lazy=False
        )
    }
    assert {"todo", "done", "filed", "late", "cancelled"} <= states
    assert call("mail.message", "search_count", [("message_type", "=", "email")])
    assert call("biuro.document", "search_count", [("uploaded_by", "!=", False)])
    # the compliance file: a high-risk client whose UBOs differ from its CRBR
    # evidence (found by the comparison), a power of attorney about to expire
    assert call(
        "biuro.aml.discrepancy",
        "search_count",
        [("case_id.risk_level", "=", "high"), ("state", "=", "open")],
    ), "no open CRBR discrepancy of a high-risk client"
    assert call(
        "biuro.mandate",
        "search_count",
        [("mandate_type", "=", "upl1"), ("state", "=", "expiring")],
    ), "no expiring UPL-1"
    # everything on the timelines of the clients and of their records (contracts,
    # obligations, documents, AML cases, powers of attorney...) is in the office's
    # language, the "<record> created" notes included
    clients = call("res.partner", "search", [("biuro_client", "=", True)])
    messages = call(
        "mail.message",
        "search_read",
        [
            "|",
            ("model", "=like", "biuro.%"),
            "&",
            ("model", "=", "res.partner"),
            ("res_id", "in", clients),
        ],
        fields=["model", "body"],
    )
    assert {"res.partner", "biuro.obligation", "biuro.contract"} <= {
        message["model"] for message in messages
    }, "the demo clients or their records have empty timelines"
    bodies = [message["body"] for message in messages]
    english = english_phrases()
    found = sorted({phrase for body in bodies for phrase in english if phrase in body})
    assert not found, f"English on the demo timelines: {found}"


def english_phrases():
    """Source phrases of the addons that have a different Polish translation."""
    from babel.messages.pofile import read_po

    phrases = set()
    for po_path in REPO.glob("crm_biuro*/i18n/pl.po"):
        with open(po_path, "rb") as po_file:
            catalog = read_po(po_file)
        for message in catalog:
            if not message.id or not message.string or message.id == message.string:
                continue
            source = message.id if isinstance(message.id, str) else message.id[0]
            for fragment in re.split(r"%\(?\w*\)?[sd]|\{\w*\}|<[^>]+>", source):
                fragment = fragment.strip(" :.,")
                if len(fragment) >= 12 and len(fragment.split()) >= 2:
                    phrases.add(fragment)
    return phrases


def psql(db, sql):
    return subprocess.run(
        ["psql", "-d", db, "-Atc", sql], capture_output=True, text=True, check=True
    ).stdout.split()


@pytest.mark.skipif(
    not os.environ.get("ODOO_TEST_DB"), reason="run through `make test`"
)
def test_make_run_serves_the_demo_and_reruns(tmp_path):
    db = f"crm_biuro_runtest_{os.getpid()}"
    log_path = tmp_path / "make-run.log"
    try:
        status, page = serve_until_login_page(
            db, free_port(), log_path, while_serving=check_polish_office
        )
        assert status == 200 and "login" in page
        installed = psql(
            db,
            "SELECT name FROM ir_module_module "
            "WHERE name LIKE 'crm_biuro%' AND state = 'installed'",
        )
        assert set(installed) == ADDONS
        assert psql(
            db,
            "SELECT p.lang FROM res_users u JOIN res_partner p ON p.id = u.partner_id "
            "WHERE u.login = 'admin'",
        ) == ["pl_PL"]
        clients = psql(db, "SELECT count(*) FROM res_partner WHERE biuro_client")
        assert int(clients[0]) >= 15
        # the second run finds the database and updates it
        status, _page = serve_until_login_page(db, free_port(), log_path)
        assert status == 200
        assert "Updating the addons" in log_path.read_text()
    finally:
        subprocess.run(["dropdb", "--if-exists", db], check=False)
