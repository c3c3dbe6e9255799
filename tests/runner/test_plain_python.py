"""The plain-Python parts of the addons stay plain: each imports, with all it imports in
turn, in a Python where `odoo` cannot be imported at all.

This is what lets the rule engine, the identifiers and the registry clients be tested
and benchmarked on their own (OCA queue_job's split of logic and ORM glue). The check
imports for real instead of reading source text, so an indirect import through another
module is caught too.
"""

import pathlib
import subprocess
import sys

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
# addon directory -> the modules and packages in it that must not need Odoo
PLAIN = {
    "crm_biuro": [
        "obligation_rules",
        "identifiers",
        "legal_forms",
        "matching",
        "email_domains",
        "import_template",
        "vcard_import",
    ],
    "crm_biuro_verify": [
        "registries",
        "fake_registries",
        "services.config",
        "services.lookup",
        "services.outcomes",
        "services.registry_table",
    ],
}
BLOCK_ODOO = """
import importlib, pkgutil, sys
sys.modules["odoo"] = None  # any `import odoo...` now raises ImportError
sys.path.insert(0, sys.argv[1])
package = importlib.import_module(sys.argv[2])
prefix = package.__name__ + "."
for info in pkgutil.walk_packages(getattr(package, "__path__", []), prefix):
    importlib.import_module(info.name)
"""


PLAIN_MODULES = [
    pytest.param(addon, name, id=f"{addon}.{name}")
    for addon, names in PLAIN.items()
    for name in names
]


@pytest.mark.parametrize(("addon", "name"), PLAIN_MODULES)
def test_imports_without_odoo(addon, name):
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_ODOO, str(REPO / addon), name],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("addon", "name"), PLAIN_MODULES)
def test_listed_module_exists(addon, name):
    base = REPO / addon / name.replace(".", "/")
    assert base.is_dir() or base.with_suffix(".py").is_file()


def test_the_check_catches_an_odoo_import(tmp_path):
    (tmp_path / "leaky").mkdir()
    (tmp_path / "leaky" / "__init__.py").write_text("")
    (tmp_path / "leaky" / "inner.py").write_text("from odoo import fields\n")
    result = subprocess.run(
        [sys.executable, "-c", BLOCK_ODOO, str(tmp_path), "leaky"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "odoo" in result.stderr
