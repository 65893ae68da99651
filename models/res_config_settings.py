from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_group_credit_include_pending = fields.Boolean(
        related="company_id.customer_group_credit_include_pending", readonly=False
    )
    customer_group_credit_block = fields.Boolean(
        related="company_id.customer_group_credit_block", readonly=False
    )
    statistics_period_type = fields.Selection(
        related="company_id.statistics_period_type", readonly=False, required=True
    )
    statistics_year_basis = fields.Selection(
        related="company_id.statistics_year_basis", readonly=False, required=True
    )
    allow_edit_statistics = fields.Boolean(
        related="company_id.allow_edit_statistics", readonly=False
    )
