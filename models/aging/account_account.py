from odoo import models


class AccountAccount(models.Model):
    _inherit = "account.account"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        if "account_type" not in vals:
            return super().write(vals)
        changed = self.filtered(
            lambda account: (
                (account.account_type == "asset_receivable")
                != (vals["account_type"] == "asset_receivable")
            )
        )
        result = super().write(vals)
        # Rare, and on items already posted: the aged receivables are rebuilt.
        if changed and self.env["account.move.line"].search_count(
            [("account_id", "in", changed.ids), ("parent_state", "=", "posted")],
            limit=1,
        ):
            self.env["account.customer.aging.movement"].sudo()._rebuild()
        return result
