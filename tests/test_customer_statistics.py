from odoo import Command, fields
from odoo.tests import tagged

from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestCustomerStatistics(StatisticsCommon):
    # -- transaction types -------------------------------------------------
    def test_invoice(self):
        self.post_invoice(100.0)
        self.post_invoice(50.0, date="2026-02-03")
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (50.0, 1, 0, 0)
        )
        self.assertEqual(self.figures(self.group_eur, "invoice"), (0.0, 0, 0, 0))

    def test_credit_note(self):
        self.post_invoice(30.0, move_type="out_refund")
        self.assertEqual(self.figures(self.group_dom, "credit_note"), (30.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))

    def test_debit_note(self):
        if "debit_origin_id" not in self.env["account.move"]._fields:
            self.skipTest(
                "Odoo's Debit Notes module (account_debit_note) is not installed"
            )
        invoice = self.post_invoice(100.0)
        self.post_invoice(15.0, debit_origin_id=invoice.id)
        self.assertEqual(self.figures(self.group_dom, "debit_note"), (15.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))

    def test_interest_charge(self):
        journal = self.env["account.journal"].create(
            {
                "name": "Interest",
                "code": "INT",
                "type": "sale",
                "default_account_id": self.income.id,
            }
        )
        self.interest_none.journal_id = journal
        self.post_invoice(12.5, journal_id=journal.id)
        self.assertEqual(self.figures(self.group_dom, "interest"), (12.5, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))

    def test_interest_charged_on_the_sales_journal_counts_as_interest(self):
        # A profile without a journal: Charge Interest invoices on the sales journal.
        profile = self.env["account.customer.interest.profile"].create(
            {
                "code": "NOJRNL",
                "name": "12 % on the sales journal",
                "annual_rate": 12.0,
                "income_account_id": self.income.id,
            }
        )
        self.customer.customer_interest_profile_id = profile
        self.post_invoice(1000.0, date="2026-01-01")
        charged = (
            self.env["account.customer.interest.wizard"]
            .create({"run_date": "2026-03-02", "post_invoices": True})
            ._create_interest_invoices()
        )
        self.assertEqual(charged.journal_id, self.company_data["default_journal_sale"])
        # Due on receipt: 1000 x 12 % x 60 days / 365
        self.assertEqual(charged.amount_total, 19.73)
        self.assertEqual(
            self.figures(self.group_dom, "interest", period=3), (19.73, 1, 0, 0)
        )
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=3), (0.0, 0, 0, 0)
        )
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_a_journal_given_to_a_profile_later_counts_its_invoices_as_interest(self):
        journal = self.env["account.journal"].create(
            {
                "name": "Late Charges",
                "code": "LATE",
                "type": "sale",
                "default_account_id": self.income.id,
            }
        )
        self.post_invoice(12.5, journal_id=journal.id)
        self.assertEqual(self.figures(self.group_dom, "invoice"), (12.5, 1, 0, 0))
        self.interest_none.journal_id = journal
        self.assertEqual(self.figures(self.group_dom, "interest"), (12.5, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))
        self.assertEqual(self.group_dom.get_statistics_drift(), [])
        self.interest_none.journal_id = False
        self.assertEqual(self.figures(self.group_dom, "invoice"), (12.5, 1, 0, 0))
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_a_new_cash_discount_account_sorts_past_discounts_anew(self):
        invoice = self.post_invoice(100.0, invoice_payment_term_id=self.term_2_10.id)
        self.pay(invoice, "2026-01-20")
        self.assertEqual(self.figures(self.group_dom, "discount"), (2.0, 1, 0, 0))
        self.company.account_journal_early_pay_discount_loss_account_id = (
            self.expense.copy({"code": "659999"})
        )
        # The 2.00 is on the old account, no longer the discount account.
        self.assertEqual(self.figures(self.group_dom, "discount"), (0.0, 0, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "write_off"), (2.0, 1, 0, 0))
        self.assertEqual(self.group_dom.get_statistics_drift(), [])

    def test_receipt(self):
        invoice = self.post_invoice(100.0)
        self.pay(invoice, "2026-01-20", amount=60.0)
        self.assertEqual(self.figures(self.group_dom, "receipt"), (60.0, 1, 0, 0))

    def test_discount(self):
        invoice = self.post_invoice(100.0, invoice_payment_term_id=self.term_2_10.id)
        self.pay(invoice, "2026-01-20")
        self.assertEqual(self.figures(self.group_dom, "discount"), (2.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "receipt"), (98.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "write_off"), (0.0, 0, 0, 0))

    def test_write_off(self):
        invoice = self.post_invoice(100.0)
        self.write_off(invoice, "2026-01-20", 95.0, "Bank charges")
        self.assertEqual(self.figures(self.group_dom, "write_off"), (5.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "receipt"), (95.0, 1, 0, 0))
        self.assertEqual(invoice.payment_state, "paid")

    def test_adjustment(self):
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": "2026-01-20",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.receivable.id,
                            "partner_id": self.customer.id,
                            "debit": 40.0,
                        }
                    ),
                    Command.create({"account_id": self.income.id, "credit": 40.0}),
                ],
            }
        )
        entry.action_post()
        self.assertEqual(self.figures(self.group_dom, "adjustment"), (40.0, 1, 0, 0))

    def test_returned_check(self):
        invoice = self.post_invoice(100.0)
        payment = self.pay(invoice, "2026-01-20")
        payment.move_id._reverse_moves([{"date": "2026-01-25"}], cancel=True)
        self.assertEqual(
            self.figures(self.group_dom, "returned_check"), (100.0, 1, 0, 0)
        )
        self.assertEqual(self.figures(self.group_dom, "receipt"), (100.0, 1, 0, 0))
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(
            self.figures(self.group_dom, "invoice"),
            (100.0, 1, 0, 0),
            "the invoice is unpaid again",
        )

    def test_refund(self):
        payment = self.env["account.payment"].create(
            {
                "payment_type": "outbound",
                "partner_type": "customer",
                "partner_id": self.customer.id,
                "amount": 25.0,
                "date": "2026-03-05",
            }
        )
        payment.action_post()
        self.assertEqual(
            self.figures(self.group_dom, "refund", period=3), (25.0, 1, 0, 0)
        )

    # -- life cycle --------------------------------------------------------
    def test_draft_and_cancel_take_the_document_back(self):
        invoice = self.post_invoice(100.0)
        invoice.button_draft()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))
        invoice.action_post()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        invoice.button_cancel()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (0.0, 0, 0, 0))

    def test_reversal_counts_a_credit_note(self):
        invoice = self.post_invoice(100.0)
        invoice._reverse_moves(
            [{"invoice_date": "2026-01-20", "date": "2026-01-20"}], cancel=True
        )
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_dom, "credit_note"), (100.0, 1, 0, 0))

    def test_days_to_pay(self):
        first = self.post_invoice(100.0, date="2026-01-15")
        second = self.post_invoice(80.0, date="2026-01-10")
        self.pay(first, "2026-02-01")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (0.0, 0, 17, 1)
        )
        self.assertEqual(self.statistics_page(2026, 2).average_days_to_pay, 17.0)
        self.pay(second, "2026-02-01", amount=30.0)
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2),
            (0.0, 0, 17, 1),
            "partly paid: not counted",
        )
        self.pay(second, "2026-03-01")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=3), (0.0, 0, 50, 1)
        )
        self.assert_page_values(
            self.statistics_page(2026, 3),
            {
                "days_to_pay_total": 50,
                "paid_invoice_count": 1,
                "average_days_to_pay": 50.0,
                "ytd_days_to_pay_total": 67,
                "ytd_paid_invoice_count": 2,
                "ytd_average_days_to_pay": 33.5,
                "statistics_period_range": "2026-03-01 - 2026-03-31",
            },
        )

    def test_unreconcile_takes_days_to_pay_back(self):
        invoice = self.post_invoice(100.0, date="2026-01-15")
        self.pay(invoice, "2026-02-01")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (0.0, 0, 17, 1)
        )
        invoice.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        ).remove_move_reconcile()
        self.assertEqual(invoice.payment_state, "not_paid")
        self.assertEqual(
            self.figures(self.group_dom, "invoice", period=2), (0.0, 0, 0, 0)
        )
        self.assertEqual(
            self.figures(self.group_dom, "receipt", period=2),
            (100.0, 1, 0, 0),
            "the receipt stays",
        )
        self.assertFalse(
            self.env["account.customer.group"]
            .browse(self.group_dom.id)
            .get_statistics_drift()
        )

    def test_moving_a_customer_keeps_its_history_with_the_old_group(self):
        old = self.post_invoice(100.0)
        self.customer.customer_group_id = self.group_eur
        new = self.post_invoice(40.0)
        self.assertEqual(old.customer_group_id, self.group_dom)
        self.assertEqual(new.customer_group_id, self.group_eur)
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_eur, "invoice"), (40.0, 1, 0, 0))
        self.group_dom.action_recalculate_statistics()
        self.assertEqual(self.figures(self.group_dom, "invoice"), (100.0, 1, 0, 0))
        self.assertEqual(self.figures(self.group_eur, "invoice"), (40.0, 1, 0, 0))


