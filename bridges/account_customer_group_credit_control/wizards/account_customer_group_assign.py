from odoo import api, models

from odoo.addons.account_customer_group.wizards.account_customer_group_assign import (
    option_field,
)

from ..models.res_partner import CREDIT_POLICY


class AccountCustomerGroupAssign(models.TransientModel):
    _inherit = "account.customer.group.assign"

    apply_credit_policy = option_field((CREDIT_POLICY,))

    @api.depends("apply_credit_policy")
    def _compute_line_ids(self):
        return super()._compute_line_ids()
