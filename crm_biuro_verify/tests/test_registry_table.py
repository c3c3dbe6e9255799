"""The registry table is the one source: the Odoo fields, settings, the evidence
selection and the verification bar of both partner views follow it, and every legal
form the registry mappings produce is a code of crm_biuro/legal_forms.py."""

from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

from odoo.addons.crm_biuro import legal_forms
from odoo.addons.crm_biuro.obligation_rules import profile

from ..services import lookup, registry_table


@tagged("post_install", "-at_install")
class TestRegistryTable(TransactionCase):
    def test_every_registry_has_its_fields(self):
        partner_fields = self.env["res.partner"]._fields
        settings_fields = self.env["res.config.settings"]._fields
        for entry in registry_table.REGISTRIES:
            self.assertEqual(partner_fields[entry.state_field].type, "selection")
            self.assertEqual(partner_fields[entry.date_field].type, "date")
            self.assertEqual(settings_fields[entry.settings_field].type, "boolean")
            url_field = settings_fields[f"biuro_verify_{entry.url_param}"]
            self.assertEqual(
                url_field.config_parameter, f"crm_biuro_verify.{entry.url_param}"
            )
        selection = self.env["biuro.verification"]._fields["registry"].selection
        self.assertEqual([key for key, _label in selection], list(registry_table.ORDER))

    def test_the_bar_of_both_views_follows_the_table(self):
        for path in (
            "crm_biuro_verify/views/res_partner_views.xml",
            "crm_biuro_verify/views/res_partner_dashboard_views.xml",
        ):
            with file_open(path, "rb") as view:
                tree = etree.parse(view)
            badges = tree.xpath("//div[@data-registry]")
            self.assertEqual(
                [
                    (
                        b.get("data-registry"),
                        b.xpath("string(.//span[@class='fw-bold'])"),
                    )
                    for b in badges
                ],
                list(registry_table.BAR),
                path,
            )

    def test_legal_forms_are_defined_once(self):
        field = self.env["res.partner"]._fields["biuro_legal_form"]
        codes = {key for key, _label in field.selection}
        self.assertEqual(codes, set(legal_forms.CODES))
        self.assertEqual(codes, set(profile.LEGAL_FORMS))
        wizard = self.env["biuro.client.from.nip"]._fields["legal_form"]
        self.assertEqual({key for key, _label in wizard.selection}, codes)
        # what GUS and KRS answers are mapped to
        self.assertLessEqual(set(lookup.GUS_LEGAL_FORMS.values()), codes)
        self.assertLessEqual({form for _w, form in lookup.LEGAL_FORM_WORDS}, codes)
        self.assertLessEqual(set(registry_table.CRBR_LEGAL_FORMS), codes)
        self.assertEqual(lookup.legal_form_of("F"), "jdg")
        self.assertEqual(
            lookup.legal_form_of("P", "", "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ"),
            "spzoo",
        )
