"""The white list's daily flat file: import over real HTTP from the fake, checks
answered from it without a request, the API kept for what the file cannot answer,
and the days the file cannot be used (none published, corrupt, of another day)."""

from datetime import timedelta

from odoo.tests import tagged

from ..fake_registries import generate_companies
from ..fake_registries.flatfile import virtual_account
from ..registries import warsaw_now
from ..services.run import VerificationRun
from .common import NIP_GUS, NIP_JDG, NIP_SPZOO, VerifyCase

# few transformations: the tests hash hundreds of pairs, the format is the same
TRANSFORMATIONS = 20


@tagged("post_install", "-at_install")
class TestFlatFile(VerifyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        virtual, unknown = generate_companies(2, start=900).values()
        virtual.name = "WIRTUALNA SPÓŁKA Z O.O."
        virtual.has_virtual_accounts = True
        virtual.accounts = [virtual_account("11602202", 4321, 1)]
        cls.companies[virtual.nip] = virtual
        cls.companies[unknown.nip] = unknown
        cls.fake.store.add(virtual)
        cls.fake.store.add(unknown)
        cls.Files = cls.env["biuro.whitelist.flat.file"]
        # sudo: test setup, system parameters are admin-only
        cls.env["ir.config_parameter"].sudo().set_param(
            "crm_biuro_verify.whitelist_flat_url", cls.fake.flatfile_url
        )
        cls.today = warsaw_now().date()
        make = cls.make_fake_client
        cls.with_accounts = make(cls, NIP_SPZOO)
        cls.exempt = make(cls, NIP_JDG, biuro_vat_status="czynny")
        cls.no_account = make(cls, NIP_GUS)
        cls.new_account = make(cls, unknown.nip)
        cls.virtual = make(cls, virtual.nip)
        accounts = {
            cls.with_accounts: cls.companies[NIP_SPZOO].accounts,
            cls.exempt: cls.companies[NIP_JDG].accounts,
            # an account the registry does not know yet: the file cannot say
            cls.new_account: [virtual_account("10500099", 11, 22)],
            # another virtual account of the same payer: matched through its mask
            cls.virtual: [virtual_account("11602202", 4321, 987654)],
        }
        cls.env["res.partner.bank"].create(
            [
                {"acc_number": nrb, "partner_id": client.id}
                for client, nrbs in accounts.items()
                for nrb in nrbs
            ]
        )
        cls.clients = (
            cls.with_accounts
            | cls.exempt
            | cls.no_account
            | cls.new_account
            | cls.virtual
        )

    def setUp(self):
        super().setUp()
        self.fake.flatfile.transformations = TRANSFORMATIONS
        self.fake.flatfile.filler = 3000

    def import_today(self):
        return self.Files._cron_biuro_import() and self.Files.search(
            [("file_date", "=", self.today)]
        )

    def run_whitelist(self):
        return VerificationRun(self.env, self.clients, registries=["whitelist"]).run()

    def stored_hashes(self):
        self.env.cr.execute("SELECT count(*) FROM biuro_whitelist_flat_hash")
        return self.env.cr.fetchone()[0]

    def test_import_records_the_files_date_and_size(self):
        record = self.import_today()
        self.assertEqual(record.state, "imported")
        self.assertEqual(record.generated_on, self.today)
        self.assertEqual(record.transformations, TRANSFORMATIONS)
        archive = self.fake.flatfile.archive(self.today)
        self.assertEqual(record.size, len(archive))
        self.assertEqual(len(record.sha256), 64)
        self.assertGreater(record.json_size, record.size)  # 7z compresses
        # 3000 filler + the fake store's listed pairs; masks of virtual accounts
        self.assertGreater(record.active_count + record.exempt_count, 3000)
        self.assertEqual(
            self.stored_hashes(), record.active_count + record.exempt_count
        )
        self.assertGreaterEqual(record.mask_count, 1)
        self.assertEqual(self.fake.flatfile.counts["file"], 1)
        # a second import the same day keeps the evidence and downloads nothing
        self.assertEqual(self.import_today(), record)
        self.assertEqual(self.fake.flatfile.counts["file"], 1)

    def test_checks_with_known_accounts_cost_no_request(self):
        flat_file = self.import_today()
        run = self.run_whitelist()
        self.assertEqual(run.flat_file_answers, 3)
        # one search for the two the file cannot answer (no account, new account)
        self.assertEqual(self.fake.counts()["whitelist"], {"search/nips": 1})
        searched = self.fake.whitelist.requests[0][1]["value"].split(",")
        self.assertEqual(
            sorted(searched), sorted([NIP_GUS, self.new_account.biuro_nip])
        )
        evidence = self.evidence(self.clients, "whitelist")
        self.assertEqual(len(evidence), 5)
        from_file = evidence.filtered(lambda e: e.source == "flat_file")
        self.assertEqual(
            from_file.partner_id, self.with_accounts | self.exempt | self.virtual
        )
        self.assertEqual(from_file.flat_file_id, flat_file)
        self.assertEqual(set(from_file.mapped("state")), {"ok", "changed"})
        self.assertIn(self.today.isoformat(), from_file[0].summary)
        self.assertFalse((evidence - from_file).flat_file_id)
        self.assertEqual(set((evidence - from_file).mapped("source")), {"api"})
        # the exempt client's status corrected from the file, its account listed
        self.assertEqual(self.exempt.biuro_vat_status, "zwolniony")
        self.assertEqual(
            set(self.with_accounts.bank_ids.mapped("biuro_whitelist_state")),
            {"listed"},
        )
        self.assertEqual(self.virtual.bank_ids.biuro_whitelist_state, "listed")
        # a rerun the same day: nothing sent, nothing duplicated
        self.fake.reset()
        self.run_whitelist()
        self.assertFalse(self.fake.counts()["whitelist"])
        self.assertEqual(len(self.evidence(self.clients, "whitelist")), 5)

    def test_account_missing_from_the_file_is_a_warning(self):
        self.env["res.partner.bank"].create(
            {
                "acc_number": virtual_account("10200003", 77, 1),
                "partner_id": self.exempt.id,
            }
        )
        self.import_today()
        self.run_whitelist()
        record = self.evidence(self.exempt, "whitelist")
        self.assertEqual(record.source, "flat_file")
        self.assertIn("not on the white list", record.summary)
        self.assertEqual(
            sorted(self.exempt.bank_ids.mapped("biuro_whitelist_state")),
            ["listed", "not_listed"],
        )

    def assert_everything_goes_to_the_api(self):
        run = self.run_whitelist()
        self.assertEqual(run.flat_file_answers, 0)
        self.assertEqual(self.fake.counts()["whitelist"], {"search/nips": 1})
        self.assertEqual(
            set(self.evidence(self.clients, "whitelist").mapped("source")), {"api"}
        )

    def test_day_without_a_file_is_unavailable(self):
        self.fake.flatfile.missing_days.add(self.today)
        record = self.import_today()
        self.assertEqual(record.state, "unavailable")
        self.assertIn("no flat file", record.error)
        self.assertEqual(self.stored_hashes(), 0)
        self.assert_everything_goes_to_the_api()

    def test_corrupt_archive_is_unavailable_and_keeps_no_data(self):
        self.import_today()
        self.assertGreater(self.stored_hashes(), 0)
        # tomorrow's download is cut short: yesterday's hashes are gone too
        tomorrow = self.today + timedelta(days=1)
        self.fake.flatfile.set_faults(malformed=True)
        record = self.Files._biuro_import_day(self.fake.flatfile_url, tomorrow)
        self.assertEqual(record.state, "unavailable")
        self.assertIn("corrupt", record.error)
        self.assertEqual(self.stored_hashes(), 0)

    def test_yesterdays_file_is_never_used_today(self):
        yesterday = self.today - timedelta(days=1)
        record = self.Files._biuro_import_day(self.fake.flatfile_url, yesterday)
        self.assertEqual(record.state, "imported")
        self.assertFalse(self.Files._biuro_current(self.today))
        self.assert_everything_goes_to_the_api()

    def test_file_generated_on_another_day_is_refused(self):
        self.fake.flatfile.generation_day = self.today - timedelta(days=1)
        record = self.import_today()
        self.assertEqual(record.state, "unavailable")
        self.assertIn("not of", record.error)
        self.assertEqual(self.stored_hashes(), 0)

    def test_flat_file_switched_off(self):
        # sudo: test setup, system parameters are admin-only
        self.env["ir.config_parameter"].sudo().set_param(
            "crm_biuro_verify.whitelist_flat_enabled", "False"
        )
        self.assertFalse(self.import_today())
        self.assertFalse(self.fake.flatfile.counts)
