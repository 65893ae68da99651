from odoo import fields, models

from odoo.addons.account_customer_group.models.group.account_customer_group import (
    inheritance_mode_field,
)

from .res_partner import AGING_TYPES, STATEMENT_AGING


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"

    statement_aging_type = fields.Selection(
        AGING_TYPES,
        string="Statement Aging Method",
        default="days",
        tracking=True,
        help="How OCA's statements of the group's customers age their open items: by "
        "days overdue or by months.",
    )
    statement_show_aging_buckets = fields.Boolean(
        string="Statement Aging Buckets",
        default=True,
        tracking=True,
        help="OCA's statements of the group's customers show the aging buckets.",
    )
    statement_aging_mode = inheritance_mode_field(STATEMENT_AGING)
