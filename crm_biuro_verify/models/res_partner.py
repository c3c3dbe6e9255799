import threading
from collections import Counter
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..registries import warsaw_now
from ..services import config, registry_table
from ..services.config import REGISTRY_ORDER
from ..services.run import VerificationRun
from . import trust
from .biuro_verification import VERIFY_STATES

# Registries shown in the verification bar: (registry, label of the badge)
BAR = registry_table.BAR
ISSUE_STATES = ("changed", "warning", "not_found", "unavailable")
# The registries' verdicts on a client: written by the verification service only.
VERDICT_FIELDS = frozenset(
    name
    for registry in registry_table.REGISTRIES
    for name in (registry.state_field, registry.date_field)
)


class ResPartner(models.Model):
    """Registry verification of a client: the latest state per registry (the
    verification bar), the evidence log, bank accounts compared with the VAT white
    list and beneficial owners from CRBR. Registries are called only by explicit
    actions and the daily cron, never from create/write/onchange."""

    _inherit = "res.partner"

    # The names biuro_verify_<registry>_state are read by crm_biuro_mail's badge.
    biuro_verify_gus_state = fields.Selection(
        VERIFY_STATES, string="GUS check", readonly=True, copy=False
    )
    biuro_verify_gus_date = fields.Date(
        string="GUS checked on", readonly=True, copy=False
    )
    biuro_verify_whitelist_state = fields.Selection(
        VERIFY_STATES, string="White list check", readonly=True, copy=False
    )
    biuro_verify_whitelist_date = fields.Date(
        string="White list checked on", readonly=True, copy=False
    )
    biuro_verify_vies_state = fields.Selection(
        VERIFY_STATES, string="VIES check", readonly=True, copy=False
    )
    biuro_verify_vies_date = fields.Date(
        string="VIES checked on", readonly=True, copy=False
    )
    biuro_verify_krs_state = fields.Selection(
        VERIFY_STATES, string="KRS check", readonly=True, copy=False
    )
    biuro_verify_krs_date = fields.Date(
        string="KRS checked on", readonly=True, copy=False
    )
    biuro_verify_crbr_state = fields.Selection(
        VERIFY_STATES, string="CRBR check", readonly=True, copy=False
    )
    biuro_verify_crbr_date = fields.Date(
        string="CRBR checked on", readonly=True, copy=False
    )
    biuro_verification_ids = fields.One2many(
        "biuro.verification", "partner_id", string="Registry checks"
    )
    biuro_verification_count = fields.Integer(
        string="Registry check count", compute="_compute_biuro_verification_count"
    )
    biuro_bank_account_ids = fields.One2many(
        "res.partner.bank",
        "partner_id",
        string="Bank accounts (white list)",
        help="The client's bank accounts, marked by the daily white-list check.",
    )
    biuro_beneficial_owner_ids = fields.One2many(
        "biuro.beneficial.owner", "partner_id", string="Beneficial owners"
    )
    biuro_pkd_main = fields.Char(string="Main PKD")
    biuro_pkd_codes = fields.Text(string="Other PKD codes")

    def _compute_biuro_verification_count(self):
        counts = {}
        if self.ids:
            counts = dict(
                self.env["biuro.verification"]._read_group(
                    [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
                )
            )
        for partner in self:
            partner.biuro_verification_count = counts.get(partner, 0)

    # --- verdicts are the service's -------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        trust.check_verdict_write(self, vals_list, VERDICT_FIELDS)
        return super().create(vals_list)

    def write(self, vals):
        trust.check_verdict_write(self, [vals], VERDICT_FIELDS)
        return super().write(vals)

    # --- access -----------------------------------------------------------------------

    def _biuro_verify_check_access(self):
        """Registry checks are office work: office users only (never the portal)."""
        if not self.env.user.has_group("crm_biuro.group_biuro_user"):
            raise AccessError(
                _("Only office users can check clients in the registries.")
            )
        if self:
            self.check_access("read")

    # --- verify now and the daily cron ------------------------------------------------

    def action_biuro_verify(self):
        """Check these clients now, through the same batched path as the cron.

        Today's answers are reused (no second request the same day), today's
        outages are retried. Returns a notification action (reloading the form);
        its ``params["summary"]`` lists, per client and registry, today's check:
        ``{partner_id, registry, state, check_date, summary, request_id}``.
        """
        self._biuro_verify_check_access()
        clients = self.filtered(lambda p: p.biuro_client and not p.parent_id)
        if not clients:
            raise UserError(_("Only clients can be checked in the registries."))
        VerificationRun(self.env, clients, retry_unavailable=True).run()
        summary = clients._biuro_verify_today_summary()
        states = {line["state"] for line in summary}
        labels = dict(
            self.env["biuro.verification"]
            ._fields["state"]
            ._description_selection(self.env)
        )
        registry_labels = dict(
            self.env["biuro.verification"]
            ._fields["registry"]
            ._description_selection(self.env)
        )
        by_registry = {}
        for line in summary:
            by_registry.setdefault(line["registry"], Counter())[line["state"]] += 1
        lines = []
        for registry, counts in by_registry.items():
            states_text = ", ".join(
                labels[state] if len(clients) == 1 else f"{labels[state]} {count}"
                for state, count in counts.items()
            )
            lines.append(f"{registry_labels[registry]}: {states_text}")
        message = "\n".join(lines) or _("No registry is enabled for these clients.")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Registry check"),
                "message": message,
                "type": "success" if states <= {"ok"} else "warning",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                "summary": summary,
            },
        }

    def _biuro_verify_today_summary(self):
        day = warsaw_now().date()
        records = (
            self.env["biuro.verification"]
            # sudo: read access to these clients was checked by the caller
            # (action_biuro_verify); the summary holds no manager-only field
            .sudo()
            .search([("partner_id", "in", self.ids), ("check_date", "=", day)])
            .sorted(lambda r: (r.partner_id.id, REGISTRY_ORDER.index(r.registry)))
        )
        return [
            {
                "partner_id": record.partner_id.id,
                "registry": record.registry,
                "state": record.state,
                "check_date": fields.Date.to_string(record.check_date),
                "summary": record.summary or "",
                "request_id": record.request_id or "",
            }
            for record in records
        ]

    @api.model
    def _cron_biuro_verify(self):
        """Daily run over every active client, in committed slices (services.run)."""
        testing = getattr(threading.current_thread(), "testing", False)
        budget = config.VerifyConfig.load(self.env).cron_time_budget
        run = VerificationRun(
            self.env,
            auto_commit=not testing,
            time_budget=budget if budget > 0 else None,
            keep_session=True,
        ).run()
        if run.remaining and not run.done:
            # Nothing could be sent in this slice (a registry's rate limit): Odoo
            # takes "nothing done" for "finished", so ask it to come back later.
            self.env.ref("crm_biuro_verify.ir_cron_biuro_verify")._trigger(
                at=fields.Datetime.now() + timedelta(seconds=60)
            )
        return {"done": run.done, "remaining": run.remaining, "states": run.summary()}

    def action_biuro_open_verifications(self):
        self.ensure_one()
        self._biuro_verify_check_access()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm_biuro_verify.biuro_verification_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # --- dashboard ------------------------------------------------------------------

    def _biuro_dashboard_stats(self):
        stats = super()._biuro_dashboard_stats()
        issues = sum(
            1
            for registry, _label in BAR
            if self[f"biuro_verify_{registry}_state"] in ISSUE_STATES
        )
        stats.append((_("Registry issues"), issues))
        return stats
