"""The bootstrap explains a missing prerequisite in one clear sentence instead of a
traceback: no Odoo source (and no download possible), or the HTTP port already taken."""

import os
import pathlib
import socket
import subprocess

REPO = pathlib.Path(__file__).resolve().parents[2]


def run_bash(script, **env):
    return subprocess.run(
        ["bash", "-c", script],
        cwd=REPO,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_missing_odoo_source_without_network_is_a_clear_message(tmp_path):
    proc = run_bash(
        "source setup/lib.sh; LOCAL=$TMP_LOCAL; find_odoo_src",
        ODOO_SRC=str(tmp_path / "no-odoo-here"),
        TMP_LOCAL=str(tmp_path / "local"),
        # a closed local port: the nightly download fails at once, as offline
        ODOO_NIGHTLY_URL="http://127.0.0.1:9/odoo.tar.gz",
    )
    assert proc.returncode == 1
    assert "Odoo 18.0 source not found" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_tree_of_another_odoo_series_is_refused(tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("version_info = (17, 0, 0)\n")
    proc = run_bash(
        "source setup/lib.sh; find_odoo_src; check_odoo_series", ODOO_SRC=str(tmp_path)
    )
    assert proc.returncode == 1
    assert "is not an Odoo 18.0 source tree" in proc.stderr


def test_make_run_reports_a_taken_port():
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run_bash("bash setup/run.sh", HTTP_PORT=str(port), DB="crm_biuro_unused")
    assert proc.returncode == 1
    assert f"Port {port} is already in use" in proc.stderr
    assert "Traceback" not in proc.stderr
