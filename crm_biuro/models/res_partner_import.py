from odoo import _, api, models
from odoo.exceptions import UserError


class ImportBatchError(Exception):
    """A batch of imported rows failed: not a user error, so that Odoo's import
    quietly retries the rows one by one (see `_load_records`)."""


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def get_import_templates(self):
        """Offer the office's client template first in the import screen; its Polish
        column headers are mapped to fields by data/base_import_mapping_data.xml."""
        return [
            {
                "label": _("Client import template"),
                "template": "/crm_biuro/static/xls/szablon_importu_klientow.xlsx",
            }
        ] + super().get_import_templates()

    def _load_records(self, data_list, update=False):
        if len(data_list) > 1 and self.env.context.get("import_file"):
            try:
                return super()._load_records(data_list, update=update)
            except UserError as error:
                # Odoo's import retries a failed batch row by row, which names every
                # refused row; a batch-level user error would also be reported against
                # the batch's first row, which may well be a good one.
                raise ImportBatchError(str(error)) from error
        return super()._load_records(data_list, update=update)
