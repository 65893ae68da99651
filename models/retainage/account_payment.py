from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"  # pylint: disable=consider-merging-classes-inherited

    def _seek_for_lines(self):
        liquidity, counterpart, writeoff = super()._seek_for_lines()
        # The line paying an invoice's retained part is a receivable line but not
        # the payment's counterpart: like a write-off, it comes on top of it.
        retained = counterpart.filtered("customer_retainage")
        return liquidity, counterpart - retained, writeoff + retained
