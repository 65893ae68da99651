from odoo import Command
from odoo.tests import Form, tagged

from .common_credit import CreditCommon


@tagged("post_install", "-at_install")
class TestCreditWarnings(CreditCommon):
    def typed_invoice(self, partner, price_unit):
        """The form of a new invoice to ``partner`` with one untaxed line typed in."""
        move_form = Form(
            self.env["account.move"].with_context(default_move_type="out_invoice")
        )
        move_form.partner_id = partner
        move_form.invoice_date = self.today
        with move_form.invoice_line_ids.new() as line:
            line.name = "Consulting"
            line.price_unit = price_unit
            line.tax_ids.clear()
        return move_form

    def test_seed_example_overdue_300_warns_200_does_not(self):
        """Sage: transactions 90 days or more cannot exceed 250.00."""
        self.check_limits(overdue_limit=250.0, overdue_days=90)
        late = self.env["res.partner"].create(
            {"name": "Late Payer", "customer_group_id": self.group.id}
        )
        punctual = self.env["res.partner"].create(
            {"name": "Nearly Punctual", "customer_group_id": self.group.id}
        )
        self.invoice_for(late, 300.0, days_ago=90)
        self.invoice_for(punctual, 200.0, days_ago=120)

        self.assertEqual(
            self.new_invoice_warning(late, 10.0),
            self.overdue_warning("Late Payer", 300.0, 90, 250.0),
        )
        self.assertEqual(self.new_invoice_warning(punctual, 10.0), "")

    def test_overdue_counts_only_transactions_old_enough(self):
        self.check_limits(overdue_limit=250.0, overdue_days=90)
        self.invoice_for(self.customer, 300.0, days_ago=89)
        self.assertEqual(self.new_invoice_warning(self.customer, 10.0), "")

    def test_a_default_group_set_for_all_customers_checks_them(self):
        self.check_limits(credit_limit=100.0)
        walk_in = self.env["res.partner"].create({"name": "Walk-in Customer"})
        self.invoice_for(walk_in, 80.0)
        self.assertEqual(self.new_invoice_warning(walk_in, 50.0), "")
        # Developer mode's "Set Default" on the customer group, for this company:
        # every customer without a group of its own now belongs to this one.
        self.env["ir.default"].set(
            "res.partner", "customer_group_id", self.group.id, company_id=True
        )
        self.env.invalidate_all()
        self.assertEqual(walk_in.customer_group_id, self.group)
        self.assertEqual(
            self.new_invoice_warning(walk_in, 50.0),
            self.outstanding_warning("Walk-in Customer", 130.0, 100.0),
        )

    def test_an_old_credit_note_offsets_an_invoice_as_old(self):
        self.check_limits(overdue_limit=250.0, overdue_days=90)
        self.invoice_for(self.customer, 300.0, days_ago=120)
        self.invoice_for(self.customer, 300.0, days_ago=120, move_type="out_refund")
        self.invoice_for(self.customer, 500.0, days_ago=10)
        self.assertEqual(self.new_invoice_warning(self.customer, 10.0), "")

    def test_paid_overdue_invoices_no_longer_warn(self):
        self.check_limits(overdue_limit=250.0, overdue_days=90)
        invoice = self.invoice_for(self.customer, 300.0, days_ago=100)
        self.assertIn("overdue amount", self.new_invoice_warning(self.customer, 10.0))
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": 100.0})._create_payments()
        self.assertEqual(self.new_invoice_warning(self.customer, 10.0), "")

    def test_outstanding_over_the_limit_warns_with_the_excess(self):
        self.check_limits(credit_limit=1000.0)
        self.invoice_for(self.customer, 800.0)
        self.assertEqual(self.new_invoice_warning(self.customer, 150.0), "")
        self.assertEqual(
            self.new_invoice_warning(self.customer, 300.0),
            self.outstanding_warning("Credit Customer", 1100.0, 1000.0),
        )

    def test_no_warning_when_the_checks_are_off(self):
        self.usd_line.write({"credit_limit": 10.0, "overdue_limit": 10.0})
        self.invoice_for(self.customer, 800.0, days_ago=100)
        self.assertEqual(self.new_invoice_warning(self.customer, 300.0), "")

    def test_credit_notes_reduce_the_outstanding_balance(self):
        self.check_limits(credit_limit=1000.0)
        self.invoice_for(self.customer, 900.0)
        self.invoice_for(self.customer, 400.0, move_type="out_refund")
        self.assertEqual(self.new_invoice_warning(self.customer, 400.0), "")

    def test_the_warning_shows_as_a_banner_on_the_invoice_form(self):
        self.check_limits(credit_limit=100.0)
        move_form = self.typed_invoice(self.customer, 250.0)
        invoice = move_form.save()
        banner = invoice.alerts["account_partner_credit_warning"]
        self.assertEqual(banner["level"], "warning")
        self.assertIn(
            f"exceeds the limit {self.amount(100.0)} in USD by {self.amount(150.0)}",
            banner["message"],
        )

    def test_posted_invoices_no_longer_show_the_warning(self):
        self.group.check_credit_limit = True
        invoice = self.invoice_for(self.customer, 250.0)
        self.assertFalse(invoice.partner_credit_warning)

    def test_limit_per_currency_in_a_multicurrency_company(self):
        eur = self.setup_other_currency("EUR")
        self.check_limits(credit_limit=1000.0)
        self.group.credit_limit_ids = [
            Command.create({"currency_id": eur.id, "credit_limit": 500.0})
        ]
        self.invoice_for(self.customer, 400.0, currency=eur)
        self.invoice_for(self.customer, 900.0)

        self.assertEqual(
            self.new_invoice_warning(self.customer, 200.0, currency=eur),
            self.outstanding_warning("Credit Customer", 600.0, 500.0, eur),
        )
        self.assertEqual(
            self.new_invoice_warning(self.customer, 50.0, currency=eur), ""
        )
        self.assertEqual(self.new_invoice_warning(self.customer, 50.0), "")
        self.assertIn("in USD by", self.new_invoice_warning(self.customer, 200.0))

    def test_a_currency_without_a_line_is_not_checked(self):
        gbp = self.setup_other_currency("GBP")
        self.group.check_credit_limit = True
        self.invoice_for(self.customer, 5000.0, currency=gbp)
        self.assertEqual(
            self.new_invoice_warning(self.customer, 100.0, currency=gbp), ""
        )

    def test_include_pending_transactions_off_and_on(self):
        self.check_limits(credit_limit=1000.0)
        self.invoice_for(self.customer, 700.0, post=False)
        self.company.customer_group_credit_include_pending = False
        self.assertEqual(self.new_invoice_warning(self.customer, 400.0), "")
        self.company.customer_group_credit_include_pending = True
        self.assertIn(
            f"outstanding {self.amount(1100.0)} exceeds the limit",
            self.new_invoice_warning(self.customer, 400.0),
        )

    def test_the_document_being_entered_is_counted_once(self):
        self.company.customer_group_credit_include_pending = True
        self.check_limits(credit_limit=1000.0)
        draft = self.invoice_for(self.customer, 600.0, post=False)
        self.assertFalse(draft.partner_credit_warning)

    def test_the_customer_form_shows_the_warning_and_the_limits(self):
        self.check_limits(credit_limit=1000.0, overdue_limit=250.0, overdue_days=90)
        self.invoice_for(self.customer, 300.0, days_ago=95)
        self.customer.invalidate_recordset(
            ["customer_credit_warning", "customer_credit_summary"]
        )
        self.assertEqual(
            self.customer.customer_credit_warning,
            self.overdue_warning("Credit Customer", 300.0, 90, 250.0),
        )
        self.assertIn(self.amount(1000.0), self.customer.customer_credit_summary)
        self.assertIn(self.amount(300.0), self.customer.customer_credit_summary)

    def test_settings_page_sets_the_company_options(self):
        settings = self.env["res.config.settings"].create(
            {
                "customer_group_credit_include_pending": True,
                "customer_group_credit_block": True,
            }
        )
        settings.execute()
        self.assertTrue(self.company.customer_group_credit_include_pending)
        self.assertTrue(self.company.customer_group_credit_block)

    def test_the_banner_counts_the_invoice_while_it_is_typed(self):
        self.group.check_credit_limit = True
        self.usd_line.credit_limit = 100.0
        self.invoice_for(self.customer, 150.0)
        move_form = self.typed_invoice(self.customer, 250.0)
        self.assertIn(
            f"outstanding {self.amount(400.0)} exceeds the limit {self.amount(100.0)}",
            move_form.alerts["account_partner_credit_warning"]["message"],
        )


@tagged("post_install", "-at_install")
class TestCreditCheckQueries(CreditCommon):
    def test_invoice_entry_checks_credit_in_two_queries(self):
        """The check runs on every change of an invoice being entered: the rules,
        then the exposure (pending documents included), one query each."""
        self.check_limits(credit_limit=1000.0, overdue_limit=100.0, overdue_days=30)
        self.company.customer_group_credit_include_pending = True
        self.invoice_for(self.customer, 800.0, days_ago=45)
        self.invoice_for(self.customer, 50.0, post=False)
        draft = self.invoice_for(self.customer, 200.0, post=False)
        # The form has shown the banner once: what it reads is in the caches.
        warning = draft.partner_credit_warning
        self.assertEqual(
            warning,
            self.outstanding_warning("Credit Customer", 1050.0, 1000.0)
            + "\n"
            + self.overdue_warning("Credit Customer", 800.0, 30, 100.0),
        )
        draft.invalidate_recordset(["partner_credit_warning"])
        with self.assertQueryCount(2):
            self.assertEqual(draft.partner_credit_warning, warning)
