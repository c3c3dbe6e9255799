"""The Odoo side of the registry checks: settings, the batched run, the NIP lookup
and what an answer means for a client. The registry clients themselves live in
``registries/`` (plain Python)."""

from . import config, lookup, outcomes, run, writer
