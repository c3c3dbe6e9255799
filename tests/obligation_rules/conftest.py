"""Make `obligation_rules` importable without Odoo: the package lives inside the
crm_biuro addon, whose own __init__ imports odoo, so the addon directory itself goes
on sys.path and the tests import the plain package directly."""

import pathlib
import sys

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))
