from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestRefusals(CustomerGroupCommon):
    """What the addon refuses to users outside the company's accounting."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="acg_portal",
            groups="base.group_portal",
            company_id=cls.company.id,
            company_ids=cls.company.ids,
        )

    def test_portal_user_cannot_read_its_credit_limits(self):
        partner = self.portal_user.partner_id
        partner.customer_group_id = self.group_dom
        with self.assertRaisesRegex(AccessError, "portal and public users"):
            partner.with_user(self.portal_user).get_effective_credit_limits()

    def test_a_credit_limit_that_is_no_number_is_refused(self):
        line = self.group_dom.credit_limit_ids[:1]
        with self.assertRaisesRegex(
            ValidationError, r"Credit Limit \(.*\) takes a number; got 'lots'\."
        ):
            line.credit_limit = "lots"
        self.assertEqual(line.credit_limit, 0.0)

    def test_a_code_that_is_no_text_is_refused(self):
        groups = self.env["account.customer.group"]
        for code in (["DOM2"], 42):
            with self.assertRaisesRegex(ValidationError, "The code must be text"):
                groups.create(
                    {
                        "code": code,
                        "name": "Wrong",
                        "payment_term_id": self.term_immediate.id,
                        "interest_profile_id": self.interest_none.id,
                    }
                )

    def test_a_long_code_is_quoted_short(self):
        with self.assertRaises(ValidationError) as refusal:
            self.group_dom.code = "X" * 10000
        message = str(refusal.exception)
        self.assertIn("has 10000 characters", message)
        self.assertLess(len(message), 200)

    def test_an_unknown_account_type_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, "takes one of open_item, balance_forward"
        ):
            self.group_dom.account_type = "monthly"
