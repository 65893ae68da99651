from odoo import api, models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    @api.depends("journal_id", "partner_id", "partner_type", "payment_type")
    def _compute_destination_account_id(self):  # pylint: disable=missing-return
        super()._compute_destination_account_id()
        for payment in self:
            account = payment._customer_prepayment_account()
            if account:
                payment.destination_account_id = account

    def _customer_prepayment_account(self):
        """The prepayment liability account an advance of a member goes to: a receipt
        when the customer has nothing open to pay and its account set names one."""
        self.ensure_one()
        if (
            self.partner_type != "customer"
            or self.payment_type != "inbound"
            or not self.partner_id
        ):
            return self.env["account.account"]
        partner = self.partner_id.commercial_partner_id.with_company(self.company_id)
        account = partner.customer_account_set_id.prepayment_account_id
        if not account:
            return account
        has_open_items = self.env["account.move.line"].search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("partner_id", "child_of", partner.id),
                ("account_id", "=", partner.property_account_receivable_id.id),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("amount_residual", ">", 0),
            ],
            limit=1,
        )
        return self.env["account.account"] if has_open_items else account

    def _seek_for_lines(self):
        liquidity, counterpart, writeoff = super()._seek_for_lines()
        # The line paying an invoice's retained part is a receivable line but not
        # the payment's counterpart: like a write-off, it comes on top of it.
        retained = counterpart.filtered("customer_retainage")
        return liquidity, counterpart - retained, writeoff + retained

    def action_post(self):
        result = super().action_post()
        if not self.env.context.get("customer_group_skip_balance_forward"):
            self._apply_balance_forward()
        return result

    def _apply_balance_forward(self):
        """Apply what is left of the receipts of balance-forward customers to their
        open items, oldest due first; the last one may stay partly open.

        Open-item customers keep Odoo's behaviour: their receipts pay the documents
        chosen, the rest stays as an outstanding credit.
        """
        receipts = self.filtered(
            lambda pay: (
                pay.partner_type == "customer"
                and pay.payment_type == "inbound"
                and pay.partner_id
                and pay.move_id.state == "posted"
            )
        )
        for payment in receipts:
            partner = payment.partner_id.commercial_partner_id.with_company(
                payment.company_id
            )
            if partner.customer_account_type != "balance_forward":
                continue
            credit_lines = payment.move_id.line_ids.filtered(
                lambda line: (
                    line.account_type == "asset_receivable"
                    and not line.reconciled
                    and line.amount_residual < 0
                )
            )
            for credit_line in credit_lines:
                open_items = self.env["account.move.line"].search(
                    [
                        ("company_id", "=", payment.company_id.id),
                        ("partner_id", "child_of", partner.id),
                        ("account_id", "=", credit_line.account_id.id),
                        ("parent_state", "=", "posted"),
                        ("reconciled", "=", False),
                        ("amount_residual", ">", 0),
                    ],
                    order="date_maturity, date, id",
                )
                for item in open_items:
                    if credit_line.reconciled:
                        break
                    (credit_line + item).reconcile()
