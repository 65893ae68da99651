from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _stamp_history(self, group, partner_ids):
        moves = super()._stamp_history(group, partner_ids)
        self.env["account.customer.aging.movement"].sudo()._regroup(moves)
        return moves
