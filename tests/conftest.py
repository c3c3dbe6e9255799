"""Fixtures shared by the suites that run outside Odoo's test runner.

`make test` installs the addons into a throw-away database and exports its name as
ODOO_TEST_DB; the `odoo_rpc` fixture serves that database on a free port and hands the
tests a thin XML-RPC client, the way external tools will talk to the office's Odoo.
"""

import os
import pathlib
import socket
import subprocess
import sys
import time
import xmlrpc.client

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
LOG_DIR = REPO / ".local" / "test"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OdooRpc:
    """The smallest useful XML-RPC client: login once, then execute_kw."""

    def __init__(self, url, db, login="admin", password="admin"):
        self.url, self.db, self.password = url, db, password
        self.common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
        self.object = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object")
        self.uid = self.common.authenticate(db, login, password, {})

    def __call__(self, model, method, *args, **kwargs):
        return self.object.execute_kw(
            self.db, self.uid, self.password, model, method, list(args), kwargs
        )

    def as_user(self, login, password):
        return OdooRpc(self.url, self.db, login, password)


@pytest.fixture(scope="session")
def odoo_server():
    """URL of an Odoo server on the test database, started for this session."""
    db = os.environ.get("ODOO_TEST_DB")
    if not db:
        pytest.skip("ODOO_TEST_DB is not set: run these suites through `make test`")
    port = _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"xmlrpc-server-{db}.log"
    cmd = [
        sys.executable,
        os.path.join(os.environ["ODOO_SRC"], "odoo-bin"),
        f"--addons-path={os.environ['ODOO_ADDONS_PATH']}",
        f"--database={db}",
        f"--db-filter=^{db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--max-cron-threads=0",
        "--log-level=warn",
        f"--logfile={log_path}",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"Odoo did not start on {url}; see {log_path}")
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def rpc(odoo_server):
    """An XML-RPC client logged in as the administrator of the test database."""
    return OdooRpc(odoo_server, os.environ["ODOO_TEST_DB"])


@pytest.fixture(scope="session")
def installed_addons(rpc):
    mods = rpc(
        "ir.module.module",
        "search_read",
        [("name", "like", "crm_biuro"), ("state", "=", "installed")],
        fields=["name"],
    )
    return {m["name"] for m in mods}
