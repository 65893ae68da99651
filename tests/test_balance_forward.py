from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_credit import CreditCommon


@tagged("post_install", "-at_install")
class TestBalanceForwardCredits(CreditCommon):
    """A balance-forward customer's unapplied credit note pays its oldest invoice:
    nothing is left to age, to charge interest on or to count as overdue. An
    open-item customer's stays apart until matched."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group.write(
            {
                "check_overdue": True,
                "overdue_days": 30,
                "interest_profile_id": cls.create_interest_profile("STD12", "12%").id,
            }
        )
        cls.usd_line.overdue_limit = 100.0
        cls.forward = cls.create_member(
            "Forward Customer", cls.group, "balance_forward"
        )
        cls.open_item = cls.create_member("Open Item Customer", cls.group, "open_item")
        # Each: 3,175.00 invoiced 45 days ago, due at once, and an equal credit
        # note today, not matched with it.
        for partner in (cls.forward, cls.open_item):
            for move_type, days_ago in (("out_invoice", 45), ("out_refund", 0)):
                cls._create_invoice_one_line(
                    price_unit=3175.0,
                    partner_id=partner,
                    move_type=move_type,
                    tax_ids=[],
                    invoice_date=cls.today - timedelta(days=days_ago),
                    invoice_payment_term_id=cls.term_immediate,
                    post=True,
                )

    def statement(self, partner):
        report = self.env["report.account_customer_group.report_customer_statement"]
        data = {
            "statement_date": str(self.today),
            "date_from": str(self.today.replace(day=1)),
            "company_id": self.company.id,
        }
        return report._get_report_values(partner.ids, data)["statements"][partner.id]

    def test_statement_ages_nothing_the_credit_paid(self):
        statement = self.statement(self.forward)
        self.assertEqual(set(statement["aging"].values()), {0.0})
        self.assertEqual(statement["total_due"], 0.0)

    def test_open_item_statement_ages_each_document(self):
        statement = self.statement(self.open_item)
        self.assertEqual(statement["aging"]["31_60"], 3175.0)
        self.assertEqual(statement["aging"]["current"], -3175.0)
        self.assertEqual(statement["total_due"], 0.0)

    def test_no_interest_on_what_the_credit_paid(self):
        wizard = self.env["account.customer.interest.wizard"].create(
            {"run_date": self.today, "partner_ids": [(6, 0, self.forward.ids)]}
        )
        wizard.action_preview()
        with self.assertRaisesRegex(UserError, "No customer owes interest"):
            wizard.action_create_invoices()

    def test_open_item_customer_is_charged_on_the_unmatched_invoice(self):
        interest = (
            self.env["account.customer.interest.wizard"]
            .create(
                {"run_date": self.today, "partner_ids": [(6, 0, self.open_item.ids)]}
            )
            ._create_interest_invoices()
        )
        # 3,175.00 x 12 % x 45 / 365 = 46.97
        self.assertEqual(interest.amount_total, 46.97)

    def test_overdue_rule_counts_what_the_credit_left(self):
        self.assertEqual(self.new_invoice_warning(self.forward, 10.0), "")
        self.assertEqual(
            self.new_invoice_warning(self.open_item, 10.0),
            self.overdue_warning("Open Item Customer", 3175.0, 30, 100.0),
        )

    def test_a_partial_credit_leaves_the_rest_of_the_oldest_invoice_overdue(self):
        self.invoice_for(self.forward, 1000.0, days_ago=40)
        self.assertEqual(
            self.new_invoice_warning(self.forward, 10.0),
            self.overdue_warning("Forward Customer", 1000.0, 30, 100.0),
        )
        statement = self.statement(self.forward)
        self.assertEqual(statement["aging"]["31_60"], 1000.0)
        self.assertEqual(statement["total_due"], 1000.0)

    def test_an_item_without_a_due_date_is_paid_by_its_date(self):
        # A debit entered by hand 70 days ago, with no due date: older than the
        # invoice of 45 days, the credit note pays it first.
        self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": self.today - timedelta(days=70),
                "line_ids": [
                    Command.create(
                        {
                            "account_id": self.receivable.id,
                            "partner_id": self.forward.id,
                            "debit": 500.0,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.company_data[
                                "default_account_revenue"
                            ].id,
                            "credit": 500.0,
                        }
                    ),
                ],
            }
        ).action_post()
        statement = self.statement(self.forward)
        self.assertEqual(statement["aging"]["61_90"], 0.0)
        self.assertEqual(statement["aging"]["31_60"], 500.0)
        self.assertEqual(statement["total_due"], 500.0)
