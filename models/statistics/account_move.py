from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        self.env["account.customer.statistic"]._apply_contributions(posted, 1)
        return posted

    def button_draft(self):
        self.env["account.customer.statistic"]._apply_contributions(
            self.filtered(lambda move: move.state == "posted"), -1
        )
        return super().button_draft()
