from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestCustomerGroupAccess(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.setup_other_company(name="Company B")["company"]
        cls.billing_user = cls.company_user(
            "billing_clerk", "account.group_account_invoice,base.group_partner_manager"
        )
        cls.billing_admin = cls.company_user(
            "billing_admin", "account.group_account_manager"
        )
        cls.user_company_b = cls.company_user(
            "accountant_b", "account.group_account_manager", cls.company_b
        )

    def group_vals(self, code):
        return {
            "code": code,
            "name": code,
            "account_set_id": self.account_set.id,
            "interest_profile_id": self.interest_none.id,
            "payment_term_id": self.term_immediate.id,
        }

    def test_invoicing_user_reads_groups_but_cannot_create_them(self):
        Group = self.env["account.customer.group"].with_user(self.billing_user)
        self.assertEqual(sorted(Group.search([]).mapped("code")), ["DOM", "EUR", "OVS"])
        with self.assertRaises(AccessError):
            Group.create(self.group_vals("NOPE"))
        with self.assertRaises(AccessError):
            self.group_dom.with_user(self.billing_user).name = "Renamed"
        for model in (
            "account.customer.account.set",
            "account.customer.interest.profile",
            "account.customer.billing.cycle",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.billing_user).create(
                    {"code": "X", "name": "X"}
                )

    def test_invoicing_user_assigns_a_group_to_a_customer(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.billing_user)
            .create({"name": "Walk-in", "customer_group_id": self.group_eur.id})
        )
        self.assertEqual(partner.customer_interest_profile_id, self.interest_none)

    def test_billing_administrator_manages_groups(self):
        group = (
            self.env["account.customer.group"]
            .with_user(self.billing_admin)
            .create(self.group_vals("ADM"))
        )
        group.name = "Managed"
        group.action_archive()
        self.assertFalse(group.active)

    def test_user_of_another_company_cannot_see_the_groups(self):
        Group = self.env["account.customer.group"].with_user(self.user_company_b)
        self.assertEqual(Group.search([]).company_id, self.company_b)
        with self.assertRaises(AccessError):
            self.group_dom.with_user(self.user_company_b).read(["name"])
        for model in (
            "account.customer.account.set",
            "account.customer.interest.profile",
            "account.customer.billing.cycle",
        ):
            records = self.env[model].with_user(self.user_company_b).search([])
            self.assertEqual(records.company_id, self.company_b, model)
