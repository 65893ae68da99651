from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import frozendict


class AccountMove(models.Model):
    _inherit = "account.move"

    def _customer_account_set(self):
        """Account set of this document's customer in the document's company."""
        self.ensure_one()
        return self.commercial_partner_id.with_company(
            self.company_id
        ).customer_account_set_id

    def _customer_set_currency(self):
        """Currency the customer's account set invoices in, for draft sale documents
        outside a currency journal; else an empty recordset."""
        self.ensure_one()
        if (
            self.state != "draft"
            or not self.is_sale_document(include_receipts=True)
            or self.journal_id.currency_id
            or self.statement_line_id
            or not self.partner_id
        ):
            return self.env["res.currency"]
        return self._customer_account_set().currency_id

    # Also on the customer: members' new invoices take their account set's currency.
    @api.depends("journal_id", "statement_line_id", "partner_id")
    def _compute_currency_id(self):  # pylint: disable=missing-return
        super()._compute_currency_id()
        for move in self:
            currency = move._customer_set_currency()
            if currency:
                move.currency_id = currency

    @api.depends(
        "state",
        "invoice_line_ids",
        "tax_lock_date_message",
        "auto_post",
        "auto_post_until",
        "is_being_sent",
        "partner_credit_warning",
        "abnormal_amount_warning",
        "abnormal_date_warning",
        "currency_id",
        "partner_id",
    )
    def _compute_alerts(self):  # pylint: disable=missing-return
        super()._compute_alerts()

    def _get_alerts(self):
        alerts = super()._get_alerts()
        currency = self._customer_set_currency()
        if currency and currency != self.currency_id:
            alerts["account_customer_group_set_currency"] = {
                "level": "warning",
                "message": self.env._(
                    "%(partner)s is invoiced in %(expected)s (account set %(set)s), "
                    "this invoice is in %(currency)s. Change the currency unless this "
                    "customer really pays this one in %(currency)s.",
                    partner=self.commercial_partner_id.display_name,
                    expected=currency.name,
                    set=self._customer_account_set().display_name,
                    currency=self.currency_id.name,
                ),
            }
        return alerts

    def _get_invoice_counterpart_amls_for_early_payment_discount_per_payment_term_line(
        self,
    ):
        # Both the register-payment wizard and the bank reconciliation build their
        # discount lines from here: the customer's account set decides the account.
        res = super()._get_invoice_counterpart_amls_for_early_payment_discount_per_payment_term_line()  # noqa: E501
        if not self.is_sale_document(include_receipts=True):
            return res
        discount_account = self._customer_account_set().discount_account_id
        if not discount_account:
            return res
        company = self.company_id
        company_accounts = {
            company.account_journal_early_pay_discount_loss_account_id.id,
            company.account_journal_early_pay_discount_gain_account_id.id,
        } - {False}
        for key in ("term_lines", "base_lines"):
            for term_line, lines in res[key].items():
                res[key][term_line] = {
                    (
                        frozendict({**grouping, "account_id": discount_account.id})
                        if grouping.get("account_id") in company_accounts
                        else grouping
                    ): vals
                    for grouping, vals in lines.items()
                }
        return res

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
