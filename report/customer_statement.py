from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..rules import aging as aging_rules
from .ir_actions_report import draws_headers


class ReportCustomerStatement(models.AbstractModel):
    _name = "report.account_customer_group.report_customer_statement"
    _description = "Customer Statement"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        statement_date = fields.Date.to_date(
            data.get("statement_date")
        ) or fields.Date.context_today(self)
        date_from = fields.Date.to_date(
            data.get("date_from")
        ) or statement_date.replace(day=1)
        if date_from > statement_date:
            raise UserError(
                self.env._(
                    "The statement period cannot start (%(start)s) after the statement "
                    "date (%(end)s).",
                    start=date_from,
                    end=statement_date,
                )
            )
        company = (
            self.env["res.company"].browse(data.get("company_id")) or self.env.company
        )
        # A statement run passes its customers in the data, the web client dropping
        # the record ids of a report action that has data.
        docids = docids or data.get("partner_ids") or []
        partners = self.env["res.partner"].browse(docids).with_company(company)
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": partners,
            "company": company,
            # Where the PDF cannot have a page header, the sender goes in the body.
            "sender_in_body": data.get("report_type") == "pdf" and not draws_headers(),
            "statements": {
                partner.id: self._get_statement(
                    partner, company, statement_date, date_from
                )
                for partner in partners
            },
            # Each statement prints in its customer's language, its aging too.
            "aging_columns": {
                lang: self.with_context(lang=lang)._aging_columns()
                for lang in {partner.lang or self.env.lang for partner in partners}
            },
        }

    @api.model
    def _aging_columns(self):
        labels = {
            "current": self.env._("Current"),
            "1_30": self.env._("1-30 days"),
            "31_60": self.env._("31-60 days"),
            "61_90": self.env._("61-90 days"),
            "over_90": self.env._("Over 90 days"),
        }
        return [(bucket, labels[bucket]) for bucket in aging_rules.AGING_BUCKETS]

    def _receivable_domain(self, partner, company):
        return self.env["account.move.line"]._customer_receivable_domain(
            company
        ) & Domain("partner_id", "=", partner.commercial_partner_id.id)

    def _reference(self, line):
        """The customer's reference of a document, when it tells more than its
        number."""
        reference = line.move_id.ref or line.move_id.invoice_origin or ""
        return "" if reference == line.move_id.name else reference

    def _get_statement(self, partner, company, statement_date, date_from):
        """Figures of one customer's statement, in the customer's currency."""
        partner = partner.commercial_partner_id.with_company(company)
        currency = partner._get_statement_currency()

        def amount_of(line_currency, amount_currency, balance):
            # In the company currency the ledger balance is exact whatever the
            # document's currency; otherwise a document in the statement currency keeps
            # its own amount and any other is converted at the statement date.
            if currency == company.currency_id:
                return balance
            if line_currency == currency:
                return amount_currency
            return company.currency_id._convert(
                balance, currency, company, statement_date
            )

        MoveLine = self.env["account.move.line"]
        base = self._receivable_domain(partner, company)
        # Oldest due first; an item without a due date is due on its date, or a
        # balance-forward customer's credits would pay newer items before it.
        open_lines = MoveLine.search(
            base
            & Domain(
                [
                    ("reconciled", "=", False),
                    ("amount_residual", "!=", 0),
                    ("date", "<=", statement_date),
                ]
            )
        ).sorted(lambda line: (line.date_maturity or line.date, line.date, line.id))
        account_type = partner.customer_account_type or "open_item"
        residuals = [
            amount_of(
                line.currency_id, line.amount_residual_currency, line.amount_residual
            )
            for line in open_lines
        ]
        # A balance-forward customer's unapplied credits pay its oldest items,
        # so they age nothing; an open-item customer's stay apart until matched.
        aged = (
            aging_rules.net_oldest_first(residuals)
            if account_type == "balance_forward"
            else residuals
        )
        aging = dict.fromkeys(aging_rules.AGING_BUCKETS, 0.0)
        retainage = 0.0
        open_items = []
        for line, residual, aged_residual in zip(
            open_lines, residuals, aged, strict=True
        ):
            due = line.date_maturity or line.date
            # Retainage is owed but held back until the work is accepted: shown
            # apart from the aging of what is due under the payment terms.
            if line.customer_retainage:
                retainage += aged_residual
            else:
                aging[aging_rules.aging_bucket(due, statement_date)] += aged_residual
            open_items.append(
                {
                    "date": line.date,
                    "document": line.move_id.name,
                    "reference": self._reference(line),
                    "due_date": due,
                    "age": max((statement_date - due).days, 0),
                    "amount": amount_of(
                        line.currency_id, line.amount_currency, line.balance
                    ),
                    "balance": residual,
                    "retainage": line.customer_retainage,
                }
            )
        aging = {bucket: currency.round(amount) for bucket, amount in aging.items()}
        retainage = currency.round(retainage)
        statement = {
            "partner": partner,
            "currency": currency,
            "account_type": account_type,
            "statement_date": statement_date,
            "date_from": date_from,
            "aging": aging,
            "open_items": open_items,
            "retainage": retainage,
            "total_due": currency.round(sum(aging.values()) + retainage),
        }
        if statement["account_type"] == "balance_forward":
            forward = 0.0
            for line_currency, amount_currency, balance in MoveLine._read_group(
                base & Domain("date", "<", date_from),
                ["currency_id"],
                ["amount_currency:sum", "balance:sum"],
            ):
                forward += amount_of(line_currency, amount_currency, balance)
            running = currency.round(forward)
            period_lines = []
            for line in MoveLine.search(
                base
                & Domain([("date", ">=", date_from), ("date", "<=", statement_date)]),
                order="date, id",
            ):
                amount = currency.round(
                    amount_of(line.currency_id, line.amount_currency, line.balance)
                )
                running += amount
                period_lines.append(
                    {
                        "date": line.date,
                        "document": line.move_id.name,
                        "reference": self._reference(line),
                        "due_date": line.date_maturity,
                        "debit": amount if amount > 0 else 0.0,
                        "credit": -amount if amount < 0 else 0.0,
                        "balance": running,
                    }
                )
            statement.update(
                balance_forward=currency.round(forward),
                period_lines=period_lines,
                closing_balance=currency.round(running),
            )
        return statement
