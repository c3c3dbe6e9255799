"""The judge of `make test` (setup/checklog.py): a failing Odoo test, a WARNING or
ERROR line in the Odoo log, a crashed run or a failing pytest suite each make it exit
non-zero, and its last line is the summary CI reads."""

import importlib.util
import pathlib
import subprocess
import sys
import textwrap

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "setup" / "checklog.py"
spec = importlib.util.spec_from_file_location("checklog", SCRIPT)
checklog = importlib.util.module_from_spec(spec)
spec.loader.exec_module(checklog)

HEAD = "2026-11-22 10:00:00,000 4242"
CLEAN_LOG = textwrap.dedent(
    f"""\
    {HEAD} INFO test odoo.modules.loading: loading 1 modules...
    {HEAD} INFO test odoo.addons.crm_biuro.tests.test_x: Starting TestX.test_a ...
    Some continuation line of a traceback-free multi-line message
    {HEAD} INFO test odoo.service.server: 12 post-tests in 3.21s, 400 queries
    {HEAD} INFO test odoo.tests.result: {{result}} when loading database 'test'
    """
).format(result="0 failed, 0 error(s) of 12 tests")
JUNIT_OK = (
    '<testsuites><testsuite name="pytest" tests="5" failures="0" errors="0" '
    'skipped="1"/></testsuites>'
)
JUNIT_FAILED = (
    '<testsuites><testsuite name="pytest" tests="5" failures="1" errors="1" '
    'skipped="0"/></testsuites>'
)


def run_script(tmp_path, log_text, junit=JUNIT_OK, odoo_rc=0, pytest_rc=0):
    log = tmp_path / "odoo.log"
    log.write_text(log_text, encoding="utf-8")
    report = tmp_path / "pytest.xml"
    report.write_text(junit, encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--odoo-log",
            str(log),
            "--junit",
            str(report),
            "--odoo-rc",
            str(odoo_rc),
            "--pytest-rc",
            str(pytest_rc),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return proc.returncode, proc.stdout.strip().splitlines()


def test_clean_run_passes_and_prints_the_summary_last(tmp_path):
    code, lines = run_script(tmp_path, CLEAN_LOG)
    assert code == 0
    assert lines[-1] == "16 passed, 0 failed, 1 skipped"


def test_a_failed_odoo_test_fails_the_run(tmp_path):
    log = CLEAN_LOG.replace("0 failed, 0 error(s) of 12", "1 failed, 0 error(s) of 12")
    code, lines = run_script(tmp_path, log, odoo_rc=1)
    assert code == 1
    assert lines[-1] == "15 passed, 1 failed, 1 skipped"


@pytest.mark.parametrize("level", ["WARNING", "ERROR", "CRITICAL"])
def test_a_warning_or_error_line_in_the_log_fails_the_run(tmp_path, level):
    line = f"{HEAD} {level} test odoo.tests.common: tour skipped: Chrome not found\n"
    code, lines = run_script(tmp_path, CLEAN_LOG + line)
    assert code == 1
    assert lines[-1] == "16 passed, 1 failed, 1 skipped"
    assert any("Chrome not found" in out for out in lines)


def test_a_run_without_a_result_line_fails(tmp_path):
    code, lines = run_script(
        tmp_path, f"{HEAD} INFO test odoo: crashed early\n", odoo_rc=1
    )
    assert code == 1
    assert lines[-1].endswith("failed, 1 skipped")
    assert "no test result line" in "\n".join(lines)


def test_failing_pytest_suites_fail_the_run(tmp_path):
    code, lines = run_script(tmp_path, CLEAN_LOG, junit=JUNIT_FAILED, pytest_rc=1)
    assert code == 1
    assert lines[-1] == "15 passed, 2 failed"


def test_ignore_patterns_only_silence_matching_lines():
    ignores = [checklog.re.compile(r"harmless thing")]
    log = (
        CLEAN_LOG
        + f"{HEAD} WARNING test odoo.x: a harmless thing happened\n"
        + f"{HEAD} WARNING test odoo.y: a real problem\n"
    )
    bad, result = checklog.scan_odoo_log(log, ignores)
    assert result == (12, 0, 0)
    assert len(bad) == 1 and "a real problem" in bad[0]
