import logging

from odoo import api, fields, models

from ..registries import RegistryError, warsaw_now
from ..registries import flatfile as wl_flatfile
from ..services import config, flat_store

_logger = logging.getLogger(__name__)

URL_PARAM = config.PREFIX + "whitelist_flat_url"
ENABLED_PARAM = config.PREFIX + "whitelist_flat_enabled"


class BiuroWhitelistFlatFile(models.Model):
    """One day's flat file of the VAT white list (plik płaski): where it came from,
    its date, size and checksum, and whether it could be imported. The evidence
    behind every check answered from it (biuro.verification.flat_file_id). Written
    by the daily import only, one record per day; the hashes themselves are kept in
    plain tables for the current day only (services/flat_store.py)."""

    _name = "biuro.whitelist.flat.file"
    _description = "VAT white list flat file"
    _order = "file_date desc, id desc"
    _rec_name = "file_date"

    file_date = fields.Date(
        string="Day", required=True, readonly=True, index=True, help="Europe/Warsaw."
    )
    state = fields.Selection(
        [("imported", "Imported"), ("unavailable", "Unavailable")],
        required=True,
        readonly=True,
    )
    url = fields.Char(string="URL", readonly=True)
    size = fields.Integer(string="Archive size (bytes)", readonly=True)
    sha256 = fields.Char(string="SHA-256 of the archive", readonly=True)
    json_size = fields.Float(
        string="JSON size (bytes)", readonly=True, digits=(16, 0), aggregator=False
    )
    generated_on = fields.Date(
        string="Generated on",
        readonly=True,
        help="The file's own date (dataGenerowaniaDanych).",
    )
    transformations = fields.Integer(
        readonly=True, help="Times each hash was iterated (liczbaTransformacji)."
    )
    active_count = fields.Integer(string="Hashes of active payers", readonly=True)
    exempt_count = fields.Integer(string="Hashes of exempt payers", readonly=True)
    mask_count = fields.Integer(string="Virtual-account masks", readonly=True)
    error = fields.Char(readonly=True)
    imported_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        (
            "file_date_unique",
            "unique nulls not distinct (file_date)",
            "One flat-file record per day.",
        )
    ]

    def init(self):
        flat_store.create_tables(self.env.cr)

    # --- reading ----------------------------------------------------------------------

    @api.model
    def _biuro_current(self, day=None):
        """Today's imported file, or an empty recordset (no answer from the file)."""
        day = day or warsaw_now().date()
        domain = [
            ("file_date", "=", day),
            ("generated_on", "=", day),
            ("state", "=", "imported"),
        ]
        # sudo: the service's own evidence of the file, read to answer a check
        return self.sudo().search(domain, limit=1).with_env(self.env)

    # --- the daily import -------------------------------------------------------------

    @api.model
    def _cron_biuro_import(self):
        """Download and load today's file (the ``whitelist_flat_url`` parameter)."""
        # sudo: settings of the service, read by the scheduler's job
        icp = self.env["ir.config_parameter"].sudo()
        if (icp.get_param(ENABLED_PARAM) or "True") in config.FALSE_VALUES:
            return True
        url = (icp.get_param(URL_PARAM) or wl_flatfile.PROD_URL).strip()
        self._biuro_import_day(url, warsaw_now().date())
        return True

    def _biuro_import_day(self, url, day):
        """Import the file of ``day``; -> its record (imported or unavailable)."""
        # sudo: only the import (cron or an administrator's test) writes the evidence
        Files = self.sudo()
        timeout = config.VerifyConfig.load(self.env).timeout * 4
        record = Files.search([("file_date", "=", day)], limit=1)
        if record.state == "imported":
            return record  # answers were given from it: never replaced the same day
        vals = {
            "url": wl_flatfile.file_url(url, day),
            "imported_at": fields.Datetime.now(),
        }
        try:
            loaded = flat_store.import_day(self.env.cr, url, day, timeout=timeout)
        except RegistryError as error:
            _logger.info("white-list flat file of %s unavailable: %s", day, error)
            vals.update(
                state="unavailable",
                error=str(error)[:500],
                size=0,
                sha256=False,
                generated_on=False,
                active_count=0,
                exempt_count=0,
                mask_count=0,
            )
        else:
            stats = loaded["stats"]
            vals.update(
                state="imported",
                error=False,
                size=loaded["size"],
                sha256=loaded["sha256"],
                json_size=stats.json_bytes,
                generated_on=stats.header.day,
                transformations=stats.header.transformations,
                active_count=stats.active,
                exempt_count=stats.exempt,
                mask_count=stats.masks,
            )
        if record:
            record.write(vals)
        else:
            record = Files.create(dict(vals, file_date=day))
        return record
