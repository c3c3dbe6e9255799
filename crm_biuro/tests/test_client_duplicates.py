from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import SQL

from .. import email_domains, matching
from ..models.biuro_client_duplicate import company_domain_sql
from .common import NIP_A, NIP_B, BiuroCase

NIP_C = "9542638005"


@tagged("post_install", "-at_install")
class TestMatchingKeys(BiuroCase):
    """The keys that reveal a duplicate (plain Python)."""

    def test_name_key_ignores_legal_form_punctuation_case_and_diacritics(self):
        same = [
            "Kowalski i Syn sp. z o.o.",
            "KOWALSKI I SYN SP. Z O. O.",
            "Kowalski-i-Syn Spółka z ograniczoną odpowiedzialnością",
            "Kowalski i Syn S.A.",
            "kowalski i syn SA",
            "Kowalski i Syn sp. z o.o. sp.k.",
            "Kowalski i Syn, s.c.",
            "Kowalski i Syn Sp.J.",
        ]
        self.assertEqual({matching.name_key(name) for name in same}, {"kowalski i syn"})
        self.assertEqual(
            matching.name_key("Łódzka Spółdzielnia"), "lodzka spoldzielnia"
        )
        # a name that is only a legal form, or none, gives no key
        self.assertEqual(matching.name_key("sp. z o.o."), "")
        self.assertEqual(matching.name_key(False), "")
        # "sa" inside a word is not a legal form
        self.assertEqual(matching.name_key("Pesa"), "pesa")

    def test_email_domain_ignores_public_mailboxes(self):
        self.assertEqual(matching.email_domain("Jan <jan@Kowalski.PL>"), "kowalski.pl")
        for public in ("gmail.com", "wp.pl", "o2.pl", "onet.pl", "interia.pl"):
            self.assertEqual(matching.email_domain(f"jan@{public}"), "")
        self.assertEqual(matching.email_domain("bez-malpy"), "")

    def test_keys_are_stored_on_partners(self):
        client = self.make_client("Żółw Ślimak S.A.", email="biuro@zolw-slimak.pl")
        self.assertEqual(client.biuro_name_key, "zolw slimak")
        self.assertEqual(self._sql_domain(client), "zolw-slimak.pl")
        client.email = "zolw@gmail.com"
        self.assertIsNone(self._sql_domain(client))

    def _sql_domain(self, partner):
        """The company domain of the partner's e-mail as the duplicates view reads
        it."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT %s FROM res_partner WHERE id = %s",
                company_domain_sql(SQL.identifier("email_normalized")),
                partner.id,
            )
        )
        return self.env.cr.fetchone()[0]

    def test_sql_domain_equals_the_helper(self):
        """The view's SQL and email_domains.company_domain agree."""
        partner = self.env["res.partner"].create({"name": "Adres"})
        for email in (
            "jan@firma.pl",
            "Jan Kowalski <JAN@Firma.PL>",
            "jan@www.firma.pl",
            "jan@mail.biuro.firma.com.pl",
            "jan@gmail.com",
            "jan@WP.PL",
            "jan@localhost",
            "bez-malpy",
            False,
        ):
            partner.email = email
            with self.subTest(email=email):
                self.assertEqual(
                    self._sql_domain(partner) or "",
                    email_domains.company_domain(email),
                )

    def test_import_accepts_short_legal_forms(self):
        converter = self.env["ir.fields.converter"]
        field = self.env["res.partner"]._fields["biuro_legal_form"]
        for typed, code in (
            ("sp. z o.o.", "spzoo"),
            ("Sp. z o. o.", "spzoo"),
            ("S.A.", "sa"),
            ("JDG", "jdg"),
            ("s.c.", "sc"),
            ("sp.k.", "spk"),
            ("spzoo", "spzoo"),
        ):
            self.assertEqual(
                converter._str_to_selection(self.env["res.partner"], field, typed),
                (code, []),
            )


