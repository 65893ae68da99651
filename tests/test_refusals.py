from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import CustomerGroupCommon


@tagged("post_install", "-at_install")
class TestRefusals(CustomerGroupCommon):
    """What the addon refuses: users outside the company's accounting, and values of
    the wrong kind (as an integration sends them), with a message saying which."""

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

    def test_customer_fields_of_the_wrong_kind_are_refused(self):
        partners = self.env["res.partner"]
        for vals, message in (
            ({"customer_group_id": "Domestic"}, "Customer Group .* takes the id"),
            ({"customer_retainage_percent": "lots"}, "takes a number"),
            ({"customer_salesperson_ids": "Alice"}, "takes a list of commands"),
        ):
            with self.assertRaisesRegex(ValidationError, message):
                partners.create({"name": "Typed Wrong", **vals})
        self.assertFalse(partners.search([("name", "=", "Typed Wrong")]))

    def test_wizard_values_of_the_wrong_kind_are_refused(self):
        with self.assertRaisesRegex(ValidationError, "takes a date such as"):
            self.env["account.customer.interest.wizard"].create({"run_date": "soon"})
        with self.assertRaisesRegex(ValidationError, "takes the id of a record"):
            self.env["account.customer.statistic.adjustment"].create(
                {"group_id": "Domestic", "year": 2026, "period": 1}
            )

    def test_a_required_value_cleared_is_refused_before_the_database(self):
        with self.assertRaisesRegex(ValidationError, "takes a value: it is required"):
            self.group_dom.payment_term_id = False
        self.assertTrue(self.group_dom.payment_term_id)
