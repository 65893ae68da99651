from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    customer_interest_income_account_id = fields.Many2one(
        related="company_id.customer_interest_income_account_id", readonly=False
    )
