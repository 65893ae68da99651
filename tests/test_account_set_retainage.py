from odoo import fields
from odoo.tests import tagged

from .common_account_set import AccountSetCommon


@tagged("post_install", "-at_install")
class TestAccountSetRetainage(AccountSetCommon):
    """The retained part of an invoice: split from what the payment terms make due,
    taken back by a credit note, changed on the invoice."""

    def test_retainage_split_from_what_is_due_under_the_terms(self):
        builder = self.retainage_member()
        self.assertRecordValues(
            builder,
            [{"customer_retainage_percent": 10.0, "customer_retainage_days": 90}],
        )
        invoice = self.post_invoice(1000.0, partner=builder)
        self.assertEqual(invoice.customer_retainage_percent, 10.0)
        self.assertRecordValues(
            invoice.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            ).sorted("date_maturity"),
            [
                {
                    "account_id": self.receivable.id,
                    "debit": 900.0,
                    "date_maturity": fields.Date.to_date("2026-01-15"),
                    "customer_retainage": False,
                },
                {
                    "account_id": self.retainage.id,
                    "debit": 100.0,
                    "date_maturity": fields.Date.to_date("2026-04-15"),
                    "customer_retainage": True,
                },
            ],
        )
        self.assertEntry(
            invoice,
            [
                (self.receivable, 900.0, 0.0),
                (self.retainage, 100.0, 0.0),
                (self.income, 0.0, 1000.0),
            ],
        )
        self.assertRecordValues(
            invoice,
            [
                {
                    "invoice_date_due": fields.Date.to_date("2026-01-15"),
                    "amount_residual": 1000.0,
                }
            ],
        )
        self.assertEqual(self.figures(self.group_set, "invoice"), (1000.0, 1, 0, 0))
        currency = self.company.currency_id
        outstanding, _overdue = builder._get_credit_exposure(
            self.company, currency, builder._get_credit_rules(self.company)[currency]
        )
        self.assertEqual(outstanding, 1000.0)

        report = "account_customer_group.report_customer_statement"
        data = {
            "statement_date": "2026-01-31",
            "date_from": "2026-01-01",
            "company_id": self.company.id,
        }
        statement = self.env[f"report.{report}"]._get_report_values(builder.ids, data)[
            "statements"
        ][builder.id]
        self.assertEqual(statement["aging"]["1_30"], 900.0)
        self.assertEqual(sum(statement["aging"].values()), 900.0)
        self.assertEqual(statement["retainage"], 100.0)
        self.assertEqual(statement["total_due"], 1000.0)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(report, builder.ids, data=data)[0]
            .decode()
        )
        self.assertIn("(retainage)", html)
        self.assertIn("Retainage", html)

    def test_credit_note_reversing_a_retained_invoice_takes_both_parts_back(self):
        builder = self.retainage_member()
        invoice = self.post_invoice(1000.0, partner=builder)
        refund = invoice._reverse_moves(
            [{"date": "2026-01-20", "invoice_date": "2026-01-20"}], cancel=True
        )
        self.assertEntry(
            refund,
            [
                (self.receivable, 0.0, 900.0),
                (self.retainage, 0.0, 100.0),
                (self.income, 1000.0, 0.0),
            ],
        )
        self.assertEqual(invoice.payment_state, "reversed")
        self.assertTrue(
            all(
                (invoice | refund)
                .line_ids.filtered("account_id.reconcile")
                .mapped("reconciled")
            )
        )

    def test_retainage_changed_on_the_invoice(self):
        builder = self.retainage_member()
        invoice = self._create_invoice_one_line(
            price_unit=1000.0,
            partner_id=builder,
            tax_ids=[],
            invoice_date="2026-01-15",
        )
        invoice.customer_retainage_percent = 5.0
        invoice.action_post()
        self.assertEqual(invoice.line_ids.filtered("customer_retainage").debit, 50.0)

    def test_no_retainage_without_a_retainage_account(self):
        self.group_set.write({"retainage_percent": 10.0, "retainage_days": 90})
        builder = self.env["res.partner"].create(
            {"name": "Builder", "customer_group_id": self.group_set.id}
        )
        invoice = self.post_invoice(1000.0, partner=builder)
        self.assertEntry(
            invoice, [(self.receivable, 1000.0, 0.0), (self.income, 0.0, 1000.0)]
        )
