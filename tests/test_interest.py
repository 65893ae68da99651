from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CustomerGroupCommon
from .common_runs import process_runs


@tagged("post_install", "-at_install")
class TestInterest(CustomerGroupCommon):
    """Interest at 12 % a year, actual/365: 1000 for 30 days is
    1000 x 0.12 x 30 / 365 = 9.86."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sale_journal = cls.company_data["default_journal_sale"]
        cls.interest_account = cls.env["account.account"].create(
            {
                "code": "789000",
                "name": "Interest Income",
                "account_type": "income_other",
            }
        )
        cls.profile = cls.create_profile("STD12")
        cls.customer = cls.create_customer("Late Payer", cls.profile)

    @classmethod
    def create_profile(cls, code, **vals):
        return cls.env["account.customer.interest.profile"].create(
            {
                "code": code,
                "name": f"Profile {code}",
                "annual_rate": 12.0,
                "journal_id": cls.sale_journal.id,
                "income_account_id": cls.interest_account.id,
                **vals,
            }
        )

    @classmethod
    def create_customer(cls, name, profile, **vals):
        return cls.env["res.partner"].create(
            {"name": name, "customer_interest_profile_id": profile.id, **vals}
        )

    def overdue_invoice(self, partner, amount, due="2026-01-31", currency=None):
        return self._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner,
            tax_ids=[],
            invoice_date="2026-01-01",
            invoice_date_due=due,
            currency_id=currency,
            post=True,
        )

    def charge(self, run_date, post=False, **vals):
        wizard = self.env["account.customer.interest.wizard"].create(
            {"run_date": run_date, "post_invoices": post, **vals}
        )
        return wizard._create_interest_invoices()

    def test_simple_interest_invoice_names_the_document_and_days(self):
        invoice = self.overdue_invoice(self.customer, 1000.0)
        wizard = self.env["account.customer.interest.wizard"].create(
            {"run_date": "2026-03-02"}
        )
        wizard.action_preview()
        self.assertRecordValues(
            wizard.line_ids,
            [
                {
                    "partner_id": self.customer.id,
                    "source_move_id": invoice.id,
                    "days": 30,
                    "amount": 9.86,
                }
            ],
        )
        action = wizard.action_create_invoices()
        run = self.env["account.customer.interest.run"].browse(action["res_id"])
        process_runs(self.env)
        self.assertRecordValues(run, [{"state": "done", "charged_count": 1}])
        interest = run.move_ids
        self.assertRecordValues(
            interest,
            [
                {
                    "partner_id": self.customer.id,
                    "journal_id": self.sale_journal.id,
                    "state": "draft",
                    "amount_total": 9.86,
                    "invoice_date": fields.Date.to_date("2026-03-02"),
                }
            ],
        )
        line = interest.invoice_line_ids
        self.assertEqual(line.account_id, self.interest_account)
        self.assertFalse(line.tax_ids)
        self.assertIn(invoice.name, line.name)
        self.assertIn("30 days", line.name)
        self.assertTrue(line.name.startswith(f"Interest on {invoice.name}: 30 days, "))
        self.assertRecordValues(line, [{"interest_days": 30}])

    def test_posted_on_request(self):
        self.overdue_invoice(self.customer, 1000.0)
        interest = self.charge("2026-03-02", post=True)
        self.assertEqual(interest.state, "posted")

    def test_rerun_for_the_same_date_charges_nothing_twice(self):
        self.overdue_invoice(self.customer, 1000.0)
        self.assertEqual(self.charge("2026-03-02").amount_total, 9.86)
        self.assertFalse(self.charge("2026-03-02"))
        wizard = self.env["account.customer.interest.wizard"].create(
            {"run_date": "2026-03-02"}
        )
        wizard.action_preview()
        with self.assertRaisesRegex(UserError, "No customer owes interest"):
            wizard.action_create_invoices()
        # A month later only the new 30 days (2 March to 1 April) are charged.
        later = self.charge("2026-04-01")
        self.assertEqual(later.amount_total, 9.86)
        self.assertEqual(
            later.invoice_line_ids.interest_date_from, fields.Date.to_date("2026-03-02")
        )

    def test_cancelled_interest_invoice_is_charged_again(self):
        self.overdue_invoice(self.customer, 1000.0)
        self.charge("2026-03-02").button_cancel()
        self.assertEqual(self.charge("2026-03-02").amount_total, 9.86)

    def test_paid_invoice_owes_no_interest(self):
        invoice = self.overdue_invoice(self.customer, 1000.0)
        self._register_payment(invoice, payment_date="2026-02-20")
        self.assertFalse(self.charge("2026-03-02"))

    def test_grace_days(self):
        self.profile.grace_days = 10
        self.overdue_invoice(self.customer, 1000.0)
        # 10 days late: within the grace days.
        self.assertFalse(self.charge("2026-02-10"))
        # 11 days late: charged from the due date, 1000 x 0.12 x 11 / 365 = 3.6164.
        self.assertEqual(self.charge("2026-02-11").amount_total, 3.62)

    def test_minimum_charge_waits_until_interest_is_worth_invoicing(self):
        self.profile.minimum_charge = 5.0
        self.overdue_invoice(self.customer, 1000.0)
        # 11 days: 3.62 is below the minimum of 5.
        self.assertFalse(self.charge("2026-02-11"))
        # Nothing was recorded as charged: 20 days from the due date,
        # 1000 x 0.12 x 20 / 365 = 6.5753.
        interest = self.charge("2026-02-20")
        self.assertEqual(interest.amount_total, 6.58)
        self.assertEqual(interest.invoice_line_ids.interest_days, 20)

    def test_compound_interest_charges_unpaid_interest(self):
        simple_customer = self.create_customer("Simple", self.profile)
        compound_customer = self.create_customer(
            "Compound", self.create_profile("CMP12", compound=True)
        )
        for partner in simple_customer | compound_customer:
            self.overdue_invoice(partner, 1000.0)
        self.charge("2026-03-02", post=True)
        second = self.charge("2026-04-01", post=True)
        by_partner = {move.partner_id: move for move in second}
        # Simple: 30 more days on the invoice only.
        self.assertEqual(by_partner[simple_customer].amount_total, 9.86)
        # Compound: plus 30 days on the unpaid 9.86 of interest,
        # 9.86 x 0.12 x 30 / 365 = 0.0973.
        self.assertEqual(by_partner[compound_customer].amount_total, 9.96)
        self.assertEqual(len(by_partner[compound_customer].invoice_line_ids), 2)

    def test_one_invoice_per_currency_and_minimum_in_each_currency(self):
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        self.profile.minimum_charge = 4.95
        self.overdue_invoice(self.customer, 1100.0, currency=eur)
        self.overdue_invoice(self.customer, 500.0)
        self.overdue_invoice(self.customer, 600.0)
        interest = self.charge("2026-03-02")
        # EUR: 1100 x 0.12 x 30 / 365 = 10.85 EUR; the minimum 4.95 USD is 9.90 EUR.
        # USD: 500 -> 4.93 and 600 -> 5.92 on one invoice.
        self.assertRecordValues(
            interest.sorted(lambda move: move.currency_id.name),
            [
                {"currency_id": eur.id, "amount_total": 10.85},
                {"currency_id": self.company.currency_id.id, "amount_total": 10.85},
            ],
        )
        self.assertEqual(
            len(interest.filtered(lambda m: m.currency_id == eur).invoice_line_ids), 1
        )

    def test_minimum_is_converted_to_the_invoice_currency(self):
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        self.profile.minimum_charge = 5.0
        # 9.86 EUR is more than 5 but less than the minimum of 5 USD = 10 EUR.
        self.overdue_invoice(self.customer, 1000.0, currency=eur)
        self.assertFalse(self.charge("2026-03-02"))

    def test_zero_rate_profile_never_charges(self):
        free = self.create_customer("Free", self.interest_none)
        self.overdue_invoice(free, 100000.0, due="2020-01-31")
        self.assertFalse(self.charge("2026-03-02", partner_ids=[free.id]))

    def test_group_profile_applies_when_the_customer_has_none(self):
        group = self.create_group("INT", interest_profile_id=self.profile.id)
        member = self.env["res.partner"].create(
            {"name": "Member", "customer_group_id": group.id}
        )
        member.customer_interest_profile_id = False
        self.assertEqual(member._get_interest_profile(), self.profile)

    def test_filters_restrict_the_customers(self):
        group = self.create_group("INT", interest_profile_id=self.profile.id)
        member = self.env["res.partner"].create(
            {"name": "Member", "customer_group_id": group.id}
        )
        self.overdue_invoice(member, 1000.0)
        self.overdue_invoice(self.customer, 1000.0)
        self.assertEqual(
            self.charge("2026-03-02", customer_group_ids=[group.id]).partner_id, member
        )
        self.assertEqual(
            self.charge("2026-03-02", partner_ids=[self.customer.id]).partner_id,
            self.customer,
        )

    def test_cron_charges_each_due_billing_cycle_once(self):
        cycle = self.env["account.customer.billing.cycle"].create(
            {"code": "WEEK", "name": "Weekly", "frequency": "weekly"}
        )
        on_cycle = self.create_customer(
            "On cycle", self.profile, customer_billing_cycle_id=cycle.id
        )
        self.overdue_invoice(on_cycle, 1000.0)
        self.overdue_invoice(self.customer, 1000.0)
        cron = self.env.ref("account_customer_group.ir_cron_charge_interest")
        self.assertFalse(cron.active)
        self.env["account.customer.billing.cycle"]._cron_charge_interest()
        self.assertEqual(cycle.last_interest_date, fields.Date.context_today(cycle))
        process_runs(self.env)
        interest = self.env["account.move"].search(
            [("line_ids.interest_source_line_id", "!=", False)]
        )
        self.assertRecordValues(
            interest, [{"partner_id": on_cycle.id, "state": "draft"}]
        )
        # The cycle is not due again before a week has passed.
        self.env["account.customer.billing.cycle"]._cron_charge_interest()
        self.assertEqual(
            self.env["account.move"].search_count(
                [("line_ids.interest_source_line_id", "!=", False)]
            ),
            1,
        )

    def test_missing_income_account_is_explained(self):
        # A profile kept from before income accounts were required.
        self.env.cr.execute(
            "UPDATE account_customer_interest_profile SET income_account_id = NULL "
            "WHERE id = %s",
            [self.profile.id],
        )
        self.profile.invalidate_recordset(["income_account_id"])
        self.overdue_invoice(self.customer, 1000.0)
        with self.assertRaisesRegex(UserError, "has no interest income account"):
            self.charge("2026-03-02")
        self.assertFalse(
            self.env["account.move"].search(
                [("line_ids.interest_source_line_id", "!=", False)]
            )
        )

    def test_billing_users_charge_interest_read_only_users_cannot(self):
        self.overdue_invoice(self.customer, 1000.0)
        clerk = new_test_user(
            self.env, login="interest_clerk", groups="account.group_account_invoice"
        )
        wizard = self.env["account.customer.interest.wizard"].with_user(clerk)
        wizard = wizard.create({"run_date": "2026-03-02"})
        self.assertEqual(wizard._create_interest_invoices().amount_total, 9.86)
        auditor = new_test_user(
            self.env, login="interest_auditor", groups="account.group_account_readonly"
        )
        with self.assertRaises(AccessError):
            self.env["account.customer.interest.wizard"].with_user(auditor).create(
                {"run_date": "2026-03-02"}
            )

    def test_a_profile_charging_interest_needs_an_income_account(self):
        with self.assertRaisesRegex(ValidationError, "set its Interest Income Account"):
            self.create_profile("NOACC", income_account_id=False)
        self.assertTrue(
            self.create_profile("ZERO", income_account_id=False, annual_rate=0)
        )

    def test_the_company_default_income_account_takes_the_interest(self):
        self.company.customer_interest_income_account_id = self.interest_account
        profile = self.create_profile("DEFACC", income_account_id=False)
        self.overdue_invoice(self.create_customer("Default Account", profile), 1000.0)
        interest = self.charge("2026-03-02")
        self.assertEqual(interest.invoice_line_ids.account_id, self.interest_account)
        with self.assertRaisesRegex(ValidationError, "set its Interest Income Account"):
            self.company.customer_interest_income_account_id = False
