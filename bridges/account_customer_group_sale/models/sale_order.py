from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.account_customer_group.models.credit.credit_warning import (
    add_customer_group_credit_warnings,
    first_blocked_by_credit_rules,
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # The credit check on every quotation sums the customer's confirmed orders not
    # fully invoiced yet: those are few, the orders of past years many.
    _customer_open_idx = models.Index(
        "(partner_invoice_id) WHERE state = 'sale' "
        "AND invoice_status IS DISTINCT FROM 'invoiced'"
    )

    # A compute method returns nothing; pylint-odoo expects super()'s result to be
    # passed on.
    @api.depends("currency_id", "partner_invoice_id", "state")
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        # Same banner as Odoo's own credit limit: the group's rules add lines to it.
        super()._compute_partner_credit_warning()
        add_customer_group_credit_warnings(self)

    def _customer_group_credit_warning(self):
        """The customer group's credit warning for this quotation, or ''."""
        self.ensure_one()
        partner = (self.partner_invoice_id or self.partner_id).commercial_partner_id
        if self.state not in ("draft", "sent") or not partner:
            return ""
        # Credit rules are company policy: a salesperson is warned by rules and
        # groups they may not read.
        return partner.sudo()._get_credit_warning(
            self.company_id, self.currency_id, amount=self.amount_total
        )

    def action_confirm(self):
        self._check_customer_group_credit_block()
        return super().action_confirm()

    def _check_customer_group_credit_block(self):
        """Where the company blocks instead of warning, only accountants may
        confirm an order past a limit."""
        order, warning = first_blocked_by_credit_rules(self)
        if order:
            raise UserError(
                self.env._(
                    "%(order)s cannot be confirmed: its customer is over its "
                    "credit rules.\n%(warning)s\n"
                    "Ask an accountant to confirm it, or have the customer pay "
                    "first.",
                    order=order.display_name,
                    warning=warning,
                )
            )
