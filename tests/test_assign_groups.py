import html
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..hooks import post_init_hook
from ..wizards import account_customer_group_assign_run
from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestAssignGroups(StatisticsCommon):
    """Customers invoiced before they had a group, put into groups by the Assign
    Customer Groups wizard: their history follows them into the statistics."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.country_id = cls.env.ref("base.be")
        cls.group_ovs = cls.group_of("OVS")
        partners = cls.env["res.partner"]
        cls.customers = {}
        for code in ("be", "fr", "de", "us", "jp"):
            cls.customers[code] = partners.create(
                {
                    "name": f"Customer {code.upper()}",
                    "is_company": True,
                    "country_id": cls.env.ref(f"base.{code}").id,
                    "property_payment_term_id": cls.term_30.id,
                }
            )
        cls.nowhere = partners.create({"name": "Customer Nowhere", "is_company": True})
        cls.contact = partners.create(
            {"name": "Contact of FR", "parent_id": cls.customers["fr"].id}
        )
        cls.never_invoiced = partners.create(
            {
                "name": "Prospect",
                "is_company": True,
                "customer_rank": 1,
                "country_id": cls.env.ref("base.fr").id,
            }
        )
        cls.history = cls.env["account.move"]
        for index, partner in enumerate([*cls.customers.values(), cls.nowhere]):
            first = cls.post_history(partner, 100.0 * (index + 1), "2025-03-10")
            cls.history |= first | cls.post_history(partner, 50.0, "2026-02-10")
            refund = cls._create_invoice_one_line(
                price_unit=10.0,
                partner_id=partner,
                move_type="out_refund",
                tax_ids=[],
                invoice_date="2026-02-12",
                post=True,
            )
            payment = (
                cls.env["account.payment.register"]
                .with_context(active_model="account.move", active_ids=first.ids)
                .create({"payment_date": "2025-04-10"})
                ._create_payments()
            )
            cls.history |= refund | payment.move_id

    @classmethod
    def post_history(cls, partner, amount, date):
        return cls._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner,
            tax_ids=[],
            invoice_date=date,
            post=True,
        )

    def wizard(self, **vals):
        return self.env["account.customer.group.assign"].create(vals)

    def preview(self, wizard):
        return {
            line.group_id.code or line.target_key: set(line.partner_ids.mapped("name"))
            for line in wizard.line_ids
        }

    def test_country_rule_preview(self):
        wizard = self.wizard()
        self.assertEqual(
            self.preview(wizard),
            {
                "DOM": {"Customer BE"},
                "EUR": {"Customer FR", "Customer DE"},
                "OVS": {"Customer US", "Customer JP"},
                "no_country": {"Customer Nowhere"},
            },
        )
        self.assertEqual((wizard.customer_count, wizard.unmatched_count), (5, 1))
        dom_line = wizard.line_ids.filtered(
            lambda line: line.group_id == self.group_dom
        )
        self.assertIn("keep their own", dom_line.changes)
        self.assertIn("Payment Terms", dom_line.changes)

    def test_country_rule_assigns_and_keeps_invoicing_settings(self):
        receivables = {
            code: partner.property_account_receivable_id
            for code, partner in self.customers.items()
        }
        self.assertFalse(self.env["account.customer.statistic"].search_count([]))
        self.wizard().action_assign()
        expected = {
            "be": self.group_dom,
            "fr": self.group_eur,
            "de": self.group_eur,
            "us": self.group_ovs,
            "jp": self.group_ovs,
        }
        for code, partner in self.customers.items():
            self.assertEqual(partner.customer_group_id, expected[code], code)
            self.assertEqual(partner.property_payment_term_id, self.term_30, code)
            self.assertEqual(
                partner.property_account_receivable_id, receivables[code], code
            )
        self.assertFalse(self.nowhere.customer_group_id)
        self.assertEqual(self.contact.customer_group_id, self.group_eur)
        self.assertFalse(self.never_invoiced.customer_group_id)
        # The group shows the overridden payment terms, and the chatter says why.
        self.assertIn("Overridden", self.customers["fr"].customer_group_inheritance)
        note = self.customers["fr"].message_ids[:1]
        self.assertIn("Joined customer group", note.body)
        self.assertIn("30 Days", note.body)
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", [partner.id for partner in self.customers.values()]),
                ("body", "ilike", "Joined customer group"),
            ]
        )
        self.assertEqual(len(notes), len(self.customers), "one note per customer")
        self.assertEqual(
            len(set(notes.mapped("message_id"))), len(notes), "each its own Message-Id"
        )
        # History: every posted document of the assigned customers, none of the rest.
        for code, partner in self.customers.items():
            documents = self.history.filtered(
                lambda move, partner=partner: move.commercial_partner_id == partner
            )
            self.assertEqual(len(documents), 4, code)
            self.assertEqual(documents.customer_group_id, expected[code], code)
        nowhere = self.history.filtered(
            lambda move: move.commercial_partner_id == self.nowhere
        )
        self.assertFalse(nowhere.customer_group_id)
        # Statistics equal the ledger, and show the two years of European invoices.
        self.assertFalse(self.env["account.customer.statistic"]._drift(self.company))
        self.assertEqual(
            self.figures(self.group_eur, "invoice", 2025, 3)[:2], (500.0, 2)
        )
        self.assertEqual(
            self.figures(self.group_eur, "invoice", 2026, 2)[:2], (100.0, 2)
        )
        self.assertEqual(
            self.figures(self.group_eur, "credit_note", 2026, 2)[:2], (20.0, 2)
        )
        self.assertEqual(
            self.figures(self.group_ovs, "receipt", 2025, 4)[:2], (900.0, 2)
        )
        self.assertEqual(self.figures(self.group_dom, "invoice", 2025, 4)[2:], (31, 1))

    def test_second_run_changes_nothing(self):
        self.wizard().action_assign()
        before = self.all_buckets()
        messages = self.env["mail.message"].search_count(
            [("model", "=", "res.partner")]
        )
        wizard = self.wizard()
        self.assertEqual(self.preview(wizard), {"no_country": {"Customer Nowhere"}})
        with self.assertRaisesRegex(UserError, "finds no customer to assign"):
            wizard.action_assign()
        self.assertEqual(self.all_buckets(), before)
        self.assertEqual(
            [p.customer_group_id.code for p in self.customers.values()],
            ["DOM", "EUR", "EUR", "OVS", "OVS"],
        )
        self.assertEqual(
            self.env["mail.message"].search_count([("model", "=", "res.partner")]),
            messages,
        )

    def test_customer_assigned_since_the_preview_keeps_its_group(self):
        wizard = self.wizard()
        self.customers["fr"].customer_group_id = self.group_ovs
        wizard.action_assign()
        self.assertEqual(self.customers["fr"].customer_group_id, self.group_ovs)
        self.assertEqual(self.customers["de"].customer_group_id, self.group_eur)
        self.assertFalse(self.env["account.customer.statistic"]._drift(self.company))

    def test_statistics_equal_the_ledger_after_every_committed_batch(self):
        """A run killed after a committed batch leaves statistics that count the
        history of the customers assigned so far, no more and no less."""
        statistics = self.env["account.customer.statistic"]
        at_commits = []

        def commit_progress(cron, processed=0, *, remaining=None, deactivate=False):
            assigned = self.env["res.partner"].search_count(
                [
                    ("id", "in", self.history.commercial_partner_id.ids),
                    ("customer_group_id", "!=", False),
                ]
            )
            at_commits.append((assigned, statistics._drift(self.company)))
            return float("inf")

        self.patch(account_customer_group_assign_run, "BATCH_SIZE", 2)
        self.patch(type(self.env["ir.cron"]), "_commit_progress", commit_progress)
        self.wizard().action_assign()
        self.assertEqual(at_commits, [(2, []), (4, [])])
        self.assertFalse(statistics._drift(self.company))
        # Every document counted once, but the four of the customer left apart.
        self.assertEqual(
            sum(statistics.search([]).mapped("count")), len(self.history) - 4
        )

    def test_ticked_field_takes_the_groups_value(self):
        self.wizard(
            rule="single", group_id=self.group_eur.id, apply_payment_term=True
        ).action_assign()
        self.assertEqual(self.customers["us"].customer_group_id, self.group_eur)
        self.assertEqual(
            self.customers["us"].property_payment_term_id, self.term_immediate
        )
        self.assertEqual(self.nowhere.customer_group_id, self.group_eur)

    def test_a_value_a_customer_does_not_have_is_never_kept(self):
        wizard = self.wizard(rule="single", group_id=self.group_eur.id)
        changes = html.unescape(wizard.line_ids.filtered("group_id").changes)
        self.assertIn(
            "Customer Payment Terms</b>: 5 keep their own (group: Immediate Payment); "
            "1 have none and get the group's Immediate Payment",
            changes,
        )
        wizard.action_assign()
        self.assertRecordValues(
            self.nowhere,
            [
                {
                    "customer_group_id": self.group_eur.id,
                    "property_payment_term_id": self.term_immediate.id,
                    "customer_interest_profile_id": self.interest_none.id,
                    "customer_billing_cycle_id": self.cycle_month.id,
                }
            ],
        )
        self.assertEqual(self.customers["us"].property_payment_term_id, self.term_30)
        self.assertIn("→ Immediate Payment", self.nowhere.message_ids[0].body)

    def test_ticked_retainage_takes_the_groups_retainage(self):
        self.group_eur.write({"retainage_percent": 5.0, "retainage_days": 90})
        self.customers["de"].customer_retainage_percent = 10.0
        wizard = self.wizard(rule="single", group_id=self.group_eur.id)
        self.assertIn(
            "Retainage (%)",
            wizard.line_ids.filtered("group_id").changes,
            "the preview lists the retainage among what joining changes",
        )
        wizard.apply_retainage = True
        wizard.action_assign()
        for customer in (self.customers["de"], self.customers["us"], self.nowhere):
            self.assertEqual(customer.customer_group_id, self.group_eur)
            self.assertEqual(customer.customer_retainage_percent, 5.0)
            self.assertEqual(customer.customer_retainage_days, 90)

    def test_filters(self):
        self.customers["jp"].is_company = False
        wizard = self.wizard(
            rule="single", group_id=self.group_dom.id, companies_only=True
        )
        self.assertNotIn("Customer JP", self.preview(wizard)["DOM"])
        wizard = self.wizard(
            rule="single", group_id=self.group_dom.id, posted_only=False
        )
        self.assertIn("Prospect", self.preview(wizard)["DOM"])
        self.assertNotIn("Contact of FR", self.preview(wizard)["DOM"])

    def test_receivable_and_fiscal_position_rules(self):
        other_receivable = self.receivable.copy({"code": "121099"})
        account_set = self.env["account.customer.account.set"].create(
            {
                "code": "OTHER",
                "name": "Other",
                "receivable_account_id": other_receivable.id,
            }
        )
        group_other = self.create_group("OTH", account_set_id=account_set.id)
        self.customers["us"].property_account_receivable_id = other_receivable
        wizard = self.wizard(rule="receivable")
        preview = self.preview(wizard)
        self.assertEqual(preview["OTH"], {"Customer US"})
        # The default account set is shared by the three default groups.
        self.assertIn("Customer FR", preview["ambiguous"])
        position = self.env["account.fiscal.position"].create({"name": "Export"})
        group_export = self.create_group("EXP", fiscal_position_id=position.id)
        self.customers["jp"].property_account_position_id = position
        preview = self.preview(self.wizard(rule="fiscal_position"))
        self.assertEqual(preview["EXP"], {"Customer JP"})
        self.assertIn("Customer BE", preview["no_match"])
        self.wizard(rule="fiscal_position").action_assign()
        self.assertEqual(self.customers["jp"].customer_group_id, group_export)
        self.assertFalse(group_other.member_ids)

    def test_archived_or_foreign_group_refused(self):
        group_old = self.create_group("OLD")
        wizard = self.wizard(rule="single", group_id=group_old.id)
        group_old.active = False
        with self.assertRaisesRegex(UserError, "Group OLD"):
            wizard.action_assign()
        other_company = self.setup_other_company(name="Assign Company B")["company"]
        foreign = self.group_of("DOM", other_company)
        wizard = self.wizard(rule="single", group_id=self.group_dom.id)
        wizard.line_ids.group_id = foreign
        with self.assertRaisesRegex(UserError, f"belongs to {other_company.name}"):
            wizard.action_assign()
        self.assertFalse(self.customers["be"].customer_group_id)
        self.assertFalse(self.history.customer_group_id)


@tagged("post_install", "-at_install")
class TestGroupHistory(StatisticsCommon):
    """A customer that gets a group, however it gets it, brings its posted history."""

    def test_form_write_stamps_history_and_keeps_recorded_groups(self):
        partner = self.env["res.partner"].create({"name": "Late Joiner"})
        old = self.post_invoice(100.0, partner=partner)
        draft = self._create_invoice_one_line(
            price_unit=30.0, partner_id=partner, tax_ids=[], invoice_date="2026-01-20"
        )
        partner.customer_group_id = self.group_eur
        self.assertEqual(old.customer_group_id, self.group_eur)
        self.assertFalse(draft.customer_group_id)
        self.assertEqual(self.figures(self.group_eur, "invoice")[:2], (100.0, 1))
        partner.customer_group_id = self.group_dom
        self.post_invoice(40.0, partner=partner)
        self.assertEqual(old.customer_group_id, self.group_eur)
        self.assertEqual(self.figures(self.group_dom, "invoice")[:2], (40.0, 1))
        self.assertFalse(self.env["account.customer.statistic"]._drift(self.company))

    def test_contacts_documents_follow_their_company(self):
        partner = self.env["res.partner"].create(
            {"name": "Imported", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": partner.id}
        )
        invoice = self.post_invoice(70.0, partner=contact)
        partner.write({"customer_group_id": self.group_dom.id})
        self.assertEqual(invoice.customer_group_id, self.group_dom)
        self.assertEqual(self.figures(self.group_dom, "invoice")[:2], (70.0, 1))

    def test_install_hook_brings_existing_members_history(self):
        partner = self.env["res.partner"].create({"name": "Member Before Install"})
        invoice = self.post_invoice(90.0, partner=partner)
        # Membership written behind the ORM's back, as data loaded before the hook.
        self.env.cr.execute(
            "UPDATE res_partner SET customer_group_id = %s WHERE id = %s",
            [json.dumps({str(self.company.id): self.group_eur.id}), partner.id],
        )
        self.env.invalidate_all()
        self.assertFalse(invoice.customer_group_id)
        post_init_hook(self.env)
        self.assertEqual(invoice.customer_group_id, self.group_eur)
        self.assertEqual(self.figures(self.group_eur, "invoice")[:2], (90.0, 1))

    def test_billing_user_cannot_assign(self):
        clerk = new_test_user(
            self.env,
            login="assign_clerk",
            groups="account.group_account_invoice",
            company_id=self.company.id,
        )
        with self.assertRaises(AccessError):
            self.env["account.customer.group.assign"].with_user(clerk).create({})
        self.assertEqual(
            self.env["account.customer.group.assign"]
            .with_user(clerk)
            .ungrouped_customer_count(),
            0,
        )
