from odoo import api, models
from odoo.tools import frozendict


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

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
