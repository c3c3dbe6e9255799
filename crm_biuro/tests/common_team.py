from datetime import date

from odoo.tests import new_test_user

from .common import NIP_A, NIP_B

TEAM_PARAM = "crm_biuro.team_visibility"


class TeamMixin:
    """Two accountants, each with one client, and the switch of the setting."""

    @classmethod
    def setup_team(cls):
        cls.accountant_a = new_test_user(
            cls.env, "biuro_acc_a", groups="base.group_user,crm_biuro.group_biuro_user"
        )
        cls.accountant_b = new_test_user(
            cls.env, "biuro_acc_b", groups="base.group_user,crm_biuro.group_biuro_user"
        )
        cls.assistant_a = new_test_user(
            cls.env, "biuro_asst_a", groups="base.group_user,crm_biuro.group_biuro_user"
        )
        cls.client_a = cls.make_client(
            "Klient A sp. z o.o.",
            NIP_A,
            biuro_accountant_id=cls.accountant_a.id,
            biuro_assistant_ids=[(6, 0, cls.assistant_a.ids)],
        )
        cls.client_b = cls.make_client(
            "Klient B sp. z o.o.", NIP_B, biuro_accountant_id=cls.accountant_b.id
        )

    def set_team_visibility(self, on):
        self.env["ir.config_parameter"].set_param(TEAM_PARAM, "True" if on else "")

    @staticmethod
    def record_vals(model, client):
        vals = {
            "biuro.contract": {"date_start": date(2026, 1, 1)},
            "biuro.tax.inspection": {},
            "biuro.document": {"name": "Faktury 01/2026"},
        }.get(model, {})
        return {"partner_id": client.id, **vals}

    def make_obligation(self, client, due, state="todo"):
        return self.env["biuro.obligation"].create(
            {
                "partner_id": client.id,
                "declaration_type_id": self.env.ref(
                    "crm_biuro.declaration_type_jpk_v7m"
                ).id,
                "period_start": due.replace(day=1),
                "period_end": due.replace(day=28),
                "due_date": due,
                "state": state,
                # one obligation per due day in the tests (the key is unique)
                "part": due.isoformat(),
            }
        )
