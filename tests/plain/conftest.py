"""The plain-Python modules of the addons tested on their own: the addon directory
goes on sys.path and the tests import the modules directly (no Odoo)."""

import pathlib
import sys

ADDON_DIR = pathlib.Path(__file__).resolve().parents[2] / "crm_biuro"
if str(ADDON_DIR) not in sys.path:
    sys.path.insert(0, str(ADDON_DIR))
