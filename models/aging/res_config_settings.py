from odoo import fields, models

from .res_company import AGING_PERIOD_FIELDS


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    locals().update(
        {
            name: fields.Integer(related=f"company_id.{name}", readonly=False)
            for name in AGING_PERIOD_FIELDS
        }
    )
