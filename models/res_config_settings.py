from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_group_credit_include_pending = fields.Boolean(
        related="company_id.customer_group_credit_include_pending", readonly=False
    )
    customer_group_credit_block = fields.Boolean(
        related="company_id.customer_group_credit_block", readonly=False
    )
    customer_interest_income_account_id = fields.Many2one(
        related="company_id.customer_interest_income_account_id", readonly=False
    )
    customer_statistics_period_type = fields.Selection(
        related="company_id.customer_statistics_period_type",
        readonly=False,
        required=True,
    )
    customer_statistics_year_basis = fields.Selection(
        related="company_id.customer_statistics_year_basis",
        readonly=False,
        required=True,
    )
    customer_statistics_allow_edit = fields.Boolean(
        related="company_id.customer_statistics_allow_edit", readonly=False
    )
