#!/usr/bin/env python3
"""Judge a `make test` run: Odoo's test log plus the pytest JUnit report.

Like OCA's checklog, any ERROR/CRITICAL or WARNING line in the Odoo log fails the run:
Odoo reports a skipped browser tour, a missing access rule or a bad view only as a
warning, and a test suite that passes while those scroll by proves nothing. Known,
harmless lines can be listed as regular expressions in setup/checklog-ignore.txt.

The last line printed is the summary "N passed, N failed[, N skipped]"; the exit code is
non-zero when anything failed, including the log check itself (counted as one failure).
"""

import argparse
import os
import re
import sys
import xml.etree.ElementTree as ET

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$"
)
BAD_LEVELS = {"WARNING", "ERROR", "CRITICAL"}
ODOO_RESULT = re.compile(
    r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests"
    r" when loading database"
)
IGNORE_FILE = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "checklog-ignore.txt"
)


def load_ignores(path=IGNORE_FILE):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        lines = (line.strip() for line in handle)
        return [re.compile(line) for line in lines if line and not line.startswith("#")]


def scan_odoo_log(text, ignores=()):
    """Return (bad_lines, result) where result is (run, failed, errors) or None."""
    bad, result = [], None
    for line in text.splitlines():
        match = LOG_LINE.match(line)
        if not match:
            continue
        found = ODOO_RESULT.search(line)
        if found:
            result = (
                int(found["run"]),
                int(found["failed"]),
                int(found["errors"]),
            )
        if match["level"] in BAD_LEVELS and not any(rx.search(line) for rx in ignores):
            bad.append(line)
    return bad, result


def read_junit(path):
    """Return (tests, failed, skipped) from a pytest JUnit XML file."""
    if not path or not os.path.exists(path):
        return None
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = failed = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests, failed, skipped


def judge(log_text, odoo_rc, junit, pytest_rc, ignores=()):
    """Return (lines to print, passed, failed, skipped)."""
    out = []
    passed = failed = skipped = 0
    bad, result = scan_odoo_log(log_text, ignores)
    if result is None:
        failed += 1
        out.append("Odoo: no test result line found (the run crashed or ran no tests).")
    else:
        run, odoo_failed, odoo_errors = result
        passed += run - odoo_failed - odoo_errors
        failed += odoo_failed + odoo_errors
        out.append(f"Odoo: {run} tests, {odoo_failed} failed, {odoo_errors} errors.")
    if odoo_rc and (result is None or not (result[1] or result[2])):
        failed += 1
        out.append(f"Odoo: exited with status {odoo_rc}.")
    if bad:
        failed += 1
        out.append(f"Odoo log: {len(bad)} WARNING/ERROR line(s):")
        out.extend("  " + line[:400] for line in bad[:40])
    if junit is None:
        if pytest_rc not in (0, 5):
            failed += 1
            out.append(f"pytest: exited with status {pytest_rc} and wrote no report.")
    else:
        tests, py_failed, py_skipped = junit
        passed += tests - py_failed - py_skipped
        failed += py_failed
        skipped += py_skipped
        out.append(f"pytest: {tests} tests, {py_failed} failed, {py_skipped} skipped.")
        if pytest_rc not in (0, 5) and not py_failed:
            failed += 1
            out.append(f"pytest: exited with status {pytest_rc}.")
    return out, passed, failed, skipped


def summary_line(passed, failed, skipped):
    line = f"{passed} passed, {failed} failed"
    return line + (f", {skipped} skipped" if skipped else "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--odoo-log", required=True)
    parser.add_argument("--odoo-rc", type=int, default=0)
    parser.add_argument("--junit")
    parser.add_argument("--pytest-rc", type=int, default=0)
    args = parser.parse_args(argv)
    with open(args.odoo_log, encoding="utf-8", errors="replace") as handle:
        log_text = handle.read()
    lines, passed, failed, skipped = judge(
        log_text, args.odoo_rc, read_junit(args.junit), args.pytest_rc, load_ignores()
    )
    print("\n".join(lines))
    print(summary_line(passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
