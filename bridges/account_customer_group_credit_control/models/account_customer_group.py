from odoo import fields, models

from odoo.addons.account_customer_group.models.group.account_customer_group import (
    inheritance_mode_field,
)

from .res_partner import CREDIT_POLICY


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"

    credit_policy_id = fields.Many2one(
        "credit.control.policy",
        string="Credit Control Policy",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="OCA's credit control policy the group's customers get: the reminders "
        "their overdue invoices go through.",
    )
    credit_policy_mode = inheritance_mode_field((CREDIT_POLICY,))
