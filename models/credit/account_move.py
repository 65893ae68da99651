from odoo import models
from odoo.exceptions import UserError

from .credit_warning import (
    add_customer_group_credit_warnings,
    first_blocked_by_credit_rules,
)


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    # Credit checks that count pending transactions sum a customer's drafts on every
    # document entered; drafts are few, posted documents many.
    _customer_draft_idx = models.Index("(commercial_partner_id) WHERE state = 'draft'")

    def _post(self, soft=True):
        self._check_customer_group_credit_block()
        return super()._post(soft=soft)

    def _customer_group_credit_warning(self):
        """The customer group's credit warning for this document, or ''."""
        self.ensure_one()
        if (
            self.state != "draft"
            or self.move_type not in self._get_customer_invoice_types()
            or not self.partner_id
        ):
            return ""
        # The totals the form shows follow every line as it is typed; the stored
        # amounts only follow the journal items, which a new invoice gets on save.
        amount = (self.tax_totals or {}).get("total_amount_currency", 0.0)
        return self.commercial_partner_id._get_credit_warning(
            self.company_id,
            self.currency_id,
            amount=amount,
            exclude_move=self._origin,
        )

    # A compute method returns nothing; pylint-odoo expects super()'s result to be
    # passed on.
    def _compute_partner_credit_warning(self):  # pylint: disable=missing-return
        # Same banner as Odoo's own credit limit: the group's rules add lines to it.
        super()._compute_partner_credit_warning()
        add_customer_group_credit_warnings(self)

    def _check_customer_group_credit_block(self):
        """Where the company blocks instead of warning, only accountants may post
        past a limit."""
        move, warning = first_blocked_by_credit_rules(self)
        if move:
            raise UserError(
                self.env._(
                    "%(move)s cannot be posted: its customer is over its credit "
                    "rules.\n%(warning)s\n"
                    "Ask an accountant to post it, or have the customer pay first.",
                    move=move.display_name,
                    warning=warning,
                )
            )
