from odoo import Command, fields
from odoo.tests import tagged

from .common_statistics import StatisticsCommon


@tagged("post_install", "-at_install")
class TestDaysLatePerInstallment(StatisticsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.two_installments = cls.env["account.payment.term"].create(
            {
                "name": "Half at 30 days, half at 60 days",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 30}
                    ),
                    Command.create(
                        {"value": "percent", "value_amount": 50.0, "nb_days": 60}
                    ),
                ],
            }
        )

    def installment_invoice(self, amount):
        """An invoice of 1 January, half due on 31 January, half on 2 March."""
        return self._create_invoice_one_line(
            price_unit=amount,
            partner_id=self.customer,
            tax_ids=[],
            invoice_date="2026-01-01",
            invoice_payment_term_id=self.two_installments,
            post=True,
        )

    def test_two_installments_weighted_days_late(self):
        invoice = self.installment_invoice(400.0)
        self.assertEqual(
            sorted(invoice.line_ids.filtered("date_maturity").mapped("date_maturity")),
            [fields.Date.to_date("2026-01-31"), fields.Date.to_date("2026-03-02")],
        )
        # First half 10 days late, second half 20 days late.
        self.pay(invoice, "2026-02-10", amount=200.0)
        self.pay(invoice, "2026-03-22")
        [(late, base, days, paid)] = self.env["account.customer.statistic"]._read_group(
            [
                ("group_id", "=", self.group_dom.id),
                ("year", "=", 2026),
                ("period", "=", 3),
            ],
            [],
            [
                "days_late_weighted:sum",
                "days_late_base:sum",
                "days_to_pay_total:sum",
                "paid_count:sum",
            ],
        )
        self.assertEqual((late, base, days, paid), (6000.0, 400.0, 80, 1))
        # Sage's figure counts from the invoice date: 80 days; per installment, 15 days
        # late.
        self.assert_page_values(
            self.statistics_page(2026, 3),
            {"average_days_to_pay": 80.0, "payment_timing": "15.0 days late"},
        )
        self.assertRecordValues(
            self.customer,
            [
                {
                    "customer_average_days_to_pay": 80.0,
                    "customer_average_days_late": 15.0,
                }
            ],
        )
        self.assertEqual(
            self.env["account.customer.statistic"]._drift(self.company), []
        )
        invoice.line_ids.filtered(
            lambda line: line.account_id == self.receivable
        ).remove_move_reconcile()
        [(late, base)] = self.env["account.customer.statistic"]._read_group(
            [("group_id", "=", self.group_dom.id), ("year", "=", 2026)],
            [],
            ["days_late_weighted:sum", "days_late_base:sum"],
        )
        self.assertEqual((late or 0.0, base or 0.0), (0.0, 0.0))

    def test_an_invoice_paid_early_reads_as_days_early(self):
        invoice = self.installment_invoice(300.0)
        # Both halves paid on 10 January: 21 and 51 days before they fall due.
        self.pay(invoice, "2026-01-10", amount=300.0)
        self.assert_page_values(
            self.statistics_page(2026, 1), {"payment_timing": "36.0 days early"}
        )
