"""Security conventions every addon keeps, checked over the source tree.

- Each `sudo()` in an addon's code and tests, and in the suites of tests/, carries a
  comment `sudo: <what was checked>` on its line or in the comment lines right above
  it (inside a multi-line statement too): elevated rights are a decision, and the
  reason stands next to it — in a test too, where it says what the test sets up or
  reads back past the tested user's rights.
- Each addon documents who may do what (`readme/SECURITY.md`) and holds its attacks in
  `tests/test_security_*.py`.
"""

import pathlib
import re

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
ADDONS = sorted(p.parent for p in REPO.glob("crm_biuro*/__manifest__.py"))
SUDO = re.compile(r"\.sudo\(")
REASON = re.compile(r"#.*\bsudo:\s*\S")


# files that look for "sudo(" as text (this check and verify's own copy of it)
SUDO_AS_TEXT = {
    REPO / "tests/runner/test_security_conventions.py",
    REPO / "crm_biuro_verify/tests/test_security_verify.py",
}


def uncommented_sudo(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        code = line.split("#", 1)[0]
        if not SUDO.search(code) or REASON.search(line):
            continue
        # the comment block right above the line (inside a multi-line statement too)
        above = index - 1
        while above >= 0 and lines[above].strip().startswith("#"):
            if REASON.search(lines[above]):
                break
            above -= 1
        else:
            yield index + 1, line.strip()


def test_addons_found():
    names = {addon.name for addon in ADDONS}
    assert {
        "crm_biuro",
        "crm_biuro_verify",
        "crm_biuro_mail",
        "crm_biuro_portal",
    } <= names


def assert_every_sudo_says_why(paths):
    missing = [
        f"{path.relative_to(REPO)}:{number}: {line}"
        for path in sorted(set(paths) - SUDO_AS_TEXT)
        for number, line in uncommented_sudo(path)
    ]
    assert not missing, "sudo() without a '# sudo: <reason>' comment:\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_every_sudo_says_why(addon):
    assert_every_sudo_says_why(addon.rglob("*.py"))


def test_every_sudo_of_the_outside_suites_says_why():
    assert_every_sudo_says_why(
        [*(REPO / "tests").rglob("*.py"), *(REPO / "examples").rglob("*.py")]
    )


@pytest.mark.parametrize("addon", ADDONS, ids=lambda addon: addon.name)
def test_addon_documents_and_tests_its_security(addon):
    assert (addon / "readme" / "SECURITY.md").is_file()
    assert list((addon / "tests").glob("test_security_*.py"))


def test_the_check_catches_a_bare_sudo(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "a = 1\n"
        "# sudo: the caller's write access was checked above\n"
        "records.sudo().write({})\n"
        "other.sudo().unlink()\n"
        "e = f.sudo()  # sudo: reading the company's own settings\n"
        "rows = (\n"
        "    # sudo: the caller's own rows\n"
        "    env['x']\n"
        "    .sudo()\n"
        ")\n"
        "x = y  # not a call: .sudo(\n"
    )
    assert [number for number, _line in uncommented_sudo(sample)] == [4, 9]
