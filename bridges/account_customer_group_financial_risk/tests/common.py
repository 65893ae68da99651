from odoo.addons.account_customer_group.tests.common_credit import CreditCommon


class TwoCreditChecksCommon(CreditCommon):
    """A customer owing 300.00: over its group's limit of 100.00 and over its OCA risk
    limit of 100.00."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.check_limits(credit_limit=100.0)
        cls.clerk = cls.company_user("risk_clerk", "account.group_account_invoice")
        # Posted before OCA's limit is set: over it, OCA's window stops the posting.
        cls.invoice_for(cls.customer, 300.0)
        cls.customer.write({"risk_invoice_open_include": True, "credit_limit": 100.0})

    def assert_both_checks_speak(self, text, risk_message):
        """``text`` gives both warnings, each under the name of its rule."""
        self.assertIn("Customer group credit limit:\n", text)
        self.assertIn("exceeds the limit", text)
        self.assertIn(f"Financial risk (OCA):\n{risk_message}", text)
