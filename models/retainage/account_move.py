from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import frozendict


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    customer_retainage_percent = fields.Float(
        string="Retainage (%)",
        digits=(5, 2),
        compute="_compute_customer_retainage",
        store=True,
        readonly=False,
        copy=True,
        help="Share of the invoice the customer withholds until the work is accepted: "
        "posted on its account set's retainage account, due after the retainage "
        "period, apart from what is due under the payment terms. From the customer.",
    )
    customer_retainage_days = fields.Integer(
        string="Retainage Period (days)",
        compute="_compute_customer_retainage",
        store=True,
        readonly=False,
        copy=True,
        help="Days after the invoice date the retained amount falls due.",
    )

    @api.depends("partner_id", "move_type", "reversed_entry_id")
    def _compute_customer_retainage(self):
        for move in self:
            if move.move_type not in ("out_invoice", "out_refund"):
                move.customer_retainage_percent = 0.0
                move.customer_retainage_days = 0
            elif move.state != "draft":
                # A posted invoice keeps what it was posted with.
                move.customer_retainage_percent = move.customer_retainage_percent
                move.customer_retainage_days = move.customer_retainage_days
            elif move.move_type == "out_refund":
                # A credit note reversing an invoice takes back its retained part
                # too, so that each can be matched with the other.
                move.customer_retainage_percent = (
                    move.reversed_entry_id.customer_retainage_percent
                )
                move.customer_retainage_days = (
                    move.reversed_entry_id.customer_retainage_days
                )
            else:
                partner = move.commercial_partner_id.with_company(move.company_id)
                move.customer_retainage_percent = partner.customer_retainage_percent
                move.customer_retainage_days = partner.customer_retainage_days

    def _customer_retainage_account(self):
        """The account the retained part goes to, when this invoice retains any."""
        self.ensure_one()
        if (
            self.move_type not in ("out_invoice", "out_refund")
            or not self.customer_retainage_percent
        ):
            return self.env["account.account"]
        return self._customer_account_set().retainage_account_id

    @api.depends(
        "invoice_payment_term_id",
        "invoice_date",
        "currency_id",
        "amount_total_in_currency_signed",
        "invoice_date_due",
        "customer_retainage_percent",
        "customer_retainage_days",
    )
    def _compute_needed_terms(self):  # pylint: disable=missing-return
        super()._compute_needed_terms()
        for invoice in self:
            account = invoice._customer_retainage_account()
            if not account or not invoice.needed_terms:
                continue
            kept = 1 - invoice.customer_retainage_percent / 100
            terms = {}
            total_balance = total_amount = kept_balance = kept_amount = 0.0
            for key, values in invoice.needed_terms.items():
                total_balance += values["balance"]
                total_amount += values["amount_currency"]
                balance = invoice.company_currency_id.round(values["balance"] * kept)
                amount = invoice.currency_id.round(values["amount_currency"] * kept)
                kept_balance += balance
                kept_amount += amount
                terms[key] = {**values, "balance": balance, "amount_currency": amount}
            start = (
                invoice.invoice_date
                or invoice.date
                or fields.Date.context_today(invoice)
            )
            terms[
                frozendict(
                    {
                        "move_id": invoice.id,
                        "date_maturity": start
                        + timedelta(days=invoice.customer_retainage_days),
                        "discount_date": False,
                        "account_id": account.id,
                        "customer_retainage": True,
                    }
                )
            ] = {
                "balance": total_balance - kept_balance,
                "amount_currency": total_amount - kept_amount,
                "discount_date": False,
                "discount_balance": 0.0,
                "discount_amount_currency": 0.0,
            }
            invoice.needed_terms = terms

    @api.depends("needed_terms")
    def _compute_invoice_date_due(self):  # pylint: disable=missing-return
        super()._compute_invoice_date_due()
        # The due date is the payment terms': the retained part comes later.
        for move in self.filtered("customer_retainage_percent"):
            dates = [
                key["date_maturity"]
                for key in (move.needed_terms or {})
                if key and not key.get("customer_retainage")
            ]
            if dates:
                move.invoice_date_due = max(dates)
