from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.crm_biuro import identifiers

from . import params

ID_DOCUMENT_TYPES = [
    ("id_card", "ID card"),
    ("passport", "Passport"),
    ("residence_card", "Residence card"),
    ("other", "Other"),
]
# who may see the identity data of the people (like the client's PESEL)
SENSITIVE = "crm_biuro_compliance.group_biuro_aml,crm_biuro.group_biuro_manager"


class BiuroAmlPerson(models.Model):
    """A person identified in an AML case (art. 36): a representative, a beneficial
    owner (UBO) or the person acting for the client; one person may be several."""

    _name = "biuro.aml.person"
    _description = "Person identified in an AML case"
    _order = "case_id, is_ubo desc, name, id"

    case_id = fields.Many2one(
        "biuro.aml.case", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="case_id.partner_id", store=True, index=True)
    company_id = fields.Many2one(related="case_id.company_id", store=True, index=True)
    name = fields.Char(required=True)
    is_representative = fields.Boolean(string="Representative")
    is_ubo = fields.Boolean(string="Beneficial owner")
    is_acting = fields.Boolean(
        string="Acts for the client",
        help="The person dealing with the office on the client's behalf.",
    )
    citizenship_id = fields.Many2one("res.country", string="Citizenship")
    residence_country_id = fields.Many2one("res.country", string="Country of residence")
    pesel = fields.Char(string="PESEL", groups=SENSITIVE)
    birth_date = fields.Date(groups=SENSITIVE)
    birth_country_id = fields.Many2one(
        "res.country", string="Country of birth", groups=SENSITIVE
    )
    id_document_type = fields.Selection(
        ID_DOCUMENT_TYPES, string="ID document", groups=SENSITIVE
    )
    id_document_number = fields.Char(string="Series and number", groups=SENSITIVE)
    id_document_expiry = fields.Date(
        string="ID valid until", groups=SENSITIVE, index=True
    )
    id_alert_sent_for = fields.Date(copy=False, groups=SENSITIVE)
    share_percent = fields.Float(
        string="Share (%)",
        digits=(5, 2),
        help="The size of the interest held, compared with CRBR.",
    )
    interest = fields.Char(help="Nature of the interest or control, in words.")
    pep = fields.Boolean(string="PEP")
    pep_details = fields.Char(string="PEP function")

    @api.constrains("pesel")
    def _check_pesel(self):
        for person in self.filtered("pesel"):
            if not identifiers.is_valid_pesel(person.pesel):
                raise ValidationError(
                    _(
                        "Invalid PESEL %(pesel)s of %(person)s.",
                        pesel=person.pesel,
                        person=person.name,
                    )
                )

    @api.constrains("pesel", "birth_date", "birth_country_id")
    def _check_identified(self):
        # art. 36: PESEL, or the date and country of birth of a foreigner without it
        for person in self:
            if person.birth_country_id and not person.birth_date:
                raise ValidationError(
                    _("Give the date of birth of %s with the country.", person.name)
                )

    @api.constrains("share_percent")
    def _check_share(self):
        for person in self:
            if not 0 <= person.share_percent <= 100:
                raise ValidationError(_("A share is between 0 and 100 %."))

    @api.model
    def _cron_id_expiry_alerts(self):
        """An activity for the case's AML officer before an ID document expires
        (once per expiry date)."""
        today = fields.Date.context_today(self)
        horizon = fields.Date.add(today, days=params.get_int(self.env, "alert_days"))
        people = self.search(
            [
                ("id_document_expiry", "!=", False),
                ("id_document_expiry", "<=", horizon),
                ("case_id.state", "!=", "rejected"),
                ("case_id.active", "=", True),
            ]
        ).filtered(lambda p: p.id_alert_sent_for != p.id_document_expiry)
        activity_type = self.env.ref(
            "crm_biuro_compliance.mail_activity_type_compliance"
        )
        for person in people:
            case = person.case_id
            case.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=max(today, person.id_document_expiry),
                summary=_(
                    "ID document of %(person)s expires on %(date)s",
                    person=person.name,
                    date=person.id_document_expiry,
                ),
                user_id=(case.user_id or self.env.user).id,
            )
            person.id_alert_sent_for = person.id_document_expiry
        return True
