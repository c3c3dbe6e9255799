from odoo import api, models
from odoo.exceptions import AccessError

from odoo.addons.crm_biuro_verify.models import trust


class BiuroWorkflowMixin(models.AbstractModel):
    """Fields a record's buttons set after their checks (an AML case's approval,
    a discrepancy's state, a power of attorney's revocation) are refused to any
    other write: ``readonly`` guards the form only, and over RPC anyone who may
    write the record could otherwise approve a case with open discrepancies or
    back-date its approval (issue #11: the same rule as the registry verdicts).

    ``_biuro_workflow_fields`` maps each guarded field to the value a new record
    may be created with (its default); ``_biuro_workflow_write_only`` names fields
    given freely at creation but never changed by hand afterwards. The buttons
    write through :meth:`_biuro_workflow_write`; superuser code (crons, data
    files, the CRBR comparison after a registry check) is trusted as in
    crm_biuro_verify."""

    _name = "biuro.workflow.mixin"
    _description = "Fields set by a record's buttons only"

    _biuro_workflow_fields = {}
    _biuro_workflow_write_only = ()

    def _biuro_check_workflow_vals(self, vals_list, creating=False):
        if trust.is_trusted(self.env):
            return
        guarded = self._biuro_workflow_fields
        later = () if creating else self._biuro_workflow_write_only
        touched = sorted(
            {
                name
                for vals in vals_list
                for name, value in vals.items()
                if name in later
                or (
                    name in guarded
                    and not (creating and (value or False) == guarded[name])
                )
            }
        )
        if touched:
            labels = ", ".join(
                self._fields[name]._description_string(self.env) for name in touched
            )
            raise AccessError(
                self.env._(
                    "%(fields)s change only through the record's buttons (which "
                    "check it first), not by hand.",
                    fields=labels,
                )
            )

    def _biuro_workflow_write(self, vals):
        """A button's write of guarded fields, after the button's own checks.
        The caller's access rights still apply."""
        with trust.trusted():
            return self.write(vals)

    @api.model_create_multi
    def create(self, vals_list):
        self._biuro_check_workflow_vals(vals_list, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._biuro_check_workflow_vals([vals])
        return super().write(vals)
