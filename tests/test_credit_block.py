from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_credit import CreditCommon


@tagged("post_install", "-at_install")
class TestCreditBlock(CreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.check_limits(credit_limit=100.0)
        cls.clerk = cls.company_user("billing_clerk", "account.group_account_invoice")

    def test_warning_only_by_default(self):
        invoice = self.invoice_for(self.customer, 500.0, post=False)
        invoice.with_user(self.clerk).action_post()
        self.assertEqual(invoice.state, "posted")

    def test_block_stops_users_without_the_accountant_right(self):
        self.company.customer_group_credit_block = True
        invoice = self.invoice_for(self.customer, 500.0, post=False)
        with self.assertRaisesRegex(
            UserError, "cannot be posted: its customer is over its credit rules"
        ):
            invoice.with_user(self.clerk).action_post()
        self.assertEqual(invoice.state, "draft")

    def test_block_leaves_accountants_warned_only(self):
        self.company.customer_group_credit_block = True
        invoice = self.invoice_for(self.customer, 500.0, post=False)
        self.assertIn("exceeds the limit", invoice.partner_credit_warning)
        invoice.action_post()
        self.assertEqual(invoice.state, "posted")

    def test_block_lets_invoices_within_the_limits_through(self):
        self.company.customer_group_credit_block = True
        invoice = self.invoice_for(self.customer, 50.0, post=False)
        invoice.with_user(self.clerk).action_post()
        self.assertEqual(invoice.state, "posted")
