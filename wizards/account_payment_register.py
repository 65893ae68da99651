from odoo import api, fields, models


class AccountPaymentRegister(models.TransientModel):
    _inherit = "account.payment.register"

    writeoff_account_id = fields.Many2one(
        compute="_compute_writeoff_account_id", store=True, readonly=False
    )

    def _customer_account_set(self):
        """Account set of the one customer paid, or an empty one."""
        self.ensure_one()
        partner = self.line_ids.partner_id.commercial_partner_id
        if self.partner_type != "customer" or len(partner) != 1:
            return self.env["account.customer.account.set"]
        return partner.with_company(self.company_id).customer_account_set_id

    @api.depends("line_ids", "payment_difference_handling")
    def _compute_writeoff_account_id(self):
        for wizard in self:
            # A difference account the user chose stays.
            wizard.writeoff_account_id = (
                wizard.writeoff_account_id
                or wizard._customer_account_set().writeoff_account_id
            )

    def _post_payments(self, to_process, edit_mode=False):
        # The payments are matched with the documents chosen here once posted: no
        # balance-forward matching before that.
        return super(
            AccountPaymentRegister,
            self.with_context(customer_group_skip_balance_forward=True),
        )._post_payments(to_process, edit_mode=edit_mode)

    def _reconcile_payments(self, to_process, edit_mode=False):
        result = super()._reconcile_payments(to_process, edit_mode=edit_mode)
        payments = self.env["account.payment"].union(
            *(vals["payment"] for vals in to_process)
        )
        payments._apply_balance_forward()
        return result
