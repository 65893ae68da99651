from odoo import models

from odoo.addons.account_customer_group_financial_risk.models.credit_warning import (
    banner_with_both_checks,
    risk_wizard_with_both_checks,
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # A compute method returns nothing; pylint-odoo expects super()'s result to be
    # passed on.
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        super()._compute_partner_credit_warning()
        for order in self:
            order.partner_credit_warning = banner_with_both_checks(
                order, order._financial_risk_message()
            )

    def _financial_risk_message(self):
        """OCA's risk message for this quotation, or ''."""
        self.ensure_one()
        partner = (self.partner_invoice_id or self.partner_id).commercial_partner_id
        if self.state not in ("draft", "sent") or not partner:
            return ""
        return self.evaluate_risk_message(partner)

    def action_confirm(self):
        # The group's block comes before OCA's window: its "Continue" must not lead
        # to a refusal by the other rule.
        self._check_customer_group_credit_block()
        return risk_wizard_with_both_checks(self.env, super().action_confirm())
