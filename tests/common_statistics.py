from odoo import Command
from odoo.tests import Form

from .common import CustomerGroupCommon


class StatisticsCommon(CustomerGroupCommon):
    """A customer of the Domestic group on monthly calendar statistics, and helpers
    to read the buckets its documents land in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "customer_statistics_period_type": "monthly",
                "customer_statistics_year_basis": "calendar",
            }
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Statistics Customer", "customer_group_id": cls.group_dom.id}
        )
        cls.income = cls.company_data["default_account_revenue"]
        cls.expense = cls.company_data["default_account_expense"]
        cls.term_2_10 = cls.env["account.payment.term"].create(
            {
                "name": "2% 10 days",
                "early_discount": True,
                "discount_percentage": 2,
                "discount_days": 10,
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100, "nb_days": 30}
                    )
                ],
            }
        )

    # -- helpers ---------------------------------------------------------
    def figures(self, group, ttype, year=2026, period=1):
        """(amount in company currency, count, total days to pay, invoices paid) of a
        bucket."""
        [(amount, count, days, paid)] = self.env[
            "account.customer.statistic"
        ]._read_group(
            [
                ("group_id", "=", group.id),
                ("transaction_type", "=", ttype),
                ("year", "=", year),
                ("period", "=", period),
            ],
            [],
            [
                "amount_company:sum",
                "count:sum",
                "days_to_pay_total:sum",
                "paid_count:sum",
            ],
        )
        return (amount or 0.0, count or 0, days or 0, paid or 0)

    def all_buckets(self):
        """Every bucket of the company with its figures, however many rows it has;
        a bucket whose rows add up to nothing is none."""
        return sorted(
            (group.id, year, period, ttype, currency.id, *figures)
            for group, year, period, ttype, currency, *figures in self.env[
                "account.customer.statistic"
            ]._read_group(
                [("company_id", "=", self.company.id)],
                ["group_id", "year", "period", "transaction_type", "currency_id"],
                [
                    "amount:sum",
                    "amount_company:sum",
                    "count:sum",
                    "days_to_pay_total:sum",
                    "paid_count:sum",
                ],
            )
            if any(figures)
        )

    def write_off(self, invoice, date, amount, label):
        """Receive ``amount`` for ``invoice`` on ``date`` and write the rest off as
        ``label``."""
        return self.pay(
            invoice,
            date,
            amount=amount,
            payment_difference_handling="reconcile",
            writeoff_account_id=self.expense.id,
            writeoff_label=label,
        )

    def statistics_page(self, year=2026, period=1):
        """The Domestic group's form, its Statistics page showing ``period`` of
        ``year``."""
        form = Form(self.group_dom)
        form.statistics_year = year
        form.statistics_period = period
        return form

    def assert_page_values(self, page, expected):
        """``page``, a form, shows the ``expected`` values (by field name)."""
        self.assertEqual({name: getattr(page, name) for name in expected}, expected)

    def post_invoice(
        self, amount, date="2026-01-15", partner=None, move_type="out_invoice", **vals
    ):
        move = self._create_invoice_one_line(
            price_unit=amount,
            partner_id=partner or self.customer,
            move_type=move_type,
            tax_ids=[],
            invoice_date=date,
            **vals,
        )
        move.action_post()
        return move
