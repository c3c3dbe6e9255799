"""`make run` from this checkout: a demo database with the four addons and Polish,
the login page served, and a second run that updates instead of failing."""

import os
import pathlib
import socket
import subprocess
import time
import urllib.request

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ADDONS = {"crm_biuro", "crm_biuro_verify", "crm_biuro_mail", "crm_biuro_portal"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_until_login_page(db, port, log_path):
    # `make test ADDONS=x` exports ADDONS; `make run` must still install all four
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
                    return answer.status, answer.read().decode()
            except OSError:
                time.sleep(2)
        pytest.fail(f"no login page within 15 minutes; see {log_path}")
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)


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
        status, page = serve_until_login_page(db, free_port(), log_path)
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
