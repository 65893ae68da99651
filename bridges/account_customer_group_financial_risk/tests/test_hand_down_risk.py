from odoo import Command
from odoo.tests import tagged

from odoo.addons.account_customer_group.tests.common_hand_down import (
    HandDownCases,
    HandDownCommon,
)


@tagged("post_install", "-at_install")
class TestHandDownRiskInclude(HandDownCases, HandDownCommon):
    customer_field = group_field = "risk_invoice_open_include"
    setting = "risk_include"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.value, cls.other = True, False


@tagged("post_install", "-at_install")
class TestHandDownRiskCreditLimit(HandDownCases, HandDownCommon):
    customer_field = "credit_limit"
    group_field = "risk_credit_limit"
    setting = "risk_credit_limit"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.value, cls.other = 5000.0, 800.0

    def set_group_value(self, group, value):
        # The source is the group's credit line in the company currency.
        line = group.credit_limit_ids.filtered(
            lambda line: line.currency_id == self.company.currency_id
        )
        command = (
            Command.update(line.id, {"credit_limit": value})
            if line
            else Command.create(
                {"currency_id": self.company.currency_id.id, "credit_limit": value}
            )
        )
        group.write({"credit_limit_ids": [command]})

    def test_a_line_in_another_currency_is_not_handed_down(self):
        group = self.hand_down_group("follow")
        partner = self.member(group)
        other_currency = self.setup_other_currency("EUR")
        group.write(
            {
                "credit_limit_ids": [
                    Command.create(
                        {"currency_id": other_currency.id, "credit_limit": 1.0}
                    )
                ]
            }
        )
        self.assertEqual(group.risk_credit_limit, 5000.0)
        self.assertEqual(partner.credit_limit, 5000.0)
