from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.account_customer_group_sale.tests.test_sale_credit import (
    SaleCreditCommon,
)

OCA_SALE_RISK = "This sale order exceeds the financial risk."


@tagged("post_install", "-at_install")
class TestTwoCreditChecksOnQuotations(SaleCreditCommon):
    """A quotation over its group's limit of 1,000.00 and over OCA's risk limit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.write({"risk_sale_order_include": True, "credit_limit": 100.0})

    def assert_both_checks_speak(self, text):
        self.assertIn("Customer group credit limit:\n", text)
        self.assertIn("exceeds the limit", text)
        self.assertIn(f"Financial risk (OCA):\n{OCA_SALE_RISK}", text)

    def test_the_banner_gives_both_warnings_each_under_its_rule(self):
        quotation = self.order_for(self.customer, 1500.0, confirm=False)
        self.assert_both_checks_speak(quotation.partner_credit_warning)

    def test_oca_window_on_confirmation_gives_both_warnings(self):
        quotation = self.order_for(self.customer, 1500.0, confirm=False)
        action = quotation.action_confirm()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assert_both_checks_speak(wizard.exception_msg)
        self.assertEqual(quotation.state, "draft")
        wizard.button_continue()
        self.assertEqual(quotation.state, "sale")

    def test_the_group_block_comes_before_oca_window(self):
        self.company.customer_group_credit_block = True
        quotation = self.order_for(self.customer, 1500.0, confirm=False)
        wizards = self.env["partner.risk.exceeded.wiz"].search_count([])
        with self.assertRaisesRegex(UserError, "cannot be confirmed"):
            quotation.with_user(self.salesman).action_confirm()
        self.assertEqual(
            self.env["partner.risk.exceeded.wiz"].search_count([]), wizards
        )
        self.assertEqual(quotation.state, "draft")

    def test_within_both_limits_neither_speaks(self):
        quotation = self.order_for(self.customer, 50.0, confirm=False)
        self.assertFalse(quotation.partner_credit_warning)
