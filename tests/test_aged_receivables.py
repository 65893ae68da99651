import base64
import io
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.sql_db import Cursor
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from ..rules import aging
from .common import render_pdf_without_styles
from .common_account_set import AccountSetCommon

REPORT = "account_customer_group.report_customer_aging"
# The statement's columns in the aged receivables' default periods: its last one
# holds the last two of the aged receivables.
STATEMENT_COLUMNS = {
    "current": "current",
    "period_1": "1_30",
    "period_2": "31_60",
    "period_3": "61_90",
    "period_4": "over_90",
    "older": "over_90",
}


@tagged("post_install", "-at_install")
class TestAgedReceivables(AccountSetCommon):
    """The receivables of one group at three dates, aged by hand.

    - Open item customer: 1,000.00 dated 1 January due 31 January, 400.00 of it paid
      on 15 March; a credit note of 300.00 of 10 February, unmatched; 600.00 EUR
      (300.00 at 2 EUR a dollar) dated 1 February due 3 March.
    - Builder (retainage 10 %, 90 days): 1,000.00 dated 15 January, 900.00 due at
      once and 100.00 retained, due 15 April.
    - Balance-forward customer: 500.00 on 5 January, 700.00 on 20 February (due at
      once), and a credit note of 600.00 on 1 March, unmatched: it pays the 500.00
      and 100.00 of the 700.00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.setup_other_currency("EUR")
        cls.retainage = cls.env["account.account"].create(
            {
                "code": "121900",
                "name": "Retainage receivable",
                "account_type": "asset_receivable",
            }
        )
        cls.member_set.retainage_account_id = cls.retainage
        cls.group = cls.group_set
        cls.open_item = cls.create_member("Open Item Co", cls.group, "open_item")
        cls.forward = cls.create_member("Forward Co", cls.group, "balance_forward")
        cls.group.write({"retainage_percent": 10.0, "retainage_days": 90})
        cls.builder = cls.create_member("Builder Co", cls.group, "open_item")

        first = cls.document(cls.open_item, 1000.0, "2026-01-01", "2026-01-31")
        cls.document(
            cls.open_item, 300.0, "2026-02-10", "2026-02-10", move_type="out_refund"
        )
        cls.document(
            cls.open_item,
            600.0,
            "2026-02-01",
            "2026-03-03",
            currency_id=cls.eur.id,
        )
        cls._register_payment(first, amount=400.0, payment_date="2026-03-15")
        cls.invoice(
            cls.builder,
            1000.0,
            date="2026-01-15",
            invoice_payment_term_id=cls.term_immediate.id,
        )
        for amount, date, move_type in (
            (500.0, "2026-01-05", "out_invoice"),
            (700.0, "2026-02-20", "out_invoice"),
            (600.0, "2026-03-01", "out_refund"),
        ):
            cls.invoice(
                cls.forward,
                amount,
                date=date,
                move_type=move_type,
                invoice_payment_term_id=cls.term_immediate.id,
            )

    @classmethod
    def document(cls, partner, amount, date, due, move_type="out_invoice", **vals):
        return cls.invoice(
            partner,
            amount,
            date=date,
            move_type=move_type,
            invoice_date_due=due,
            invoice_payment_term_id=False,
            **vals,
        )

    def rows(self, aging_date, basis="due", domain=None):
        # The rows of each aging date have the ids of the journal items.
        self.env["account.customer.aging.report"].invalidate_model()
        return (
            self.env["account.customer.aging.report"]
            .with_context(aging_date=aging_date, aging_basis=basis)
            .search([("customer_group_id", "=", self.group.id), *(domain or [])])
        )

    def by_bucket(self, rows):
        totals = {}
        for row in rows:
            totals[row.aging_bucket] = totals.get(row.aging_bucket, 0.0) + row.residual
        return {bucket: amount for bucket, amount in totals.items() if amount}

    def items(self, rows):
        return sorted(
            (row.partner_id.name, row.date_maturity.isoformat(), row.residual)
            for row in rows
        )

    def test_before_the_payment_and_the_credit_note(self):
        rows = self.rows("2026-02-28")
        self.assertEqual(
            self.by_bucket(rows),
            {
                "current": 300.0,
                "period_1": 1000.0 - 300.0 + 700.0,
                "period_2": 900.0 + 500.0,
                "retainage": 100.0,
            },
        )
        # Nothing the balance-forward customer owes is paid yet.
        self.assertEqual(
            self.items(rows.filtered(lambda row: row.partner_id == self.forward)),
            [("Forward Co", "2026-01-05", 500.0), ("Forward Co", "2026-02-20", 700.0)],
        )

    def test_after_the_partial_payment_and_the_credit_note(self):
        rows = self.rows("2026-03-31")
        self.assertEqual(
            self.by_bucket(rows),
            {
                "period_1": 300.0,
                "period_2": 600.0 - 300.0 + 600.0,
                "period_3": 900.0,
                "retainage": 100.0,
            },
        )
        self.assertEqual(
            self.items(rows),
            [
                ("Builder Co", "2026-01-15", 900.0),
                ("Builder Co", "2026-04-15", 100.0),
                # The credit note paid the oldest invoice and part of the next.
                ("Forward Co", "2026-02-20", 600.0),
                ("Open Item Co", "2026-01-31", 600.0),
                # An open-item customer's credit stays apart until matched.
                ("Open Item Co", "2026-02-10", -300.0),
                ("Open Item Co", "2026-03-03", 300.0),
            ],
        )
        self.assertEqual(sum(rows.mapped("residual")), 2200.0)

    def test_months_later_everything_is_old(self):
        rows = self.rows("2026-06-30")
        self.assertEqual(
            self.by_bucket(rows),
            {
                "period_4": 300.0,
                "older": 600.0 - 300.0 + 900.0 + 600.0,
                "retainage": 100.0,
            },
        )
        self.assertEqual(
            sorted(rows.mapped("days_overdue")), [76, 119, 130, 140, 150, 166]
        )

    def test_balance_forward_by_the_company_default(self):
        # A customer with no account type of its own takes the company's: its
        # credit note pays its oldest items as when the type is its own.
        self.env["ir.default"].set(
            "res.partner",
            "customer_account_type",
            "balance_forward",
            company_id=self.company.id,
        )
        # The ORM writes False as a value of the customer's own: no type of its own
        # is no key for the company.
        self.env.cr.execute(
            "UPDATE res_partner SET customer_account_type = customer_account_type - %s "
            "WHERE id = %s",
            [str(self.company.id), self.forward.id],
        )
        self.forward.invalidate_recordset(["customer_account_type"])
        self.assertEqual(self.forward.customer_account_type, "balance_forward")
        rows = self.rows("2026-03-31")
        self.assertEqual(
            self.items(rows.filtered(lambda row: row.partner_id == self.forward)),
            [("Forward Co", "2026-02-20", 600.0)],
        )
        self.assertEqual(sum(rows.mapped("residual")), 2200.0)

    def test_by_document_date(self):
        rows = self.rows("2026-03-31", basis="document")
        self.assertEqual(
            self.by_bucket(rows),
            {
                "period_2": -300.0 + 300.0 + 600.0,
                "period_3": 600.0 + 900.0,
                "retainage": 100.0,
            },
        )
        before = self.rows("2026-02-28", basis="document")
        self.assertEqual(
            self.by_bucket(before),
            {
                "period_1": -300.0 + 300.0 + 700.0,
                "period_2": 1000.0 + 900.0 + 500.0,
                "retainage": 100.0,
            },
        )

    def test_second_currency_and_retainage_columns(self):
        rows = self.rows("2026-03-31")
        euro = rows.filtered(lambda row: row.currency_id == self.eur)
        self.assertRecordValues(
            euro,
            [
                {
                    "residual": 300.0,
                    "residual_currency": 600.0,
                    "move_id": euro.move_line_id.move_id.id,
                    "customer_account_type": "open_item",
                    "aging_bucket": "period_1",
                    "days_overdue": 28,
                }
            ],
        )
        retained = rows.filtered(lambda row: row.aging_bucket == "retainage")
        self.assertEqual(retained.mapped("retainage"), [100.0])
        self.assertEqual(sum(rows.mapped("retainage")), 100.0)
        self.assertTrue(retained.move_line_id.customer_retainage)

    def test_today_by_default_and_the_current_group(self):
        report = self.env["account.customer.aging.report"]
        rows = report.search([("customer_group_id", "=", self.group.id)])
        self.assertEqual(sum(rows.mapped("residual")), 2200.0)
        self.assertEqual(rows.partner_group_id, self.group)
        self.assertEqual(
            set(rows.mapped("customer_account_type")), {"open_item", "balance_forward"}
        )
        # The customer moves on: its documents stay under the group they were
        # posted in, and its current group finds them.
        self.open_item.customer_group_id = self.group_dom
        rows = report.search([("partner_group_id", "=", self.group_dom.id)])
        self.assertEqual(rows.partner_id, self.open_item)
        self.assertEqual(rows.customer_group_id, self.group)

    def test_the_statement_ages_a_balance_forward_customer_alike(self):
        for date in ("2026-02-28", "2026-03-31", "2026-06-30"):
            statement = self.env[
                "report.account_customer_group.report_customer_statement"
            ]._get_report_values(
                self.forward.ids,
                {
                    "statement_date": date,
                    "date_from": date[:8] + "01",
                    "company_id": self.company.id,
                },
            )["statements"][self.forward.id]
            columns = dict.fromkeys(aging.AGING_BUCKETS, 0.0)
            for row in self.rows(date, domain=[("partner_id", "=", self.forward.id)]):
                columns[STATEMENT_COLUMNS[row.aging_bucket]] += row.residual
            with self.subTest(date=date):
                self.assertEqual(columns, statement["aging"])

    def test_balance_forward_netting_is_the_rule_s(self):
        """Credits before, between and after the debits, more credit than debit:
        each item is left with what ``net_oldest_first`` leaves it."""
        customer = self.create_member("Netting Co", self.group, "balance_forward")
        documents = [
            (150.0, "2026-01-02", "out_refund"),
            (100.0, "2026-01-10", "out_invoice"),
            (250.0, "2026-02-01", "out_refund"),
            (200.0, "2026-02-15", "out_invoice"),
            (300.0, "2026-03-01", "out_invoice"),
            (80.0, "2026-03-05", "out_refund"),
            (500.0, "2026-03-20", "out_refund"),
        ]
        for amount, date, move_type in documents:
            self.document(customer, amount, date, date, move_type=move_type)
        amounts = [
            -amount if move_type == "out_refund" else amount
            for amount, _date, move_type in documents
        ]
        # Posting a credit note may have matched it already: what each item has
        # open is read from the ledger, then netted by the rule.
        lines = self.env["account.move.line"].search(
            [
                ("partner_id", "=", customer.id),
                ("account_type", "=", "asset_receivable"),
                ("reconciled", "=", False),
            ]
        )
        lines = lines.sorted(lambda line: (line.date_maturity, line.date, line.id))
        expected = aging.net_oldest_first(lines.mapped("amount_residual"))
        self.assertEqual(sum(expected), sum(amounts))
        rows = self.rows("2026-12-31", domain=[("partner_id", "=", customer.id)])
        self.assertEqual(
            {row.move_line_id: row.residual for row in rows},
            {
                line: amount
                for line, amount in zip(lines, expected, strict=True)
                if amount
            },
        )

    def test_buckets_follow_the_company_periods_and_the_rule(self):
        self.company.write(
            {
                "customer_aging_period_1": 10,
                "customer_aging_period_2": 50,
                "customer_aging_period_3": 100,
                "customer_aging_period_4": 150,
            }
        )
        rows = self.rows("2026-06-30")
        periods = self.company._customer_aging_periods()
        for row in rows.filtered(lambda row: row.aging_bucket != "retainage"):
            self.assertEqual(
                row.aging_bucket, aging.aged_bucket(row.days_overdue, periods)
            )
        self.assertEqual(
            self.by_bucket(rows),
            {
                "period_4": 600.0 - 300.0 + 300.0 + 600.0,
                "older": 900.0,
                "retainage": 100.0,
            },
        )
        labels = dict(rows._fields["aging_bucket"]._description_selection(rows.env))
        self.assertEqual(labels["period_2"], "11-50 days")
        self.assertEqual(labels["older"], "Over 150 days")

    def test_periods_must_increase(self):
        with self.assertRaisesRegex(ValidationError, "increasing"):
            self.company.customer_aging_period_3 = 50

    def test_group_button_and_credit_limit_use(self):
        self.assertEqual(self.group.aged_receivable_amount, 2200.0)
        action = self.group.action_open_aged_receivables()
        self.assertEqual(
            self.env[action["res_model"]].search(action["domain"]), self.rows(False)
        )
        self.group.credit_limit_ids = [
            Command.clear(),
            Command.create({"currency_id": self.company.currency_id.id}),
            Command.create({"currency_id": self.eur.id}),
        ]
        dollars, euros = self.group.credit_limit_ids.sorted(
            lambda line: line.currency_id != self.company.currency_id
        )
        dollars.credit_limit = 5000.0
        euros.credit_limit = 1200.0
        # Open item customer 300.00, builder 1,000.00, balance forward 600.00 in
        # dollars; the nearest to the limit uses 20 % of it.
        self.assertRecordValues(
            dollars | euros,
            [
                {"outstanding": 1900.0, "limit_used": 20.0},
                {"outstanding": 600.0, "limit_used": 50.0},
            ],
        )
        dollars.pooled = True
        self.assertRecordValues(dollars, [{"limit_used": 38.0}])

    def test_group_form_reads_the_aged_receivables_once(self):
        self.group.credit_limit_ids = [
            Command.clear(),
            Command.create(
                {"currency_id": self.company.currency_id.id, "credit_limit": 5000.0}
            ),
            Command.create({"currency_id": self.eur.id, "credit_limit": 1200.0}),
        ]
        self.env.invalidate_all()
        execute = Cursor.execute
        aging_queries = []

        def counting(cr, query, params=None, log_exceptions=True):
            # The aged receivables' query reads its table query under its name.
            if 'AS "account_customer_aging_report"' in str(
                getattr(query, "code", query)
            ):
                aging_queries.append(query)
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", counting):
            form = Form(self.group)
        self.assertEqual(len(aging_queries), 1)
        self.assertEqual(form.aged_receivable_amount, 2200.0)
        shown = {}
        for index in range(len(form.credit_limit_ids)):
            with form.credit_limit_ids.edit(index) as line:
                shown[line.currency_id] = line.outstanding, line.limit_used
        self.assertEqual(
            shown,
            {self.company.currency_id: (1900.0, 20.0), self.eur: (600.0, 50.0)},
        )

    def test_search_filters(self):
        rows = self.rows("2026-03-31")
        overdue = self.rows(
            "2026-03-31",
            domain=[("days_overdue", ">", 0), ("aging_bucket", "!=", "retainage")],
        )
        self.assertEqual(len(overdue), len(rows) - 1)
        forward = self.rows(
            "2026-03-31", domain=[("customer_account_type", "=", "balance_forward")]
        )
        self.assertEqual(forward.partner_id, self.forward)

    def wizard(self, **vals):
        return self.env["account.customer.aging.wizard"].create(
            {"aging_date": "2026-03-31", **vals}
        )

    def test_wizard_opens_the_analysis_at_its_date(self):
        action = self.wizard(
            aging_basis="document", customer_group_ids=self.group.ids
        ).action_open_analysis()
        self.assertEqual(
            action["context"], {"aging_date": "2026-03-31", "aging_basis": "document"}
        )
        rows = (
            self.env[action["res_model"]]
            .with_context(**action["context"])
            .search(action["domain"])
        )
        self.assertEqual(rows, self.rows("2026-03-31", basis="document"))
        self.assertIn("03/31/2026", action["name"])

    def test_wizard_from_the_group_takes_it(self):
        wizard = Form(
            self.env["account.customer.aging.wizard"].with_context(
                active_model="account.customer.group", active_ids=self.group.ids
            )
        ).save()
        self.assertEqual(wizard.customer_group_ids, self.group)

    def test_pdf_has_the_summary_and_each_customer_items(self):
        wizard = self.wizard(customer_group_ids=self.group.ids)
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, wizard.ids
        )
        html = html.decode()
        for text in (
            "Aged Receivables at 03/31/2026 by due date",
            "Group SET",
            "Open Item Co",
            "Forward Co",
            "Builder Co",
            "61-90 days",
            "Retainage",
            "2,200.00",
        ):
            self.assertIn(text, html)

    def test_pdf_renders_when_wkhtmltopdf_is_present(self):
        report = render_pdf_without_styles(self)
        wizard = self.wizard(customer_group_ids=self.group.ids)
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(REPORT, wizard.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    def test_xlsx_export(self):
        wizard = self.wizard(customer_group_ids=self.group.ids)
        action = wizard.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(f"id={wizard.id}", action["url"])
        content = base64.b64decode(wizard.xlsx_file)
        self.assertTrue(content.startswith(b"PK"))
        self.assertTrue(wizard.xlsx_filename.endswith(".xlsx"))
        try:
            import openpyxl
        except ImportError:
            return
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["Summary", "Open Items"])
        summary = list(book["Summary"].values)
        header = summary[3]
        self.assertEqual(header[-1], "Total")
        group_row = next(row for row in summary if row[0] == self.group.display_name)
        self.assertEqual(group_row[-1], 2200.0)
        self.assertEqual(group_row[header.index("Retainage")], 100.0)
        items = [row for row in list(book["Open Items"].values)[4:] if row[0]]
        self.assertEqual(len(items), 6)
        self.assertEqual(sum(row[9] for row in items), 2200.0)
        self.assertEqual(
            [row[7:10] for row in items if row[7] == "EUR"], [("EUR", 600.0, 300.0)]
        )

    def test_aging_date_in_the_future_of_a_document_leaves_it_out(self):
        self.assertFalse(self.rows("2025-12-31"))
        self.assertEqual(
            self.rows(fields.Date.to_string(fields.Date.today())).ids,
            self.rows(False).ids,
        )

    def summary(self, aging_date, basis="due", live=False):
        """The pivot's read of the group x aging period summary: from the
        movements, or (``live``) from the items' rows."""
        report = self.env["account.customer.aging.report"].with_context(
            aging_date=aging_date, aging_basis=basis
        )
        if live:
            report = report.with_context(customer_aging_summary=False)
        return report.formatted_read_grouping_sets(
            [("company_id", "=", self.company.id)],
            [[], ["customer_group_id"], ["customer_group_id", "aging_bucket"]],
            ["residual:sum", "retainage:sum", "__count"],
        )

    def assertSummaryIsTheItems(self, dates=None):
        """The summary from the movements is the items' sum, on both bases, on
        each date an item or a reconciliation of the fixture falls (and the days
        around), and the movements are the ledger's."""
        for aging_date in dates or (
            "2025-12-31",
            "2026-01-01",
            "2026-01-05",
            "2026-01-15",
            "2026-01-31",
            "2026-02-10",
            "2026-02-20",
            "2026-02-28",
            "2026-03-01",
            "2026-03-14",
            "2026-03-15",
            "2026-03-31",
            "2026-06-30",
            fields.Date.to_string(fields.Date.today()),
        ):
            for basis in ("due", "document"):
                with self.subTest(aging_date=aging_date, basis=basis):
                    self.assertEqual(
                        self.summary(aging_date, basis),
                        self.summary(aging_date, basis, live=True),
                    )
        self.assertEqual(self.env["account.customer.aging.movement"]._drift(), [])

    def test_the_summary_adds_up_the_items_at_any_date(self):
        [[total], _groups, cells] = self.summary("2026-03-31")
        self.assertEqual(total["residual:sum"], 2200.0)
        self.assertEqual(total["retainage:sum"], 100.0)
        self.assertEqual(total["__count"], 6)
        self.assertEqual(
            {cell["aging_bucket"]: cell["residual:sum"] for cell in cells},
            {
                "period_1": 300.0,
                "period_2": 600.0 - 300.0 + 600.0,
                "period_3": 900.0,
                "retainage": 100.0,
            },
        )
        self.assertSummaryIsTheItems()

    def test_the_summary_follows_unmatching_and_resetting_to_draft(self):
        payment_lines = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.open_item.id),
                ("account_type", "=", "asset_receivable"),
                ("move_id.origin_payment_id", "!=", False),
            ]
        )
        payment_lines.remove_move_reconcile()
        invoice = self.env["account.move"].search(
            [("partner_id", "=", self.builder.id)], limit=1
        )
        invoice.button_draft()
        [[total], *_sets] = self.summary("2026-03-31")
        self.assertEqual(total["residual:sum"], 2200.0 + 400.0 - 400.0 - 1000.0)
        self.assertSummaryIsTheItems()
        invoice.action_post()
        self.assertSummaryIsTheItems(("2026-02-28", "2026-03-31"))

    def test_the_summary_follows_a_customer_joining_a_group(self):
        newcomer = self.create_member("Newcomer Co", self.group, "open_item")
        newcomer.customer_group_id = False
        self.document(newcomer, 250.0, "2026-02-01", "2026-03-01")
        self.assertSummaryIsTheItems(("2026-03-31",))
        newcomer.customer_group_id = self.group
        [[total], *_sets] = self.summary("2026-03-31")
        self.assertEqual(total["residual:sum"], 2200.0 + 250.0)
        self.assertSummaryIsTheItems(("2026-01-31", "2026-03-31"))

    def test_the_summary_after_compacting_and_rebuilding(self):
        movements = self.env["account.customer.aging.movement"]
        before = self.summary("2026-03-31")
        movements._compact()
        self.assertEqual(self.summary("2026-03-31"), before)
        self.assertEqual(movements._drift(), [])
        rows = movements.search_count([])
        movements._rebuild()
        self.assertEqual(movements.search_count([]), rows)
        self.assertEqual(self.summary("2026-03-31"), before)

    def test_the_summary_with_balance_forward_by_the_company_default(self):
        self.env["ir.default"].set(
            "res.partner",
            "customer_account_type",
            "balance_forward",
            company_id=self.company.id,
        )
        self.assertSummaryIsTheItems(("2026-02-28", "2026-03-31"))

    def test_the_summary_follows_a_due_date_or_an_account_changed(self):
        line = self.env["account.move.line"].search(
            [
                ("partner_id", "=", self.open_item.id),
                ("account_type", "=", "asset_receivable"),
                ("currency_id", "=", self.eur.id),
            ]
        )
        line.date_maturity = "2026-04-30"
        self.assertSummaryIsTheItems(("2026-03-31", "2026-05-31"))
        # An account that was no receivable becomes one: its items count from now.
        other = self.env["account.account"].create(
            {
                "code": "121950",
                "name": "Receivable kept apart",
                "account_type": "asset_current",
                "reconcile": True,
            }
        )
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "date": "2026-02-01",
                "line_ids": [
                    Command.create(
                        {
                            "account_id": other.id,
                            "partner_id": self.open_item.id,
                            "debit": 75.0,
                        }
                    ),
                    Command.create(
                        {
                            "account_id": self.company_data[
                                "default_account_revenue"
                            ].id,
                            "credit": 75.0,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        other.account_type = "asset_receivable"
        [[total], *_sets] = self.summary("2026-03-31")
        self.assertEqual(total["residual:sum"], 2200.0 + 75.0)
        self.assertSummaryIsTheItems(("2026-03-31",))
