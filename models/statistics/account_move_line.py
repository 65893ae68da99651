from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"  # pylint: disable=consider-merging-classes-inherited

    def _reconcile_pre_hook(self):
        data = super()._reconcile_pre_hook()
        # Days to pay depend on when an invoice becomes fully paid: take back what the
        # invoices matched here bring now, and add what they bring once matched.
        invoices = self.move_id.filtered(
            lambda move: (
                move.customer_group_id and move.is_sale_document(include_receipts=True)
            )
        )
        self.env["account.customer.statistic"]._apply_contributions(
            invoices, -1, documents=False
        )
        data["customer_statistic_invoices"] = invoices
        return data

    def _reconcile_post_hook(self, data):
        result = super()._reconcile_post_hook(data)
        self.env["account.customer.statistic"]._apply_contributions(
            data["customer_statistic_invoices"], 1, documents=False
        )
        return result
