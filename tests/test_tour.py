from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon


@tagged("post_install", "-at_install")
class TestCustomerGroupTour(AccountTestInvoicingHttpCommon):
    def test_accountant_creates_a_group_and_assigns_it(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True, "customer_rank": 1}
        )
        self.start_tour(
            "/odoo", "account_customer_group_tour", login=self.env.user.login
        )
        group = self.env["account.customer.group"].search(
            [("code", "=", "RET"), ("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(group.name, "Retail")
        self.assertEqual(customer.customer_group_id, group)
        self.assertEqual(
            customer.property_payment_term_id,
            self.env.ref("account.account_payment_term_30days"),
        )
        self.assertEqual(customer.customer_interest_profile_id.code, "NONE")
