from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

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
