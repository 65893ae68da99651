from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common_credit import CreditCommon


@tagged("post_install", "-at_install")
class TestCreditBlock(CreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group.check_credit_limit = True
        cls.usd_line.credit_limit = 100.0
        cls.clerk = new_test_user(
            cls.env,
            "billing_clerk",
            groups="account.group_account_invoice",
            company_id=cls.company.id,
        )

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
