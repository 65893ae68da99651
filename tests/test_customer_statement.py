import io
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from ..models.runs.statement_pdf import concatenate_pdfs
from ..report.ir_actions_report import draws_headers, split_marker_ids
from .common import CustomerGroupCommon, render_pdf_without_styles
from .common_runs import process_runs, statements_drawn_simply

REPORT = "account_customer_group.report_customer_statement"


@tagged("post_install", "-at_install")
class TestCustomerStatement(CustomerGroupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cycle = cls.env["account.customer.billing.cycle"].create(
            {"code": "STMT", "name": "Statements", "frequency": "monthly"}
        )
        cls.group = cls.create_group(
            "STMT", billing_cycle_id=cls.cycle.id, print_statements=True
        )
        cls.open_item = cls.create_member("Open Item Customer", cls.group, "open_item")
        cls.balance_forward = cls.create_member(
            "Balance Forward Customer", cls.group, "balance_forward"
        )
        # Open item: 1000 due 31 January, 200 of it paid; 500 due 19 June.
        first = cls.posted_invoice(cls.open_item, 1000.0, "2026-01-01", "2026-01-31")
        cls._register_payment(first, amount=200.0, payment_date="2026-02-15")
        cls.posted_invoice(cls.open_item, 500.0, "2026-05-20", "2026-06-19")
        # Balance forward: 1000 on 10 March less 300 paid in April = 700 brought forward
        # to May; in May, 400 invoiced and 100 paid.
        march = cls.posted_invoice(
            cls.balance_forward, 1000.0, "2026-03-10", "2026-03-10"
        )
        cls._register_payment(march, amount=300.0, payment_date="2026-04-05")
        may = cls.posted_invoice(cls.balance_forward, 400.0, "2026-05-10", "2026-05-10")
        cls._register_payment(may, amount=100.0, payment_date="2026-05-20")
        cls.data = {
            "statement_date": "2026-05-31",
            "date_from": "2026-05-01",
            "company_id": cls.company.id,
        }

    @classmethod
    def posted_invoice(cls, partner, amount, invoice_date, due):
        return cls.invoice(
            partner,
            amount,
            date=invoice_date,
            invoice_date_due=due,
            invoice_payment_term_id=False,
        )

    def statement(self, partner):
        values = self.env[f"report.{REPORT}"]._get_report_values(partner.ids, self.data)
        return values["statements"][partner.id]

    def html(self, partners):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT, partners.ids, data=self.data
        )
        return html.decode()

    def test_open_item_statement_lists_open_documents_with_age_and_aging(self):
        statement = self.statement(self.open_item)
        self.assertEqual(
            [(line["balance"], line["age"]) for line in statement["open_items"]],
            [(800.0, 120), (500.0, 0)],
        )
        self.assertEqual(statement["total_due"], 1300.0)
        self.assertEqual(
            statement["aging"],
            {
                "current": 500.0,
                "1_30": 0.0,
                "31_60": 0.0,
                "61_90": 0.0,
                "over_90": 800.0,
            },
        )
        html = self.html(self.open_item)
        # The company letterhead (web.external_layout) around the customer's address.
        self.assertIn(f"o_company_{self.company.id}_layout", html)
        self.assertIn("Open Item Customer", html)
        self.assertIn("1,300.00", html)
        self.assertIn("800.00", html)
        self.assertNotIn("Balance brought forward", html)

    def test_balance_forward_statement_starts_from_the_balance_brought_forward(self):
        statement = self.statement(self.balance_forward)
        self.assertEqual(statement["balance_forward"], 700.0)
        self.assertEqual(
            [
                (line["debit"], line["credit"], line["balance"])
                for line in statement["period_lines"]
            ],
            [(400.0, 0.0, 1100.0), (0.0, 100.0, 1000.0)],
        )
        self.assertEqual(statement["closing_balance"], 1000.0)
        # Open on 31 May: 700 due 10 March (82 days) and 300 due 10 May (21 days).
        self.assertEqual(statement["aging"]["61_90"], 700.0)
        self.assertEqual(statement["aging"]["1_30"], 300.0)
        html = self.html(self.balance_forward)
        self.assertIn("Balance brought forward", html)
        self.assertIn("700.00", html)
        self.assertIn("1,100.00", html)
        self.assertIn("1,000.00", html)

    def test_statement_in_the_group_currency(self):
        eur = self.setup_other_currency("EUR", rates=[("2025-01-01", 2.0)])
        self.group.currency_id = eur
        # Company-currency documents are converted at the statement date:
        # 1300 USD = 2600 EUR.
        self.assertEqual(self.statement(self.open_item)["total_due"], 2600.0)
        self.assertIn("2,600.00", self.html(self.open_item))

    def test_statement_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.open_item.lang = "fr_FR"
        html = self.html(self.open_item)
        # French number formatting: thousands separated by a (narrow) space, decimal
        # comma.
        self.assertRegex(html, r"1\W300,00")

    @mute_logger("odoo.addons.base.models.ir_actions_report")
    def test_pdf_renders_when_wkhtmltopdf_is_present(self):
        report = render_pdf_without_styles(self)
        # An unpatched wkhtmltopdf renders one document at a time.
        for partner in self.open_item | self.balance_forward:
            pdf, kind = report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf(REPORT, partner.ids, data=self.data)
            self.assertEqual(kind, "pdf")
            self.assertTrue(pdf.startswith(b"%PDF"))

    @mute_logger("odoo.addons.base.models.ir_actions_report")
    def test_statements_rendered_together_are_split_per_customer(self):
        report = render_pdf_without_styles(self).with_context(
            force_report_rendering=True
        )
        long_customer = self.create_member(
            "Long Statement Customer", self.group, "open_item"
        )
        self.posted_invoice(long_customer, 100.0, "2026-05-01", "2026-05-31")
        statements = type(self.env[f"report.{REPORT}"])
        get_statement = statements._get_statement

        def long_statement(model, partner, *args):
            # Enough lines for the statement to run over two pages at least.
            statement = get_statement(model, partner, *args)
            if partner == long_customer:
                statement["open_items"] *= 80
            return statement

        partners = self.open_item | long_customer | self.balance_forward
        with (
            patch.object(statements, "_get_statement", long_statement),
            patch.object(
                type(report),
                "_run_wkhtmltopdf",
                autospec=True,
                side_effect=type(report)._run_wkhtmltopdf,
            ) as runs,
        ):
            pdfs = report._render_customer_statements(partners, self.data)
            if not draws_headers():
                # Debian's wkhtmltopdf, as Odoo's patched build, in one run.
                self.assertEqual(runs.call_count, 1)
            alone = {
                partner.id: report._render_qweb_pdf(
                    REPORT, partner.ids, data=self.data
                )[0]
                for partner in partners
            }
        self.assertEqual(list(pdfs), partners.ids)
        for partner in partners:
            reader = PdfFileReader(io.BytesIO(pdfs[partner.id]))
            text = " ".join(
                " ".join(page.extract_text().split()) for page in reader.pages
            )
            self.assertEqual(text.count("Statement of Account"), 1)
            self.assertIn(partner.name, text)
            for other in partners - partner:
                self.assertNotIn(other.name, text)
            # Whole: as many pages as the customer's statement rendered alone.
            self.assertEqual(
                len(reader.pages),
                len(PdfFileReader(io.BytesIO(alone[partner.id])).pages),
            )
            self.assertFalse(
                [marker for page in reader.pages for marker in split_marker_ids(page)]
            )
        self.assertGreaterEqual(
            len(PdfFileReader(io.BytesIO(pdfs[long_customer.id])).pages), 2
        )
        # A run's PDF keeps the fonts the statements share once.
        merged = concatenate_pdfs(list(pdfs.values()))
        self.assertEqual(
            len(PdfFileReader(io.BytesIO(merged)).pages),
            sum(len(PdfFileReader(io.BytesIO(pdf)).pages) for pdf in pdfs.values()),
        )
        largest = max(len(pdf) for pdf in pdfs.values())
        self.assertLess(len(merged), largest + 20_000 * len(pdfs))
        self.assertLess(len(merged), sum(len(pdf) for pdf in pdfs.values()) / 2)

    @mute_logger("odoo.addons.base.models.ir_actions_report")
    def test_statements_not_split_safely_are_rendered_one_per_run(self):
        report = render_pdf_without_styles(self).with_context(
            force_report_rendering=True
        )
        if draws_headers():
            self.skipTest("Odoo's patched wkhtmltopdf splits the statements itself")
        partners = self.open_item | self.balance_forward
        with (
            patch(
                "odoo.addons.account_customer_group.report.ir_actions_report."
                "split_statements",
                return_value=(None, "markers missing"),
            ),
            self.assertLogs(
                "odoo.addons.account_customer_group.report.ir_actions_report",
                "WARNING",
            ) as logs,
        ):
            pdfs = report._render_customer_statements(partners, self.data)
        self.assertIn("markers missing", logs.output[0])
        for partner in partners:
            reader = PdfFileReader(io.BytesIO(pdfs[partner.id]))
            text = " ".join(reader.pages[0].extract_text().split())
            self.assertIn(partner.name, text)

    def test_print_statements_for_a_cycle_updates_its_last_run(self):
        other = self.env["res.partner"].create(
            {
                "name": "No Statements",
                "customer_group_id": self.group.id,
                "customer_print_statements": False,
            }
        )
        # Without the logo check, which sends an admin to set up the document layout
        # first.
        wizard = (
            self.env["account.customer.statement.wizard"]
            .with_context(discard_logo_check=True)
            .create({"billing_cycle_id": self.cycle.id, "statement_date": "2026-05-31"})
        )
        self.assertRecordValues(
            wizard,
            [{"date_from": fields.Date.to_date("2026-05-01"), "partner_count": 2}],
        )
        run = self.started_run(wizard)
        self.assertNotIn(other, run.line_ids.partner_id)
        self.assertEqual(run.date_from, fields.Date.to_date("2026-05-01"))
        self.assertEqual(self.cycle.last_run_date, fields.Date.to_date("2026-05-31"))
        # The next run's period starts the day after.
        next_run = self.env["account.customer.statement.wizard"].create(
            {"billing_cycle_id": self.cycle.id, "statement_date": "2026-06-30"}
        )
        self.assertEqual(next_run.date_from, fields.Date.to_date("2026-06-01"))

    def test_print_statements_for_a_group_from_its_action_menu(self):
        wizard = (
            self.env["account.customer.statement.wizard"]
            .with_context(
                active_model="account.customer.group", active_ids=self.group.ids
            )
            .create({"statement_date": "2026-05-31"})
        )
        self.assertEqual(wizard.customer_group_ids, self.group)
        self.assertEqual(
            wizard._statement_partners(), self.balance_forward | self.open_item
        )

    def test_print_statements_explains_empty_runs(self):
        empty_group = self.create_group("EMPTY")
        wizard = self.env["account.customer.statement.wizard"].create(
            {"customer_group_ids": [empty_group.id], "statement_date": "2026-05-31"}
        )
        with self.assertRaisesRegex(UserError, "Print Statements"):
            wizard.action_print()
        wizard = self.env["account.customer.statement.wizard"].create(
            {"statement_date": "2026-05-31"}
        )
        with self.assertRaisesRegex(
            UserError, "billing cycle or at least one customer group"
        ):
            wizard.action_print()

    def run_wizard(self, **vals):
        # Without the logo check, which sends an admin to set up the document layout
        # first.
        return (
            self.env["account.customer.statement.wizard"]
            .with_context(discard_logo_check=True)
            .create(
                {
                    "customer_group_ids": [self.group.id],
                    "statement_date": "2026-05-31",
                    **vals,
                }
            )
        )

    def started_run(self, wizard):
        """The run the wizard's button starts, whose form it opens."""
        action = wizard.action_print()
        self.assertEqual(action["res_model"], "account.customer.statement.run")
        run = self.env["account.customer.statement.run"].browse(action["res_id"])
        self.assertEqual(run.state, "running")
        return run

    def processed_run(self, wizard):
        run = self.started_run(wizard)
        with statements_drawn_simply():
            process_runs(self.env)
        self.assertEqual(run.state, "done")
        return run

    def add_contact(self, partner, **vals):
        return self.env["res.partner"].create(
            {"name": f"Contact of {partner.name}", "parent_id": partner.id, **vals}
        )

    def test_statement_run_counts_and_prints_customers_not_their_contacts(self):
        self.add_contact(self.open_item)
        self.add_contact(self.balance_forward, type="invoice")
        wizard = self.run_wizard()
        self.assertEqual(wizard.partner_count, 2)
        self.assertEqual(self.group.member_count, 2)
        run = self.started_run(wizard)
        process_runs(self.env, batches=1)
        self.assertEqual(run.line_ids.partner_id, self.open_item | self.balance_forward)
        # The report reached as the web client does, the customers in its data.
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            REPORT,
            None,
            data={**run._statement_data(), "partner_ids": run.line_ids.partner_id.ids},
        )
        html = html.decode()
        self.assertEqual(html.count("Statement of Account"), 2)
        self.assertIn("Open Item Customer", html)
        self.assertIn("Balance Forward Customer", html)
        self.assertNotIn("Contact of", html)
        self.assertIn(self.company.name, html)

    @mute_logger("odoo.addons.base.models.ir_actions_report")
    def test_statement_run_pdf_has_one_statement_per_customer_with_the_sender(self):
        report = render_pdf_without_styles(self)
        self.company.partner_id.write({"street": "1 Sender Street", "city": "Ghent"})
        run = self.started_run(self.run_wizard())
        # Several customers at once, even on a wkhtmltopdf with unpatched Qt.
        process_runs(report.with_context(force_report_rendering=True).env)
        self.assertEqual(run.printed_count, 2)
        reader = PdfFileReader(io.BytesIO(run.attachment_id.raw))
        # The extracted text separates words with tabs and line breaks.
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        text = "\n".join(pages)
        self.assertIn("Open Item Customer", text)
        self.assertIn("Balance Forward Customer", text)
        statements = [page for page in pages if "Statement of Account" in page]
        self.assertEqual(len(statements), 2)
        for page in statements:
            # Drawn by the page header where wkhtmltopdf can, else in the body.
            self.assertIn(self.company.name, page)
            self.assertIn("1 Sender Street", page)

    def statement_mails(self, partner):
        """The statement emails posted on a customer's chatter."""
        return partner.message_ids.filtered(
            lambda m: m.message_type == "comment" and m.attachment_ids
        )

    def test_statement_run_emails_customers_with_an_address_and_prints_the_rest(self):
        accounts = self.add_contact(
            self.open_item, type="invoice", email="accounts@open-item.example.com"
        )
        self.open_item.email = "sales@open-item.example.com"
        self.balance_forward.email = False
        wizard = self.run_wizard(send_by_email=True)
        self.assertEqual((wizard.partner_count, wizard.email_count), (2, 1))
        run = self.processed_run(wizard)
        self.assertEqual(
            {line.partner_id: line.delivery for line in run.line_ids},
            {self.open_item: "email", self.balance_forward: "print"},
        )
        mail = self.statement_mails(self.open_item)
        self.assertEqual(len(mail), 1)
        self.assertIn("statement of account", mail.subject)
        # Emailed to the invoicing address, not to the company's own email.
        self.assertEqual(
            mail.notification_ids.filtered(
                lambda n: n.notification_type == "email"
            ).res_partner_id,
            accounts,
        )
        self.assertEqual(len(mail.attachment_ids), 1)
        self.assertRegex(mail.attachment_ids.name, r"^Statement - Open Item Customer")
        self.assertIn(b"Open Item Customer", mail.attachment_ids.raw)
        # Queued, for Odoo's mail queue to send.
        self.assertEqual(
            self.env["mail.mail"].search([("mail_message_id", "=", mail.id)]).state,
            "outgoing",
        )
        # The printed customer's chatter says it was printed.
        self.assertFalse(self.statement_mails(self.balance_forward))
        self.assertIn("Statement at", self.balance_forward.message_ids[:1].body)

    def test_statement_run_emails_everyone_and_says_so_when_none_is_left(self):
        self.open_item.email = "open@example.com"
        self.balance_forward.email = "forward@example.com"
        run = self.processed_run(self.run_wizard(send_by_email=True))
        self.assertFalse(run.attachment_id)
        self.assertIn(
            "2 statements emailed; 0 printed.",
            "".join(str(body) for body in run.message_ids.mapped("body")),
        )
        for partner in self.open_item | self.balance_forward:
            mail = self.statement_mails(partner)
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.notification_ids.res_partner_id, partner)
            self.assertEqual(len(mail.attachment_ids), 1)
            self.assertIn(partner.name.encode(), mail.attachment_ids.raw)

    def test_customers_with_nothing_open_and_no_activity_are_skipped(self):
        quiet = self.env["res.partner"].create(
            {"name": "Quiet Customer", "customer_group_id": self.group.id}
        )
        self.open_item.email = "open@example.com"
        wizard = self.run_wizard(send_by_email=True)
        self.assertRecordValues(
            wizard, [{"partner_count": 2, "skipped_count": 1, "email_count": 1}]
        )
        run = self.processed_run(wizard)
        self.assertRecordValues(
            run, [{"emailed_count": 1, "printed_count": 1, "skipped_count": 1}]
        )
        self.assertEqual(
            run.line_ids.filtered(lambda line: line.state == "skipped").partner_id,
            quiet,
        )
        self.assertFalse(quiet.message_ids.filtered(lambda m: "Statement" in m.body))
        wizard = self.run_wizard(skip_inactive=False)
        self.assertRecordValues(wizard, [{"partner_count": 3, "skipped_count": 0}])

    def test_a_run_with_nobody_to_state_says_why(self):
        quiet_group = self.create_group("QUIET", print_statements=True)
        self.env["res.partner"].create(
            {"name": "Quiet Customer", "customer_group_id": quiet_group.id}
        )
        wizard = self.run_wizard(customer_group_ids=[quiet_group.id])
        with self.assertRaisesRegex(UserError, "None of the 1 customers"):
            wizard.action_print()
