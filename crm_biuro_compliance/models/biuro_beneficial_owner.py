from odoo import api, models

from ..services.crbr_comparison import compare_after_crbr_change

PENDING = "crm_biuro_compliance.crbr_owner_partners"


class BiuroBeneficialOwner(models.Model):
    """Read-only use of the verification's CRBR owners: when a registry check
    replaces them, the client's AML case is compared again. The comparison runs
    once, just before the transaction commits, after the check has removed the
    old owners and written the new ones (not in between)."""

    _inherit = "biuro.beneficial.owner"

    @api.model_create_multi
    def create(self, vals_list):
        owners = super().create(vals_list)
        owners._biuro_compliance_schedule_comparison()
        return owners

    def unlink(self):
        self._biuro_compliance_schedule_comparison()
        return super().unlink()

    def _biuro_compliance_schedule_comparison(self):
        partner_ids = {o.partner_id.id for o in self if o.source == "crbr"}
        if not partner_ids:
            return
        precommit = self.env.cr.precommit
        pending = precommit.data.setdefault(PENDING, set())
        if not pending:
            # sudo: the registry check (office user or cron) changed CRBR's owners;
            # only the AML cases of exactly these clients are compared, and the
            # comparison writes nothing any caller chose
            env = self.env(su=True)
            precommit.add(lambda: _compare_and_flush(env, pending))
        pending.update(partner_ids)


def _compare_and_flush(env, partner_ids):
    """Precommit hooks run after the transaction's last flush: what the comparison
    writes is flushed here, or it would be lost (as Odoo's own hooks do)."""
    compare_after_crbr_change(env, partner_ids)
    env.flush_all()
