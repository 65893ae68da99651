from odoo import models

# What a posted receivable item's movements are made of.
TRACKED_FIELDS = frozenset(
    {
        "account_id",
        "amount_currency",
        "balance",
        "credit",
        "customer_retainage",
        "date",
        "date_maturity",
        "debit",
        "move_id",
    }
)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"  # pylint: disable=consider-merging-classes-inherited

    def write(self, vals):
        if TRACKED_FIELDS.isdisjoint(vals) or all(
            line.parent_state != "posted" for line in self
        ):
            return super().write(vals)
        with self.env["account.customer.aging.movement"]._tracking(self):
            return super().write(vals)
