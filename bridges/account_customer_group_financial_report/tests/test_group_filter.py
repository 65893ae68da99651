from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from odoo.addons.account_customer_group.tests.common import CustomerGroupCommon

AGED = "report.account_financial_report.aged_partner_balance"
# OCA's columns of the Aged Partner Balance for the addon's default aging periods
# (30, 60, 90 and 120 days).
OCA_COLUMNS = {
    "current": "current",
    "period_1": "30_days",
    "period_2": "60_days",
    "period_3": "90_days",
    "period_4": "120_days",
    "older": "older",
}
OPEN_ITEMS = "report.account_financial_report.open_items"


@tagged("post_install", "-at_install")
class TestFinancialReportGroupFilter(CustomerGroupCommon):
    """Two customers of Domestic and one of Export owe money; OCA's reports filtered
    on a group show that group's customers and their amounts only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_exp = cls.create_group("EXP")
        cls.dom_old = cls.create_member("Dom Old", cls.group_dom, "open_item")
        cls.dom_new = cls.create_member("Dom New", cls.group_dom, "open_item")
        cls.exp = cls.create_member("Exporter", cls.group_exp, "open_item")
        cls.invoice(cls.dom_old, 1000.0, date="2026-01-15")
        cls.invoice(cls.dom_new, 500.0, date="2026-03-10")
        cls.invoice(cls.dom_new, 100.0, move_type="out_refund", date="2026-03-12")
        cls.invoice(cls.exp, 300.0, date="2026-02-01")

    def wizard(self, model, groups=None, partners=None):
        with Form(self.env[model]) as form:
            form.date_at = fields.Date.to_date("2026-03-31")
            form.receivable_accounts_only = True
            for group in groups or ():
                form.customer_group_ids.add(group)
            for partner in partners or ():
                form.partner_ids.add(partner)
        return form.record

    def aged_partners(self, wizard):
        data = wizard._prepare_report_data()
        data["date_at"] = fields.Date.to_string(data["date_at"])
        values = self.env[AGED]._get_report_values(wizard.ids, data)
        return [
            partner
            for account in values["aged_partner_balance"]
            for partner in account["partners"]
        ]

    def aged_residuals(self, wizard):
        return {
            partner["name"]: partner["residual"]
            for partner in self.aged_partners(wizard)
        }

    def test_aged_partner_balance_of_a_group(self):
        wizard = self.wizard("aged.partner.balance.report.wizard", [self.group_dom])
        self.assertEqual(
            self.aged_residuals(wizard), {"Dom Old": 1000.0, "Dom New": 400.0}
        )
        wizard = self.wizard("aged.partner.balance.report.wizard", [self.group_exp])
        self.assertEqual(self.aged_residuals(wizard), {"Exporter": 300.0})

    def test_groups_and_partners_narrow_each_other(self):
        wizard = self.wizard(
            "aged.partner.balance.report.wizard",
            [self.group_dom],
            [self.dom_new, self.exp],
        )
        self.assertEqual(self.aged_residuals(wizard), {"Dom New": 400.0})

    def test_no_group_reports_every_customer(self):
        residuals = self.aged_residuals(
            self.wizard("aged.partner.balance.report.wizard")
        )
        self.assertEqual(
            {name: residuals.get(name) for name in ("Dom Old", "Dom New", "Exporter")},
            {"Dom Old": 1000.0, "Dom New": 400.0, "Exporter": 300.0},
        )

    def test_open_items_of_a_group(self):
        wizard = self.wizard("open.items.report.wizard", [self.group_exp])
        wizard.show_partner_details = True
        data = wizard._prepare_report_data()
        values = self.env[OPEN_ITEMS]._get_report_values(wizard.ids, data)
        partners = {
            partner_id
            for by_partner in values["Open_Items"].values()
            for partner_id in by_partner
        }
        self.assertEqual(partners, {self.exp.id})

    def test_a_group_without_customers_is_refused(self):
        empty = self.create_group("NONE")
        wizard = self.wizard("aged.partner.balance.report.wizard", [empty])
        with self.assertRaisesRegex(UserError, "No customer of .* is in the groups"):
            wizard._prepare_report_data()

    def test_same_totals_as_the_aged_receivables_by_group(self):
        aging = self.env["account.customer.aging.report"].with_context(
            aging_date="2026-03-31", aging_basis="due"
        )
        for group in self.group_dom | self.group_exp:
            ours = {
                OCA_COLUMNS[bucket]: amount
                for bucket, amount in aging._read_group(
                    [("partner_group_id", "=", group.id)],
                    ["aging_bucket"],
                    ["residual:sum"],
                )
            }
            partners = self.aged_partners(
                self.wizard("aged.partner.balance.report.wizard", [group])
            )
            oca = {
                column: sum(partner[column] for partner in partners)
                for column in OCA_COLUMNS.values()
            }
            with self.subTest(group=group.code):
                self.assertEqual(
                    {column: amount for column, amount in oca.items() if amount},
                    ours,
                )
