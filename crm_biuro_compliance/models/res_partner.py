from odoo import _, api, fields, models
from odoo.tools import format_date

from . import params
from .biuro_aml_case import CASE_STATES, RISK_LEVELS

AML = "crm_biuro_compliance.group_biuro_aml,crm_biuro.group_biuro_manager"
AGREEMENT_STATES = [
    ("missing", "Missing"),
    ("outdated", "Outdated"),
    ("current", "Current"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    biuro_mandate_ids = fields.One2many(
        "biuro.mandate", "partner_id", string="Powers of attorney"
    )
    biuro_ksef_profile_ids = fields.One2many(
        "biuro.ksef.profile", "partner_id", string="KSeF profile"
    )
    biuro_processing_agreement_ids = fields.One2many(
        "biuro.processing.agreement", "partner_id", string="Processing agreements"
    )
    biuro_processing_agreement_state = fields.Selection(
        AGREEMENT_STATES,
        string="Processing agreement",
        compute="_compute_biuro_processing_agreement_state",
        search="_search_biuro_processing_agreement_state",
    )
    biuro_aml_case_ids = fields.One2many(
        "biuro.aml.case", "partner_id", string="AML cases", groups=AML
    )
    biuro_aml_state = fields.Selection(
        CASE_STATES + [("none", "No case")],
        string="AML case",
        compute="_compute_biuro_aml",
        store=True,
        groups=AML,
    )
    biuro_aml_risk_level = fields.Selection(
        RISK_LEVELS,
        string="AML risk",
        compute="_compute_biuro_aml",
        store=True,
        groups=AML,
    )
    biuro_aml_next_review = fields.Date(
        string="Next AML review",
        compute="_compute_biuro_aml",
        store=True,
        groups=AML,
    )

    @api.depends(
        "biuro_aml_case_ids.state",
        "biuro_aml_case_ids.risk_level",
        "biuro_aml_case_ids.next_review_date",
        "biuro_aml_case_ids.active",
    )
    def _compute_biuro_aml(self):
        for partner in self:
            # sudo: these fields are only readable by the AML groups; the stored
            # summary is computed the same for whoever triggered the recompute
            cases = partner.sudo().biuro_aml_case_ids.sorted(
                lambda c: (c.state == "rejected", -c.id)
            )
            case = cases[:1]
            if not partner.biuro_client or partner.parent_id:
                partner.biuro_aml_state = False
            else:
                partner.biuro_aml_state = case.state or "none"
            partner.biuro_aml_risk_level = case.risk_level or False
            partner.biuro_aml_next_review = case.next_review_date or False

    @api.depends("biuro_processing_agreement_ids.version")
    def _compute_biuro_processing_agreement_state(self):
        current = params.agreement_version(self.env)
        for partner in self:
            versions = partner.biuro_processing_agreement_ids.mapped("version")
            if not versions:
                partner.biuro_processing_agreement_state = "missing"
            elif current and current not in versions:
                partner.biuro_processing_agreement_state = "outdated"
            else:
                partner.biuro_processing_agreement_state = "current"

    def _search_biuro_processing_agreement_state(self, operator, value):
        if operator not in ("=", "in"):
            raise NotImplementedError(operator)
        wanted = [value] if operator == "=" else list(value)
        current = params.agreement_version(self.env)
        has_current = [("biuro_processing_agreement_ids", "any", [])]
        if current:
            has_current = [
                ("biuro_processing_agreement_ids", "any", [("version", "=", current)])
            ]
        domains = {
            "missing": [("biuro_processing_agreement_ids", "=", False)],
            "current": has_current,
            "outdated": [("biuro_processing_agreement_ids", "!=", False)]
            + ["!"]
            + has_current,
        }
        result = []
        for state in wanted:
            if state in domains:
                result = ["|"] + result + domains[state] if result else domains[state]
        return result or [("id", "=", False)]

    def _biuro_dashboard_stats(self):
        """The AML state and the next review, for the AML roles (stored fields of
        the client: no query of their own)."""
        stats = super()._biuro_dashboard_stats()
        user = self.env.user
        if user.has_group("crm_biuro_compliance.group_biuro_aml") or user.has_group(
            "crm_biuro.group_biuro_manager"
        ):
            states = dict(
                self._fields["biuro_aml_state"]._description_selection(self.env)
            )
            stats.append((_("AML case"), states.get(self.biuro_aml_state, "-")))
            review = self.biuro_aml_next_review
            stats.append(
                (_("Next AML review"), format_date(self.env, review) if review else "-")
            )
        return stats

    def write(self, vals):
        result = super().write(vals)
        if vals.get("biuro_anonymized_date"):
            self._biuro_note_aml_kept()
        return result

    def _biuro_note_aml_kept(self):
        """GDPR anonymisation (crm_biuro) leaves the AML case alone: the AML act
        (art. 49) requires keeping it. The case says so, with the date until
        which it is kept."""
        cases = (
            self.env["biuro.aml.case"]
            # sudo: only a note is added to the cases of the partners just anonymised
            # by the GDPR flow (which checks the manager right itself)
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", self.ids)])
        )
        for case in cases:
            until = case.retention_until
            case.message_post(
                body=_(
                    "The client's personal data was anonymised. This AML case is kept "
                    "as the AML act requires (art. 49: 5 years after the relationship "
                    "ends)%(until)s, then listed for deletion.",
                    until=_(", until %s", format_date(self.env, until))
                    if until
                    else "",
                ),
                subtype_xmlid="mail.mt_note",
            )
