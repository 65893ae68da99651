from odoo import Command
from odoo.tests import tagged

from odoo.addons.account_customer_group.tests.common_hand_down import (
    HandDownCases,
    HandDownCommon,
)


@tagged("post_install", "-at_install")
class TestHandDownCreditPolicy(HandDownCases, HandDownCommon):
    customer_field = group_field = "credit_policy_id"
    setting = "credit_policy"

    @classmethod
    def get_default_groups(cls):
        # OCA's policies are its credit control managers' to create.
        return super().get_default_groups() | cls.quick_ref(
            "account_credit_control.group_account_credit_control_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # OCA's policy covers receivable accounts: the group's and the company's.
        accounts = cls.receivable | cls.group_dom.receivable_account_id
        cls.value, cls.other = cls.env["credit.control.policy"].create(
            [
                {"name": name, "account_ids": [Command.set(accounts.ids)]}
                for name in ("Group Reminders", "Own Reminders")
            ]
        )
