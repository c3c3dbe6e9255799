"""The e-mail domains in crm_biuro's client merge (_biuro_merge_unique_records)."""

from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import NIP_A, NIP_B
from odoo.addons.crm_biuro.tests.test_client_duplicates import MergeCase


@tagged("post_install", "-at_install")
class TestMergeMail(MergeCase):
    def test_e_mail_domains_follow_the_survivor(self):
        survivor = self.make_client("Domenowy sp. z o.o.", NIP_A)
        merged = self.make_client("Domenowy S.A.", NIP_B)
        Domain = self.env["biuro.mail.domain"]
        Domain.create(
            [
                {"partner_id": survivor.id, "name": "domenowy.pl"},
                {"partner_id": merged.id, "name": "domenowy.pl"},
                {"partner_id": merged.id, "name": "domenowy-sa.pl"},
            ]
        )
        self._merge(self.manager, survivor | merged, survivor)
        self.assertEqual(
            sorted(Domain.search([("partner_id", "=", survivor.id)]).mapped("name")),
            ["domenowy-sa.pl", "domenowy.pl"],
        )