# Measured in the test command's oca part, where account_financial_risk is installed.
OCA_RISK_CHECK_QUERIES = 3


@tagged("post_install", "-at_install")
class TestStatisticsQueries(StatisticsCommon):
    def post_counting_queries(self, partner, queries):
        """Post an invoice of ``partner`` in ``queries`` queries, once the journal's
        first posting has set its sequence up and filled the caches."""
        self.post_invoice(100.0, partner=partner)
        invoice = self.invoice(partner, 50.0, post=False, date="2026-01-20")
        if self.oca_installed("account_financial_risk"):
            # OCA's risk check before posting reads the customer's risk settings and
            # open amounts: its queries come on top of the addon's.
            queries += OCA_RISK_CHECK_QUERIES
        with self.assertQueryCount(queries):
            invoice.action_post()
        return invoice

    def test_posting_an_invoice_of_a_group_appends_its_statistics(self):
        # Two more than for a customer in no group: the sums, then one INSERT.
        self.post_counting_queries(self.customer, 21)
        self.assertEqual(self.figures(self.group_dom, "invoice"), (150.0, 2, 0, 0))

    def test_posting_an_invoice_of_a_customer_in_no_group(self):
        loner = self.env["res.partner"].create({"name": "No Group"})
        # One of them appends the aged receivables' movements of its receivable.
        invoice = self.post_counting_queries(loner, 19)
        self.assertFalse(invoice.customer_group_id)

    def test_reading_the_statistics_page(self):
        today = fields.Date.context_today(self.customer)
        invoice = self.post_invoice(100.0, date=today)
        self.post_invoice(40.0, date=today)
        self.pay(invoice, today)
        # The fields of the form's Statistics page, its lines' columns included.
        page = {
            name: {}
            for name in (
                "statistics_year",
                "statistics_period",
                "statistics_period_range",
                "days_to_pay_total",
                "paid_invoice_count",
                "average_days_to_pay",
                "ytd_days_to_pay_total",
                "ytd_paid_invoice_count",
                "ytd_average_days_to_pay",
                "payment_timing",
                "ytd_payment_timing",
            )
        }
        page["statistic_line_ids"] = {
            "fields": {
                name: {}
                for name in (
                    "transaction_type",
                    "source",
                    "amount",
                    "company_currency_id",
                    "amount_company",
                    "count",
                )
            }
        }
        page["statistic_line_ids"]["fields"]["currency_id"] = {
            "fields": {"display_name": {}}
        }
        self.group_dom.web_read(page)
        # Opened again: the group and its figures are read anew; the user, the
        # company and the currencies are those every page of the session loaded.
        self.env["account.customer.group"].invalidate_model()
        self.env["account.customer.statistic.report"].invalidate_model()
        with self.assertQueryCount(7):
            [shown] = self.group_dom.web_read(page)
        self.assertEqual(
            sorted(
                (line["transaction_type"], line["amount_company"], line["count"])
                for line in shown["statistic_line_ids"]
            ),
            [("invoice", 140.0, 2), ("receipt", 100.0, 1)],
        )
        self.assertEqual(shown["paid_invoice_count"], 1)