@tagged("post_install", "-at_install")
class TestPossibleDuplicates(BiuroCase):
    """The "Możliwe duplikaty" list."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.kowalski = cls.make_client(
            "Kwadratura Koła sp. z o.o.", NIP_A, email="biuro@kwadratura-kola.pl"
        )
        # the same firm, created by an invoice before it became a client
        cls.kowalski_invoiced = Partner.create(
            {"name": "KWADRATURA KOŁA S.A.", "is_company": True, "vat": f"PL{NIP_A}"}
        )
        cls.ogrod = cls.make_client(
            "Zielony Ogród Wiśniewskich s.c.", NIP_B, email="jan@zielony-ogrod-w.pl"
        )
        cls.ogrodnicy = Partner.create(
            {
                "name": "Ogrodnicy Zieleni",
                "is_company": True,
                "email": "info@zielony-ogrod-w.pl",
            }
        )
        # a person at the client shares its domain: not a duplicate
        Partner.create(
            {
                "name": "Jan Wiśniewski",
                "parent_id": cls.ogrod.id,
                "email": "jan.w@zielony-ogrod-w.pl",
            }
        )
        # public mailboxes never match
        cls.gmail_client = cls.make_client(
            "Przypadkowa Nazwa Jeden", NIP_C, email="jeden.przypadek@gmail.com"
        )
        Partner.create(
            {
                "name": "Przypadkowa Nazwa Dwa",
                "is_company": True,
                "email": "dwa.przypadek@gmail.com",
            }
        )
        # two non-clients of the same name are none of the office's business
        Partner.create([{"name": "Bliźniak Obcy", "is_company": True}] * 2)
        # archived partners are ignored
        Partner.create(
            {"name": "Zielony Ogród Wiśniewskich", "is_company": True, "active": False}
        )
        cls.ours = (
            cls.kowalski
            | cls.kowalski_invoiced
            | cls.ogrod
            | cls.ogrodnicy
            | cls.gmail_client
        )

    def _pairs(self, user):
        rows = (
            self.env["biuro.client.duplicate"]
            .with_user(user)
            .search(
                [
                    "|",
                    ("partner_id", "in", self.ours.ids),
                    ("duplicate_id", "in", self.ours.ids),
                ]
            )
        )
        return {
            (row.partner_id, row.duplicate_id, row.reason, row.match_value)
            for row in rows
        }

    def test_pairs(self):
        self.env.flush_all()
        self.assertEqual(
            self._pairs(self.user),
            {
                (self.kowalski, self.kowalski_invoiced, "nip", NIP_A),
                (self.kowalski, self.kowalski_invoiced, "name", "kwadratura kola"),
                (self.ogrod, self.ogrodnicy, "email_domain", "zielony-ogrod-w.pl"),
            },
        )

    def test_anonymised_clients_are_not_duplicates(self):
        """Every anonymised client bears the same name: they must not be offered
        for a merge that would mix two former clients' invoices."""
        gone = self.env["res.partner"].create(
            [
                {
                    "name": "Usunięty klient",
                    "is_company": True,
                    "biuro_client": True,
                    "biuro_anonymized_date": "2026-11-30 10:00:00",
                },
                {
                    "name": "Usunięty klient",
                    "is_company": True,
                    "biuro_client": True,
                    "biuro_anonymized_date": "2026-11-30 11:00:00",
                },
            ]
        )
        self.env.flush_all()
        self.assertFalse(
            self.env["biuro.client.duplicate"].search([("partner_id", "in", gone.ids)])
        )
        gone[1].biuro_anonymized_date = False
        self.env.flush_all()
        self.assertEqual(
            self.env["biuro.client.duplicate"].search_count(
                [("duplicate_id", "in", gone.ids)]
            ),
            0,
            "an anonymised client is no candidate either way",
        )

    def test_merge_action_opens_odoo_merge_wizard_with_the_client_surviving(self):
        self.env.flush_all()
        row = self.env["biuro.client.duplicate"].search(
            [("partner_id", "=", self.kowalski.id), ("reason", "=", "nip")]
        )
        action = row.with_user(self.user).action_merge()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.user)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(wizard.partner_ids, self.kowalski | self.kowalski_invoiced)
        self.assertEqual(wizard.dst_partner_id, self.kowalski)
        # an office user merges the non-client duplicate into the client
        wizard.action_merge()
        self.assertFalse(self.kowalski_invoiced.exists())
        self.assertTrue(self.kowalski.biuro_client)
        self.assertEqual(self.kowalski.biuro_nip, NIP_A)
        self.env.flush_all()
        self.assertNotIn(
            self.kowalski_invoiced, {pair[1] for pair in self._pairs(self.user)}
        )

    def test_outsider_sees_no_duplicates(self):
        with self.assertRaises(AccessError):
            self.env["biuro.client.duplicate"].with_user(self.outsider).search([])


