from odoo import models

# What decides whether a document's receivable items count, and under which group.
TRACKED_FIELDS = frozenset({"state", "customer_group_id", "date"})


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _receivable_lines(self):
        return self.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )

    def _post(self, soft=True):
        # Around the whole posting rather than its state's write: what it matches
        # once posted (reversals, exchange differences) is then read with the rest,
        # once everything is written.
        with self.env["account.customer.aging.movement"]._tracking(
            self._receivable_lines()
        ):
            return super()._post(soft=soft)

    def write(self, vals):
        if TRACKED_FIELDS.isdisjoint(vals):
            return super().write(vals)
        with self.env["account.customer.aging.movement"]._tracking(
            self._receivable_lines()
        ):
            return super().write(vals)
