from odoo import api, models

from .. import matching


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    @api.model
    def _str_to_selection(self, model, field, value):
        # spreadsheets say "sp. z o.o." or "S.A.", not the full label of the form
        if field.model_name == "res.partner" and field.name == "biuro_legal_form":
            code = matching.legal_form_code(value)
            if code:
                return code, []
        return super()._str_to_selection(model, field, value)
