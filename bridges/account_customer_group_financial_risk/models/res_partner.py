from odoo import api, models

from .hand_down import CREDIT_LIMIT, RISK_INCLUDE


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _customer_group_handed_down(self):
        return super()._customer_group_handed_down() + RISK_INCLUDE + (CREDIT_LIMIT,)
