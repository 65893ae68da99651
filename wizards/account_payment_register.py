from odoo import api, fields, models

from ..rules import retainage


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

    @api.model
    def _get_line_batch_key(self, line):
        key = super()._get_line_batch_key(line)
        # The retained part of an invoice is paid with the rest of it, by one
        # payment (one cheque, one bank line), not in a batch of its own account.
        if line.customer_retainage:
            due = line.move_id.line_ids.filtered(
                lambda term: (
                    term.display_type == "payment_term" and not term.customer_retainage
                )
            )
            key["account_id"] = due.account_id[:1].id or key["account_id"]
        return key

    def _create_payment_vals_from_wizard(self, batch_result):
        vals = super()._create_payment_vals_from_wizard(batch_result)
        vals["write_off_line_vals"] += self._retainage_payment_line_vals(
            batch_result["lines"]
        )
        return vals

    def _retainage_payment_line_vals(self, lines):
        """The payment's line on the retainage account: the share of the amount (and
        of a difference written off) left once what is due under the payment terms
        is paid, so that it is matched with the invoice's retained part."""
        retained = lines.filtered("customer_retainage")
        if not retained or self.payment_type != "inbound":
            return []
        currency = self.currency_id
        company = self.company_id

        def open_amount(part):
            if part.currency_id == currency:
                return sum(part.mapped("amount_residual_currency"))
            return company.currency_id._convert(
                sum(part.mapped("amount_residual")),
                currency,
                company,
                self.payment_date,
            )

        settled = self.amount
        if self.payment_difference_handling == "reconcile":
            settled += self.payment_difference
        share = currency.round(
            retainage.retained_share(
                settled, open_amount(lines - retained), open_amount(retained)
            )
        )
        if currency.is_zero(share):
            return []
        return [
            {
                "name": self.env._("Retainage"),
                "account_id": retained.account_id[:1].id,
                "partner_id": self.partner_id.id,
                "currency_id": currency.id,
                "amount_currency": -share,
                "balance": currency._convert(
                    -share, company.currency_id, company, self.payment_date
                ),
                "customer_retainage": True,
            }
        ]

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
