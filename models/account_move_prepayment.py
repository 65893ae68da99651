from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _customer_prepayment_lines(self):
        """The customer's advances still on its account set's prepayment account, for
        a posted member invoice with something left to pay."""
        self.ensure_one()
        lines = self.env["account.move.line"]
        if (
            self.state != "posted"
            or self.move_type not in ("out_invoice", "out_receipt")
            or self.payment_state not in ("not_paid", "partial")
        ):
            return lines
        account = self._customer_account_set().prepayment_account_id
        if not account:
            return lines
        return lines.search(
            [
                ("account_id", "=", account.id),
                ("company_id", "=", self.company_id.id),
                ("partner_id", "=", self.commercial_partner_id.id),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("balance", "<", 0.0),
            ],
            order="date, id",
        )

    # A compute method returns nothing; pylint-odoo expects super()'s result to be
    # passed on.
    def _compute_payments_widget_to_reconcile_info(self):  # pylint: disable=missing-return
        super()._compute_payments_widget_to_reconcile_info()
        # Advances sit on a liability account Odoo does not look at: offered like any
        # outstanding credit.
        for move in self:
            prepayments = move._customer_prepayment_lines()
            if not prepayments:
                continue
            widget = move.invoice_outstanding_credits_debits_widget or {
                "outstanding": True,
                "content": [],
                "move_id": move.id,
                "title": self.env._("Outstanding credits"),
            }
            for line in prepayments:
                amount = move._customer_prepayment_amount(line)
                if move.currency_id.is_zero(amount):
                    continue
                widget["content"].append(
                    {
                        "journal_name": line.ref or line.move_id.name,
                        "amount": amount,
                        "currency_id": move.currency_id.id,
                        "id": line.id,
                        "move_id": line.move_id.id,
                        "date": fields.Date.to_string(line.date),
                        "account_payment_id": line.payment_id.id,
                        "move_ref": line.ref or "",
                    }
                )
            if widget["content"]:
                move.invoice_outstanding_credits_debits_widget = widget

    def _customer_prepayment_amount(self, line):
        """What is left of an advance, in this invoice's currency."""
        if line.currency_id == self.currency_id:
            return abs(line.amount_residual_currency)
        return line.company_currency_id._convert(
            abs(line.amount_residual), self.currency_id, self.company_id, line.date
        )

    def js_assign_outstanding_line(self, line_id):
        line = self.env["account.move.line"].browse(line_id)
        if line not in self._customer_prepayment_lines():
            return super().js_assign_outstanding_line(line_id)
        return self._apply_customer_prepayment(line)

    def _apply_customer_prepayment(self, prepayment_line):
        """Move what the invoice still owes, at most the advance, from the prepayment
        liability to the receivable by an entry naming both, and match it on both
        sides."""
        self.ensure_one()
        receivables = self.line_ids.filtered(
            lambda line: (
                line.account_type == "asset_receivable"
                and not line.reconciled
                and line.amount_residual > 0
            )
        )
        if not receivables:
            raise UserError(
                self.env._("%s has nothing left to pay.", self.display_name)
            )
        journal = self.env["account.journal"].search(
            [
                *self.env["account.journal"]._check_company_domain(self.company_id),
                ("type", "=", "general"),
            ],
            limit=1,
        )
        if not journal:
            raise UserError(
                self.env._(
                    "Applying an advance needs a miscellaneous journal in %s: create "
                    "one in Accounting > Configuration > Journals.",
                    self.company_id.display_name,
                )
            )
        balance = min(
            -prepayment_line.amount_residual, sum(receivables.mapped("amount_residual"))
        )
        currency = prepayment_line.currency_id
        if currency == self.currency_id:
            amount_currency = min(
                -prepayment_line.amount_residual_currency,
                sum(receivables.mapped("amount_residual_currency")),
            )
        else:
            amount_currency = (
                balance
                if currency == self.company_currency_id
                else self.company_currency_id._convert(
                    balance, currency, self.company_id, prepayment_line.date
                )
            )
        label = self.env._(
            "Advance %(advance)s applied to %(invoice)s",
            advance=prepayment_line.move_id.name,
            invoice=self.name,
        )
        common = {
            "name": label,
            "partner_id": self.commercial_partner_id.id,
            "currency_id": currency.id,
        }
        transfer = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "date": max(prepayment_line.date, self.date),
                "ref": label,
                "line_ids": [
                    fields.Command.create(
                        {
                            **common,
                            "account_id": prepayment_line.account_id.id,
                            "balance": balance,
                            "amount_currency": amount_currency,
                        }
                    ),
                    fields.Command.create(
                        {
                            **common,
                            "account_id": receivables.account_id[:1].id,
                            "balance": -balance,
                            "amount_currency": -amount_currency,
                        }
                    ),
                ],
            }
        )
        transfer.action_post()
        (
            prepayment_line
            + transfer.line_ids.filtered(
                lambda line: line.account_id == prepayment_line.account_id
            )
        ).reconcile()
        return (
            receivables
            + transfer.line_ids.filtered(
                lambda line: line.account_id == receivables.account_id[:1]
            )
        ).reconcile()
