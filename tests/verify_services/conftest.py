"""Make the plain parts of crm_biuro_verify (``registries``, ``services.outcomes``,
``services.registry_table``) and crm_biuro (``legal_forms``, ``obligation_rules``)
importable without Odoo: both addon directories go on sys.path."""

import pathlib
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
for path in (REPO / "crm_biuro_verify", REPO / "crm_biuro"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
