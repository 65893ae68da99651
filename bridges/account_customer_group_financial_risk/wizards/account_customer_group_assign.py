from odoo import api, models

from odoo.addons.account_customer_group.wizards.account_customer_group_assign import (
    option_field,
)

from ..models.hand_down import CREDIT_LIMIT, RISK_INCLUDE


class AccountCustomerGroupAssign(models.TransientModel):
    _inherit = "account.customer.group.assign"

    apply_risk_include = option_field(RISK_INCLUDE)
    apply_risk_credit_limit = option_field((CREDIT_LIMIT,))

    @api.depends("apply_risk_include", "apply_risk_credit_limit")
    def _compute_line_ids(self):
        return super()._compute_line_ids()
