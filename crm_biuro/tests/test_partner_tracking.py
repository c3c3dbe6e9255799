from odoo.tests import tagged

from .common import BiuroCase


@tagged("post_install", "-at_install")
class TestPartnerTracking(BiuroCase):
    """The chatter is the client's timeline: each change of status, tax form and
    accountant leaves one message with the old and the new value."""

    def _tracking(self, client, field_name):
        self.env.flush_all()
        self.env.cr.flush()
        values = client.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == field_name
        )
        return values

    def test_status_tax_form_and_accountant_changes_are_on_the_timeline(self):
        client = self.make_client(biuro_state="potential", biuro_tax_form="skala")
        self.env.flush_all()
        self.env.cr.flush()
        before = len(client.message_ids)

        client.biuro_state = "active"
        state = self._tracking(client, "biuro_state")
        client.biuro_tax_form = "liniowy"
        tax = self._tracking(client, "biuro_tax_form")
        client.biuro_accountant_id = self.user
        accountant = self._tracking(client, "biuro_accountant_id")

        # labels in whatever language the database writes its timeline in
        states = dict(client._fields["biuro_state"]._description_selection(self.env))
        forms = dict(client._fields["biuro_tax_form"]._description_selection(self.env))
        self.assertEqual(len(client.message_ids), before + 3)
        self.assertEqual(len(state), 1)
        self.assertEqual(
            (state.old_value_char, state.new_value_char),
            (states["potential"], states["active"]),
        )
        self.assertEqual(
            (tax.old_value_char, tax.new_value_char),
            (forms["skala"], forms["liniowy"]),
        )
        self.assertEqual(len(accountant), 1)
        self.assertFalse(accountant.old_value_integer)
        self.assertEqual(accountant.new_value_integer, self.user.id)
        self.assertEqual(accountant.mail_message_id.author_id, self.env.user.partner_id)
