"""The Odoo side of the registry checks: settings, the batched run, the NIP lookup
and what an answer means for a client. The registry clients themselves live in
``registries/`` (plain Python).

The modules are imported where they are used (``from ..services import run``), not
here: ``outcomes`` and ``registry_table`` stay importable without Odoo.
"""
