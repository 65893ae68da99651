from odoo import api, models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        lines = self.env["account.move.line"].browse(
            {
                vals[side]
                for vals in vals_list
                for side in ("debit_move_id", "credit_move_id")
                if vals.get(side)
            }
        )
        with self.env["account.customer.aging.movement"]._tracking(lines):
            return super().create(vals_list)

    def unlink(self):
        with self.env["account.customer.aging.movement"]._tracking(
            self.debit_move_id | self.credit_move_id
        ):
            return super().unlink()
