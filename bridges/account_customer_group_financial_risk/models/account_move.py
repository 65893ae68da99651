from odoo import models

from .credit_warning import labelled_credit_warnings


class AccountMove(models.Model):
    _inherit = "account.move"

    # A compute method returns nothing; pylint-odoo expects super()'s result to be
    # passed on.
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        super()._compute_partner_credit_warning()
        for move in self:
            move.partner_credit_warning = labelled_credit_warnings(
                move, move._financial_risk_message()
            )

    def _financial_risk_message(self):
        """OCA's risk message for this draft customer invoice, or ''."""
        self.ensure_one()
        if (
            self.state != "draft"
            or self.move_type != "out_invoice"
            or not self.partner_id
        ):
            return ""
        return self.risk_exception_msg()

    def action_post(self):
        # The group's block comes before OCA's wizard: its "Continue" must not lead
        # to a refusal by the other rule.
        self._check_customer_group_credit_block()
        return super().action_post()

    def _first_invoice_exception_msg(self):
        invoice, message = super()._first_invoice_exception_msg()
        if invoice:
            message = labelled_credit_warnings(invoice, message)
        return invoice, message
