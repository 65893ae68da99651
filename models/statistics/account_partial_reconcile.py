from odoo import models


class AccountPartialReconcile(models.Model):
    _inherit = "account.partial.reconcile"

    def unlink(self):
        # Unmatching a payment makes its invoice unpaid again: its days to pay go back.
        invoices = (self.debit_move_id | self.credit_move_id).move_id.filtered(
            lambda move: (
                move.customer_group_id and move.is_sale_document(include_receipts=True)
            )
        )
        statistics = self.env["account.customer.statistic"]
        statistics._apply_contributions(invoices, -1, documents=False)
        result = super().unlink()
        statistics._apply_contributions(invoices.exists(), 1, documents=False)
        return result
