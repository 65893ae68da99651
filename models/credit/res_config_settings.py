from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    customer_group_credit_include_pending = fields.Boolean(
        related="company_id.customer_group_credit_include_pending", readonly=False
    )
    customer_group_credit_block = fields.Boolean(
        related="company_id.customer_group_credit_block", readonly=False
    )
