from odoo import api, models

from odoo.addons.account_customer_group.rules.handed_down import MANY2ONE, HandedDown

CREDIT_POLICY = HandedDown(
    "credit_policy_id",
    "credit_policy_id",
    "Credit Control Policy",
    MANY2ONE,
    "credit_policy",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _customer_group_handed_down(self):
        return super()._customer_group_handed_down() + (CREDIT_POLICY,)
