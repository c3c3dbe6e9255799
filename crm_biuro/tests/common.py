from contextlib import contextmanager

from odoo.tests import TransactionCase, new_test_user

# NIPs and REGONs with valid check digits (fictitious firms); see identifiers.py.
NIP_A = "5260250274"
NIP_B = "7251801126"
REGON_9 = "000331501"
REGON_14 = "12345678512347"
PESEL_OK = "44051401359"


class BiuroCase(TransactionCase):
    """Office users of each kind and a helper that creates a client company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the test database speaks Polish (it loads pl_PL); assertions are in English
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.user = new_test_user(
            cls.env, "biuro_user", groups="base.group_user,crm_biuro.group_biuro_user"
        )
        cls.manager = new_test_user(
            cls.env,
            "biuro_manager",
            groups="base.group_user,crm_biuro.group_biuro_manager",
            lang="en_US",
        )
        cls.outsider = new_test_user(
            cls.env, "biuro_outsider", groups="base.group_user"
        )
        cls.poland = cls.env.ref("base.pl")

    @classmethod
    def make_client(cls, name="Firma Testowa sp. z o.o.", vat=NIP_A, **vals):
        return cls.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "biuro_client": True,
                "vat": vat,
                "country_id": cls.env.ref("base.pl").id,
                **vals,
            }
        )

    @contextmanager
    def assertRaisesMsg(self, exception, pattern):
        """assertRaisesRegex that also rolls the failed operation back (Odoo's
        assertRaises wraps it in a savepoint; unittest's assertRaisesRegex does not)."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertRegex(str(caught.exception), pattern)
