from odoo import models
from odoo.exceptions import UserError

# The documents that raise what a customer owes: invoices, debit notes, receipts.
_CREDIT_INCREASING_TYPES = ("out_invoice", "out_receipt")


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        self._check_customer_group_active()
        self._check_customer_group_credit_block()
        return super()._post(soft=soft)

    def _check_customer_group_active(self):
        """Sage: no new transactions for the customers of an inactive group."""
        for move in self.filtered(lambda m: m.is_sale_document(include_receipts=True) and m.partner_id):
            group = move.commercial_partner_id.with_company(move.company_id).customer_group_id
            if group and not group.active:
                raise UserError(
                    self.env._(
                        "%(move)s cannot be posted: its customer %(partner)s belongs to the archived "
                        "customer group %(group)s. Move the customer to an active group, or restore "
                        "the group.",
                        move=move.display_name,
                        partner=move.commercial_partner_id.display_name,
                        group=group.display_name,
                    )
                )

    def _customer_group_credit_warning(self):
        """The customer group's credit warning for this document, or ''."""
        self.ensure_one()
        if self.state != "draft" or self.move_type not in _CREDIT_INCREASING_TYPES or not self.partner_id:
            return ""
        return self.commercial_partner_id._get_credit_warning(
            self.company_id,
            self.currency_id,
            amount=self.amount_total_in_currency_signed,
            exclude_move=self._origin,
        )

    # A compute method returns nothing; pylint-odoo expects super()'s result to be passed on.
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        # Same banner as Odoo's own credit limit: the group's rules add their lines to it.
        super()._compute_partner_credit_warning()
        for move in self:
            warning = move._customer_group_credit_warning()
            if warning:
                move.partner_credit_warning = "\n".join(filter(None, [move.partner_credit_warning, warning]))

    def _check_customer_group_credit_block(self):
        """Where the company blocks instead of warning, only accountants may post past a limit."""
        if self.env.su or self.env.user.has_group("account.group_account_user"):
            # Posting done by the system itself (automatic posting, online payments)
            # has no one to warn and must not stall.
            return
        for move in self.filtered(lambda m: m.company_id.customer_group_credit_block):
            warning = move._customer_group_credit_warning()
            if warning:
                raise UserError(
                    self.env._(
                        "%(move)s cannot be posted: its customer is over its credit rules.\n"
                        "%(warning)s\nAsk an accountant to post it, or have the customer pay first.",
                        move=move.display_name,
                        warning=warning,
                    )
                )
