from odoo import models
from odoo.tools import frozendict


class AccountMove(models.Model):
    _inherit = "account.move"  # pylint: disable=consider-merging-classes-inherited

    def _customer_account_set(self):
        """Account set of this document's customer in the document's company."""
        self.ensure_one()
        return self.commercial_partner_id.with_company(
            self.company_id
        ).customer_account_set_id

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
