from odoo import models

# What decides whether a document's receivable items count, and under which group.
TRACKED_FIELDS = frozenset({"state", "customer_group_id", "date"})


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        if TRACKED_FIELDS.isdisjoint(vals):
            return super().write(vals)
        lines = self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        with self.env["account.customer.aging.movement"]._tracking(lines):
            return super().write(vals)
