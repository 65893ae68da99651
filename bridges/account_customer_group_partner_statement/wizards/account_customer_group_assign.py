from odoo import api, models

from odoo.addons.account_customer_group.wizards.account_customer_group_assign import (
    option_field,
)

from ..models.res_partner import STATEMENT_AGING


class AccountCustomerGroupAssign(models.TransientModel):
    _inherit = "account.customer.group.assign"

    apply_statement_aging = option_field(STATEMENT_AGING)

    @api.depends("apply_statement_aging")
    def _compute_line_ids(self):
        return super()._compute_line_ids()
