"""The registry evidence in crm_biuro's client merge (_biuro_merge_unique_records)."""

from datetime import date

from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import NIP_A, NIP_B
from odoo.addons.crm_biuro.tests.test_client_duplicates import MergeCase


@tagged("post_install", "-at_install")
class TestMergeVerify(MergeCase):
    def test_evidence_follows_the_survivor(self):
        """The registry evidence of the merged-away client moves to the survivor;
        a same-day check both had is not doubled."""
        survivor = self.make_client("Ewidencja sp. z o.o.", NIP_A)
        merged = self.make_client("Ewidencja S.A.", NIP_B)
        Verification = self.env["biuro.verification"]
        check = {"registry": "gus", "state": "ok", "check_date": date(2026, 11, 30)}
        same_day = Verification.create(
            [{**check, "partner_id": p.id} for p in (survivor, merged)]
        )
        older = Verification.create(
            {**check, "partner_id": merged.id, "check_date": date(2026, 11, 2)}
        )
        self._merge(self.manager, survivor | merged, survivor)
        self.assertEqual(older.partner_id, survivor)
        self.assertEqual(
            Verification.search_count(
                [("partner_id", "=", survivor.id), ("check_date", "=", "2026-11-30")]
            ),
            1,
        )
        # of two checks of the same day, the later one stays
        self.assertEqual(same_day.exists(), same_day[1])
