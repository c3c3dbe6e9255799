"""The client list's one search box (name, NIP in any format, city) at scale.

``ilike '%term%'`` cannot use a b-tree: on 100,000 partners every search would read
the whole table. With PostgreSQL's pg_trgm, GIN trigram indexes on the three
columns the box searches (partial: client companies only, the rows of the Clients
list) let the planner combine three index scans (BitmapOr);
tests/bench/bench_search.py measures it. The extension needs the database owner's
right to create it (``CREATE EXTENSION pg_trgm``, trusted since PostgreSQL 13): when
it is refused, the box still works, only without these indexes.
"""

import logging
import re

from odoo import fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# The columns of the search box, each with a trigram index of its own.
TRIGRAM_COLUMNS = ("complete_name", "city", "biuro_nip")
# A NIP as people type it: "PL 725-180-11-26", "725 18 01 126", "7251801126".
NIP_SEPARATORS = re.compile(r"[\s.\-/]")


def nip_term(text):
    """The digits of ``text`` if it reads as (part of) a NIP, else ""."""
    compact = NIP_SEPARATORS.sub("", text or "")
    if compact[:2].upper() == "PL":
        compact = compact[2:]
    return compact if len(compact) >= 3 and compact.isdigit() else ""


class ResPartner(models.Model):
    _inherit = "res.partner"

    biuro_search = fields.Char(
        string="Name, NIP or city",
        compute="_compute_biuro_search",
        search="_search_biuro_search",
        help="Searches the name, the NIP written in any format, and the city.",
    )

    def _compute_biuro_search(self):
        self.biuro_search = False

    def _search_biuro_search(self, operator, value):
        if operator not in ("ilike", "not ilike") or not isinstance(value, str):
            return [("complete_name", operator, value)]
        term = value.strip()
        domain = [
            "|",
            "|",
            ("complete_name", "ilike", term),
            ("city", "ilike", term),
            ("biuro_nip", "ilike", nip_term(term) or term),
        ]
        return domain if operator == "ilike" else ["!", *domain]

    def init(self):
        res = super().init()
        cr = self.env.cr
        if not self.env.registry.has_trigram:
            try:
                with cr.savepoint(flush=False):
                    cr.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception as exc:  # noqa: BLE001 - any refusal: no trigram indexes
                _logger.info("pg_trgm unavailable, client search unindexed: %s", exc)
                return res
        for column in TRIGRAM_COLUMNS:
            cr.execute(
                SQL(
                    "CREATE INDEX IF NOT EXISTS %s "
                    "ON res_partner USING gin (%s gin_trgm_ops) "
                    # the Clients list's own rows: a tenth of the partners
                    "WHERE biuro_client AND parent_id IS NULL",
                    SQL.identifier(f"res_partner_{column}_biuro_trgm_idx"),
                    SQL.identifier(column),
                )
            )
        return res
