from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TwoCreditChecksCommon


@tagged("post_install", "-at_install")
class TestTwoCreditChecks(TwoCreditChecksCommon):
    def test_the_banner_gives_both_warnings_each_under_its_rule(self):
        invoice = self.invoice_for(self.customer, 50.0, post=False)
        self.assert_both_checks_speak(
            invoice.partner_credit_warning, "Financial risk exceeded."
        )

    def test_oca_window_on_posting_gives_both_warnings(self):
        invoice = self.invoice_for(self.customer, 50.0, post=False)
        action = invoice.action_post()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assert_both_checks_speak(wizard.exception_msg, "Financial risk exceeded.")
        self.assertEqual(invoice.state, "draft")
        wizard.button_continue()
        self.assertEqual(invoice.state, "posted")

    def test_the_group_block_comes_before_oca_window(self):
        # OCA's window offers to continue: where the group's rule refuses, the user
        # hears the refusal first.
        self.company.customer_group_credit_block = True
        invoice = self.invoice_for(self.customer, 50.0, post=False)
        wizards = self.env["partner.risk.exceeded.wiz"].search_count([])
        with self.assertRaisesRegex(UserError, "cannot be posted"):
            invoice.with_user(self.clerk).action_post()
        self.assertEqual(
            self.env["partner.risk.exceeded.wiz"].search_count([]), wizards
        )
        self.assertEqual(invoice.state, "draft")

    def test_within_the_group_limit_only_oca_speaks(self):
        self.usd_line.credit_limit = 10_000.0
        invoice = self.invoice_for(self.customer, 50.0, post=False)
        self.assertNotIn("Customer group credit limit", invoice.partner_credit_warning)
        self.assertIn("Financial risk (OCA):", invoice.partner_credit_warning)