class MergeCase(BiuroCase):
    """The merge wizard run as a user; shared with the tests of the other addons
    whose records follow the survivor (_biuro_merge_unique_records)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.declaration = cls.env.ref("crm_biuro.declaration_type_jpk_v7m")

    def _merge(self, user, partners, dst):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(user)
            .with_context(
                active_model="res.partner",
                active_ids=partners.ids,
                biuro_merge_dst_partner_id=dst.id,
            )
            .create({})
        )
        wizard.action_merge()


@tagged("post_install", "-at_install")
class TestMergeClients(MergeCase):
    """Merging keeps everything: the records of both partners follow the surviving
    client, and both timelines end up on it."""

    def _records(self, partner, label):
        """One of each kind of the office's records, and a note on the timeline."""
        contract = self.env["biuro.contract"].create(
            {"partner_id": partner.id, "contract_type": "payroll"}
        )
        inspection = self.env["biuro.tax.inspection"].create(
            {"partner_id": partner.id, "authority": f"US {label}"}
        )
        document = self.env["biuro.document"].create(
            {"partner_id": partner.id, "name": f"Wyciąg {label}"}
        )
        obligation = self.env["biuro.obligation"].create(
            {
                "partner_id": partner.id,
                "declaration_type_id": self.declaration.id,
                "period_start": date(2026, 1, 1),
                "period_end": date(2026, 1, 31),
                "due_date": date(2026, 2, 25),
                "part": label,
            }
        )
        partner.message_post(body=f"Notatka {label}", message_type="comment")
        return [contract, inspection, document, obligation]

    def _timeline(self, partner):
        return self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )

    def test_merge_two_clients(self):
        survivor = self.make_client(
            "Kowalczyk sp. z o.o.", NIP_A, email="biuro@kowalczyk.pl"
        )
        merged = self.make_client(
            "Kowalczyk S.A.", NIP_B, email="ksiegowosc@kowalczyk-sa.pl"
        )
        kept = self._records(survivor, "A")
        moved = self._records(merged, "B")
        timeline_b = self._timeline(merged)
        self.assertTrue(timeline_b)
        # different e-mails: Odoo leaves that to administrators, the office manager may
        self._merge(self.manager, survivor | merged, survivor)
        self.assertFalse(merged.exists())
        for record in kept + moved:
            self.assertEqual(record.partner_id, survivor, record._name)
        self.assertEqual(len(survivor.biuro_contract_ids), 2)
        self.assertEqual(len(survivor.biuro_inspection_ids), 2)
        self.assertEqual(len(survivor.biuro_document_ids), 2)
        self.assertEqual(
            survivor.biuro_obligation_ids.filtered("part").mapped("part"), ["A", "B"]
        )
        timeline = self._timeline(survivor)
        # the whole history of the merged-away client is on the survivor's timeline
        self.assertLessEqual(timeline_b, timeline)
        bodies = " ".join(timeline.mapped("body"))
        for text in ("Notatka A", "Notatka B", "Merged with the following partners"):
            self.assertIn(text, bodies)
        self.assertEqual(survivor.biuro_nip, NIP_A)
        self.assertEqual(survivor.email, "biuro@kowalczyk.pl")

    def test_client_merged_into_its_non_client_double_keeps_its_nip(self):
        """The unique index allows one client per NIP: the surviving partner becomes
        the client with the NIP, in the status the client had."""
        client = self.make_client("Nowacki Sp.J.", NIP_A, biuro_state="active")
        records = self._records(client, "K")
        double = self.env["res.partner"].create(
            {"name": "Nowacki Spółka Jawna", "is_company": True, "vat": f"PL{NIP_A}"}
        )
        self._merge(self.manager, client | double, double)
        self.assertFalse(client.exists())
        self.assertRecordValues(
            double,
            [{"biuro_client": True, "biuro_state": "active", "biuro_nip": NIP_A}],
        )
        for record in records:
            self.assertEqual(record.partner_id, double)

    def test_obligations_both_had_are_not_doubled(self):
        survivor = self.make_client("Podwójny Jeden", NIP_A)
        merged = self.make_client("Podwójny Dwa", NIP_B)
        vals = {
            "declaration_type_id": self.declaration.id,
            "period_start": date(2026, 2, 1),
            "period_end": date(2026, 2, 28),
            "due_date": date(2026, 3, 25),
        }
        Obligation = self.env["biuro.obligation"]
        same_kept = Obligation.create({**vals, "partner_id": survivor.id})
        same_dropped = Obligation.create({**vals, "partner_id": merged.id})
        other = Obligation.create(
            {
                **vals,
                "partner_id": merged.id,
                "period_start": date(2026, 3, 1),
                "period_end": date(2026, 3, 31),
                "due_date": date(2026, 4, 27),
            }
        )
        self._merge(self.manager, survivor | merged, survivor)
        self.assertTrue(same_kept.exists())
        self.assertFalse(same_dropped.exists())
        self.assertEqual(other.partner_id, survivor)

    def test_the_filed_obligation_of_a_double_is_the_one_kept(self):
        """Of two copies of one obligation, the one already filed stays, wherever
        it was: the office must not lose the filing."""
        survivor = self.make_client("Podwójny Trzy", NIP_A)
        merged = self.make_client("Podwójny Cztery", NIP_B)
        vals = {
            "declaration_type_id": self.declaration.id,
            "period_start": date(2026, 4, 1),
            "period_end": date(2026, 4, 30),
            "due_date": date(2026, 5, 25),
        }
        Obligation = self.env["biuro.obligation"]
        open_copy = Obligation.create({**vals, "partner_id": survivor.id})
        filed_copy = Obligation.create(
            {**vals, "partner_id": merged.id, "state": "filed"}
        )
        self._merge(self.manager, survivor | merged, survivor)
        self.assertFalse(open_copy.exists())
        self.assertRecordValues(
            filed_copy, [{"partner_id": survivor.id, "state": "filed"}]
        )

    def test_only_managers_merge_a_client_away(self):
        survivor = self.make_client("Trwały", NIP_A)
        merged = self.make_client("Znikający", NIP_B)
        with self.assertRaises(AccessError):
            self._merge(self.user, survivor | merged, survivor)
        self.assertTrue(merged.exists())
