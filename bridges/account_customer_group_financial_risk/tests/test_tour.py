from odoo import Command
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon


@tagged("post_install", "-at_install")
class TestTwoCreditChecksTour(AccountTestInvoicingHttpCommon):
    def test_an_invoice_over_both_limits_shows_both_warnings(self):
        self.env.company.account_sale_tax_id = False
        currency = self.env.company.currency_id
        # A copy of the default group DOM, with its accounts.
        group = (
            self.env["account.customer.group"]
            .search([("code", "=", "DOM"), ("company_id", "=", self.env.company.id)])
            .copy({"code": "TOURRK", "name": "Tour Risk"})
        )
        group.check_credit_limit = True
        group.credit_limit_ids = [
            Command.clear(),
            Command.create({"currency_id": currency.id, "credit_limit": 1000.0}),
        ]
        risky = self.env["res.partner"].create(
            {
                "name": "Tour Risky",
                "is_company": True,
                "customer_group_id": group.id,
            }
        )
        self._create_invoice_one_line(
            price_unit=800.0, partner_id=risky, tax_ids=[], post=True
        )
        # Set after posting: over it, OCA's window stops the posting.
        risky.write({"risk_invoice_open_include": True, "credit_limit": 500.0})
        self.start_tour(
            "/odoo/action-account.action_move_out_invoice_type/new",
            "account_customer_group_two_credit_checks_tour",
            login=self.env.user.login,
        )
        draft = self.env["account.move"].search(
            [("partner_id", "=", risky.id), ("state", "=", "draft")]
        )
        self.assertEqual(len(draft), 1)
