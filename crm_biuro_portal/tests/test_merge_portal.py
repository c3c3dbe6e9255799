"""The portal access in crm_biuro's client merge (_biuro_merge_unique_records)."""

from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import NIP_A, NIP_B
from odoo.addons.crm_biuro.tests.test_client_duplicates import MergeCase


@tagged("post_install", "-at_install")
class TestMergePortal(MergeCase):
    def test_portal_access_follows_the_survivor(self):
        survivor = self.make_client("Ewidencja sp. z o.o.", NIP_A)
        merged = self.make_client("Ewidencja S.A.", NIP_B)
        person = self.env["res.partner"].create({"name": "Jan Portalowy"})
        access = self.env["biuro.portal.access"].create(
            {"partner_id": person.id, "client_id": merged.id, "level": "owner"}
        )
        self._merge(self.manager, survivor | merged, survivor)
        self.assertEqual(access.client_id, survivor)

    def test_the_higher_access_of_a_double_is_kept(self):
        """A person with access to both clients keeps one row: the active and
        higher one."""
        survivor = self.make_client("Podwójny dostęp sp. z o.o.", NIP_A)
        merged = self.make_client("Podwójny dostęp S.A.", NIP_B)
        person = self.env["res.partner"].create({"name": "Jan Portalowy"})
        Access = self.env["biuro.portal.access"]
        low = Access.create(
            {"partner_id": person.id, "client_id": survivor.id, "level": "readonly"}
        )
        high = Access.create(
            {"partner_id": person.id, "client_id": merged.id, "level": "owner"}
        )
        self._merge(self.manager, survivor | merged, survivor)
        self.assertFalse(low.exists())
        self.assertRecordValues(high, [{"client_id": survivor.id, "level": "owner"}])
