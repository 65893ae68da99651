from odoo import Command
from odoo.tests import tagged

from .common_credit import CreditCommon


@tagged("post_install", "-at_install")
class TestPooledCredit(CreditCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.check_limits(credit_limit=1000.0, overdue_limit=500.0, overdue_days=30)
        cls.second, cls.third = cls.env["res.partner"].create(
            [
                {"name": name, "customer_group_id": cls.group.id}
                for name in ("Second Member", "Third Member")
            ]
        )
        cls.outsider = cls.env["res.partner"].create(
            {"name": "Outsider", "customer_group_id": cls.group_dom.id}
        )
        for partner in (cls.customer, cls.second, cls.third):
            cls.invoice_for(partner, 300.0)
        cls.invoice_for(cls.outsider, 5000.0)

    def test_per_member_limits_check_each_member_alone(self):
        self.assertEqual(self.new_invoice_warning(self.customer, 600.0), "")

    def test_pooled_exposure_adds_up_the_three_members(self):
        self.usd_line.pooled = True
        rule = self.rule(self.customer)
        self.assertTrue(rule.pooled)
        outstanding, _overdue = self.customer._get_credit_exposure(
            self.company, self.usd, rule
        )
        # 3 x 300 of the members; the outsider's 5000 in another group does not count.
        self.assertEqual(outstanding, 900.0)
        self.assertEqual(self.new_invoice_warning(self.third, 50.0), "")
        warning = self.new_invoice_warning(self.third, 200.0)
        self.assertIn(
            "Third Member (group [CRED] Group CRED, pooled limit): outstanding "
            f"{self.amount(1100.0)} exceeds the limit {self.amount(1000.0)} in USD by "
            f"{self.amount(100.0)}.",
            warning,
        )

    def test_pooled_exposure_includes_pending_documents_of_all_members(self):
        self.usd_line.pooled = True
        self.company.customer_group_credit_include_pending = True
        self.invoice_for(self.second, 150.0, post=False)
        outstanding, _overdue = self.third._get_credit_exposure(
            self.company, self.usd, self.rule(self.third)
        )
        self.assertEqual(outstanding, 1050.0)

    def test_pooled_overdue_adds_up_the_members(self):
        self.usd_line.pooled = True
        self.invoice_for(self.customer, 300.0, days_ago=45)
        self.invoice_for(self.second, 300.0, days_ago=45)
        self.assertIn("overdue amount", self.customer.customer_credit_warning)

    def test_own_limit_of_a_member_is_not_pooled(self):
        self.usd_line.pooled = True
        self.group.allow_edit_credit_limit = True
        self.second.customer_credit_limit_ids = [
            Command.create({"currency_id": self.usd.id, "credit_limit": 400.0})
        ]
        self.assertFalse(self.rule(self.second).pooled)
        self.assertEqual(self.new_invoice_warning(self.second, 50.0), "")
        with self.assert_refused_by_database():
            self.second.customer_credit_limit_ids.pooled = True
            self.second.customer_credit_limit_ids.flush_recordset()
