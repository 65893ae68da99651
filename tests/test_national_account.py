from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestNationalAccount(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.usd = cls.company.currency_id
        cls.hq_profile = cls.env["account.customer.interest.profile"].create(
            {
                "code": "HQ",
                "name": "Head office rate",
                "annual_rate": 12.0,
                "income_account_id": cls.company_data["default_account_revenue"].id,
            }
        )
        cls.checked = cls.create_group("CHK", check_credit_limit=True)
        cls.checked.credit_limit_ids.credit_limit = 100.0
        cls.head = cls.env["res.partner"].create(
            {
                "name": "Head Office",
                "is_company": True,
                "is_national_account": True,
                "customer_group_id": cls.checked.id,
                "customer_interest_profile_id": cls.hq_profile.id,
                "customer_account_type": "balance_forward",
                "customer_credit_limit_ids": [
                    Command.create({"currency_id": cls.usd.id, "credit_limit": 1000.0})
                ],
            }
        )
        cls.branch = cls.env["res.partner"].create(
            {
                "name": "Branch North",
                "customer_group_id": cls.group_dom.id,
                "national_account_id": cls.head.id,
            }
        )
        cls.branch_south = cls.env["res.partner"].create(
            {
                "name": "Branch South",
                "customer_group_id": cls.checked.id,
                "national_account_id": cls.head.id,
            }
        )

    def test_national_limit_cannot_be_below_a_member_limit(self):
        line = self.head.customer_credit_limit_ids
        with self.assertRaisesRegex(
            ValidationError, r"its member limits go up to \$\xa0100.00 \(\[CHK\]"
        ):
            line.credit_limit = 50.0
            line.flush_recordset()
        line.credit_limit = 100.0
        self.assertEqual(line.credit_limit, 100.0)

    def test_members_appear_on_the_national_account(self):
        self.assertEqual(
            self.head.national_account_member_ids, self.branch | self.branch_south
        )

    def test_members_use_the_national_account_interest_profile(self):
        self.assertEqual(self.branch.customer_interest_profile_id, self.interest_none)
        self.assertEqual(self.branch._get_interest_profile(), self.hq_profile)

    def test_members_take_the_national_account_type(self):
        self.assertEqual(self.branch.customer_account_type, "balance_forward")
        self.head.customer_account_type = "open_item"
        self.assertEqual(self.branch.customer_account_type, "open_item")

    def test_members_cannot_change_their_account_type(self):
        with self.assertRaisesRegex(
            UserError,
            "belongs to the national account Head Office and cannot change its account "
            "type",
        ):
            self.branch.write({"customer_account_type": "open_item"})
        self.assertEqual(self.branch.customer_account_type, "balance_forward")

    def test_changing_group_keeps_the_national_account_and_its_type(self):
        self.branch.customer_group_id = self.group_eur
        self.assertRecordValues(
            self.branch,
            [
                {
                    "national_account_id": self.head.id,
                    "customer_account_type": "balance_forward",
                }
            ],
        )
        self.assertIn(self.branch, self.head.national_account_member_ids)

    def test_the_national_account_limit_wins_over_the_group(self):
        self.assertEqual(
            self.branch_south._get_credit_rules()[self.usd].credit_limit, 1000.0
        )
        self.assertEqual(self.branch._get_credit_rules()[self.usd].credit_limit, 1000.0)
        self.assertTrue(self.branch._get_credit_rules()[self.usd].check_credit_limit)
        outsider = self.env["res.partner"].create(
            {"name": "Outsider", "customer_group_id": self.checked.id}
        )
        self.assertEqual(outsider._get_credit_rules()[self.usd].credit_limit, 100.0)

    def test_the_exposure_is_the_sum_over_the_members(self):
        self.invoice(self.branch, 600.0)
        self.invoice(self.branch_south, 300.0)
        outstanding, _overdue = self.head._get_credit_exposure(
            self.company, self.usd, self.head._get_credit_rules()[self.usd]
        )
        self.assertAlmostEqual(outstanding, 900.0)
        self.assertFalse(
            self.branch._get_credit_warning(self.company, self.usd, amount=100.0)
        )
        warning = self.branch._get_credit_warning(self.company, self.usd, amount=200.0)
        self.assertIn("exceeds the limit", warning)
        self.assertIn("1,100.00", warning)

    def test_only_a_national_account_can_have_members(self):
        plain = self.env["res.partner"].create({"name": "Plain Co", "is_company": True})
        with self.assertRaisesRegex(
            ValidationError, "Plain Co, which is not a national account"
        ):
            self.branch.write({"national_account_id": plain.id})

    def test_a_national_account_cannot_belong_to_another(self):
        other = self.env["res.partner"].create(
            {"name": "Other HQ", "is_company": True, "is_national_account": True}
        )
        with self.assertRaisesRegex(ValidationError, "is a national account itself"):
            other.write({"national_account_id": self.head.id})

    def test_a_person_cannot_be_a_national_account(self):
        with self.assertRaisesRegex(ValidationError, "only a company can"):
            self.env["res.partner"].create(
                {"name": "Jane", "is_national_account": True}
            )

    def test_a_national_account_with_members_keeps_its_flag(self):
        with self.assertRaisesRegex(
            ValidationError, "while 2 customers are assigned to it"
        ):
            self.head.write({"is_national_account": False})
