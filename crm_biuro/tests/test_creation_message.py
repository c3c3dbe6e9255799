from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCreationMessage(TransactionCase):
    """The "<document> created" note is in one language, also when the environment
    has none (data files, scripts): the user's."""

    def test_note_in_the_users_language_without_a_context_language(self):
        if not self.env["res.lang"]._lang_get("pl_PL"):
            self.skipTest("Polish is not installed")
        user = new_test_user(
            self.env, "creation_note_pl", groups="crm_biuro.group_biuro_user"
        )
        user.lang = "pl_PL"
        client = self.env["res.partner"].create(
            {"name": "Notatka sp. z o.o.", "is_company": True, "biuro_client": True}
        )
        # no language in the context, as while data files load
        contract = (
            self.env["biuro.contract"]
            .with_user(user)
            .with_context(lang=None)
            .create({"partner_id": client.id, "date_start": "2026-01-01"})
        )
        model = self.env["ir.model"]._get("biuro.contract")
        polish = model.with_context(lang="pl_PL").name
        english = model.with_context(lang="en_US").name
        self.assertNotEqual(polish, english, "crm_biuro's Polish is loaded")
        note = contract.message_ids.filtered(lambda m: polish in (m.body or ""))
        self.assertTrue(note, contract.message_ids.mapped("body"))
        self.assertNotIn(english, note.body)
