"""crm_biuro's _biuro_is_verified() hook, answered from the registry verdicts (what
crm_biuro_mail's "CRM client" badge shows)."""

from odoo.tests import tagged

from odoo.addons.crm_biuro.tests.common import NIP_A, BiuroCase

from ..models import trust


@tagged("post_install", "-at_install")
class TestVerifiedHook(BiuroCase):
    def test_verified_when_every_checked_registry_is_ok(self):
        client = self.make_client("Zweryfikowana sp. z o.o.", NIP_A)
        # nothing checked yet: not verified
        self.assertIs(client._biuro_is_verified(), False)
        with trust.trusted():
            client.write(
                {"biuro_verify_gus_state": "ok", "biuro_verify_vies_state": "ok"}
            )
        self.assertIs(client._biuro_is_verified(), True)
        for state in ("changed", "warning", "not_found", "unavailable"):
            with self.subTest(state=state):
                with trust.trusted():
                    client.biuro_verify_vies_state = state
                self.assertIs(client._biuro_is_verified(), False)
