from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import NIP_GUS, NIP_JDG, NIP_SPZOO, VerifyCase


@tagged("post_install", "-at_install")
class TestAddClientByNip(VerifyCase):
    def test_lookup_fills_the_preview_without_creating_anything(self):
        count = self.Partner.search_count([])
        values = self.Partner.biuro_lookup_nip("PL 954-230-06-19")
        self.assertEqual(self.Partner.search_count([]), count)
        self.assertFalse(values["exists"])
        self.assertEqual(values["nip"], NIP_SPZOO)
        self.assertEqual(
            values["name"], '"EUROPEJSKA" SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ'
        )
        self.assertEqual(values["street"], "ul. Test-Krucza 50")
        self.assertEqual((values["zip"], values["city"]), ("02-672", "Warszawa"))
        self.assertEqual(values["regon"], "276592498")
        self.assertEqual(values["krs"], "0000135115")
        self.assertEqual(values["legal_form"], "spzoo")
        self.assertEqual(values["vat_status"], "czynny")
        self.assertTrue(values["vat_ue"])
        self.assertEqual(len(values["bank_accounts"]), 2)
        main = [p for p in values["pkd"] if p["main"]]
        self.assertEqual([p["code"] for p in main], ["47.73.Z"])
        self.assertEqual(
            {name: src["state"] for name, src in values["sources"].items()},
            {"gus": "ok", "whitelist": "ok", "krs": "ok", "vies": "ok"},
        )
        counts = self.fake.counts()
        self.assertEqual(counts["gus"]["Zaloguj"], 1)
        self.assertEqual(counts["gus"]["DaneSzukajPodmioty"], 1)
        self.assertEqual(counts["whitelist"]["search/nips"], 1)

    def test_invalid_nip_is_refused_before_any_call(self):
        for typed in ("954-230-06-18", "123", "DE123456789", ""):
            with self.assertRaisesMsg(UserError, "is not a valid NIP"):
                self.Partner.biuro_lookup_nip(typed)
            with self.assertRaisesMsg(UserError, "is not a valid NIP"):
                self.Partner.biuro_create_from_nip(typed)
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)

    def test_existing_client_is_named_and_not_looked_up(self):
        client = self.make_client(name="Europejska", vat=NIP_SPZOO)
        values = self.Partner.biuro_lookup_nip(NIP_SPZOO)
        self.assertTrue(values["exists"])
        self.assertEqual(values["existing_id"], client.id)
        self.assertEqual(values["existing_name"], "Europejska")
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)
        with self.assertRaisesMsg(UserError, "already exists: Europejska"):
            self.Partner.biuro_create_from_nip("PL" + NIP_SPZOO)

    def test_create_from_nip_fills_the_client(self):
        client = self.Partner.browse(self.Partner.biuro_create_from_nip(NIP_SPZOO))
        self.assertTrue(client.biuro_client)
        self.assertEqual(client.biuro_nip, NIP_SPZOO)
        self.assertEqual(
            client.name, '"EUROPEJSKA" SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ'
        )
        self.assertEqual(
            (client.street, client.zip, client.city),
            ("ul. Test-Krucza 50", "02-672", "Warszawa"),
        )
        self.assertEqual(client.country_id, self.poland)
        self.assertEqual(client.biuro_regon, "276592498")
        self.assertEqual(client.biuro_krs, "0000135115")
        self.assertEqual(client.biuro_legal_form, "spzoo")
        self.assertEqual(client.biuro_vat_status, "czynny")
        self.assertTrue(client.biuro_vat_ue)
        self.assertTrue(client.biuro_pkd_main.startswith("47.73.Z"))
        self.assertIn("21.20.Z", client.biuro_pkd_codes)
        accounts = client.biuro_bank_account_ids
        self.assertEqual(len(accounts), 2)
        self.assertEqual(set(accounts.mapped("biuro_whitelist_state")), {"listed"})
        owners = client.biuro_beneficial_owner_ids
        self.assertEqual(sorted(owners.mapped("name")), ["ANNA NOWAK", "JAN KOWALSKI"])
        self.assertEqual(set(owners.mapped("source")), {"crbr"})
        self.assertEqual(owners.mapped("residence_country_id"), self.poland)
        # the answers of the lookup are the first evidence; CRBR was asked after
        evidence = self.evidence(client)
        self.assertEqual(
            sorted(evidence.mapped("registry")),
            ["crbr", "gus", "krs", "vies", "whitelist"],
        )
        self.assertEqual(set(evidence.mapped("state")), {"ok"})
        self.assertTrue(
            evidence.filtered(lambda e: e.registry == "whitelist").request_id
        )
        for registry in ("gus", "whitelist", "vies", "crbr"):
            self.assertEqual(client[f"biuro_verify_{registry}_state"], "ok")
            self.assertTrue(client[f"biuro_verify_{registry}_date"])
        counts = self.fake.counts()
        self.assertEqual(counts["crbr"]["PobierzInformacjeOSpolkachIBeneficjentach"], 1)
        # created once: a second "verify now" the same day asks nobody
        self.fake.reset()
        result = client.action_biuro_verify()
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)
        self.assertEqual(
            {line["state"] for line in result["params"]["summary"]}, {"ok"}
        )
        self.assertEqual(len(result["params"]["summary"]), 5)

    def test_sole_trader(self):
        client = self.Partner.browse(self.Partner.biuro_create_from_nip(NIP_JDG))
        self.assertEqual(client.biuro_legal_form, "jdg")
        self.assertEqual(client.biuro_vat_status, "zwolniony")
        self.assertFalse(client.biuro_vat_ue)
        self.assertFalse(client.biuro_krs)
        # not in VIES: no EU trade, so no VIES evidence and no VAT EU badge
        self.assertFalse(client.biuro_verify_vies_state)
        self.assertEqual(self.fake.counts()["vies"]["checkVat"], 1)
        # a sole trader reports no beneficial owners: CRBR is not asked
        self.assertFalse(client.biuro_verify_crbr_state)
        self.assertFalse(self.fake.counts()["crbr"])

    def test_wizard_preview_then_create(self):
        wizard = self.env["biuro.client.from.nip"].create({"nip": NIP_GUS})
        action = wizard.action_lookup()
        self.assertEqual(action["res_id"], wizard.id)
        self.assertEqual(wizard.state, "preview")
        self.assertEqual(wizard.name, "GŁÓWNY URZĄD STATYSTYCZNY")
        self.assertEqual(wizard.regon, "000331501")
        self.assertEqual(wizard.vat_status, "czynny")
        self.assertIn("GUS REGON: OK", wizard.sources_text)
        lookups = self.fake.counts()["gus"]["DaneSzukajPodmioty"]
        wizard.name = "Główny Urząd Statystyczny"  # corrected in the preview
        action = wizard.action_create()
        client = self.Partner.browse(action["res_id"])
        self.assertEqual(client.name, "Główny Urząd Statystyczny")
        self.assertEqual(client.biuro_regon, "000331501")
        # creating reuses the answers of the preview: GUS is not asked twice
        self.assertEqual(self.fake.counts()["gus"]["DaneSzukajPodmioty"], lookups)
        # an existing client is opened instead
        again = self.env["biuro.client.from.nip"].create({"nip": "526-104-08-28"})
        action = again.action_lookup()
        self.assertEqual(again.state, "exists")
        self.assertEqual(again.existing_partner_id, client)
        self.assertIn("already exists", action["params"]["message"])
        self.assertEqual(action["params"]["next"]["res_model"], "res.partner")
        self.assertEqual(action["params"]["next"]["res_id"], client.id)

    def test_dashboard_shows_the_verification(self):
        client = self.Partner.browse(self.Partner.biuro_create_from_nip(NIP_JDG))
        client.biuro_verify_whitelist_state = "changed"
        stats = dict(client._biuro_dashboard_stats())
        self.assertEqual(stats["Registry issues"], 1)
        self.assertIn("Registry issues", client.biuro_dashboard_html)
        view = self.env.ref("crm_biuro.view_partner_biuro_dashboard")
        arch = self.Partner.get_view(view.id)["arch"]
        for registry in ("gus", "whitelist", "vies", "crbr"):
            self.assertIn(f"biuro_verify_{registry}_state", arch)

    def test_no_registry_call_on_create_or_write(self):
        client = self.make_client(name="Ręcznie dodany", vat=NIP_SPZOO)
        client.write(
            {"biuro_state": "active", "biuro_vat_ue": True, "name": "Nowa nazwa"}
        )
        self.assertEqual(sum(app.total() for app in self.fake.apps.values()), 0)
        self.assertFalse(self.evidence(client))
