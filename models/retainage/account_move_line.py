from odoo import api, fields, models
from odoo.tools import frozendict


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"  # pylint: disable=consider-merging-classes-inherited

    customer_retainage = fields.Boolean(
        string="Retainage",
        readonly=True,
        help="The retained part of an invoice, due after its retainage period.",
    )

    @api.depends("date_maturity", "customer_retainage", "account_id")
    def _compute_term_key(self):  # pylint: disable=missing-return
        super()._compute_term_key()
        for line in self.filtered(
            lambda line: line.customer_retainage and line.term_key
        ):
            line.term_key = frozendict(
                {
                    **line.term_key,
                    "account_id": line.account_id.id,
                    "customer_retainage": True,
                }
            )

    def _compute_account_id(self):  # pylint: disable=missing-return
        super()._compute_account_id()
        # Odoo gives a new installment the account of another one: never the
        # retainage account, which only the retained part uses.
        for line in self.filtered(
            lambda line: (
                line.display_type == "payment_term"
                and line.move_id.customer_retainage_percent
            )
        ):
            account = line.move_id._customer_retainage_account()
            if line.customer_retainage:
                line.account_id = account
            elif line.account_id == account:
                move = line.move_id.with_company(line.move_id.company_id)
                line.account_id = (
                    move.commercial_partner_id.property_account_receivable_id
                )
