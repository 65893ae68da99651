import io

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfFileReader

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import render_pdf_without_styles
from .common_runs import process_runs


@tagged("post_install", "-at_install")
class TestCustomerGroupTour(AccountTestInvoicingHttpCommon):
    def test_accountant_creates_a_group_and_assigns_it(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True, "customer_rank": 1}
        )
        self.start_tour(
            "/odoo", "account_customer_group_tour", login=self.env.user.login
        )
        group = self.env["account.customer.group"].search(
            [("code", "=", "RET"), ("company_id", "=", self.env.company.id)]
        )
        self.assertEqual(group.name, "Retail")
        self.assertEqual(customer.customer_group_id, group)
        self.assertEqual(
            customer.property_payment_term_id,
            self.env.ref("account.account_payment_term_30days"),
        )
        self.assertEqual(customer.customer_interest_profile_id.code, "NONE")

    # The tour's empty run is refused on purpose: odoo.http logs the refusal.
    @mute_logger("odoo.addons.base.models.ir_actions_report", "odoo.http")
    def test_accountant_prints_the_statements_of_a_group(self):
        report = render_pdf_without_styles(self)
        # An administrator's first print otherwise opens the document layout set-up.
        self.env.company.external_report_layout_id = self.env.ref(
            "web.external_layout_standard"
        )
        dom = self.env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", self.env.company.id)]
        )
        group = dom.copy({"code": "TOURST", "name": "Tour Statements"})
        group.print_statements = True
        customers = self.env["res.partner"].create(
            [
                {"name": f"Tour Statement Customer {n}", "is_company": True}
                for n in (1, 2)
            ]
        )
        customers.customer_group_id = group
        customers.customer_print_statements = True
        # Customers with something to state: the run skips those without.
        for customer in customers:
            self._create_invoice_one_line(
                price_unit=100.0, partner_id=customer, post=True
            )
        self.env["res.partner"].create(
            [{"name": "Tour Contact", "parent_id": c.id} for c in customers]
        )
        self.start_tour(
            "/odoo", "account_customer_group_statement_tour", login=self.env.user.login
        )
        # The tour leaves the run started; its cron draws the PDF, the real one (tests
        # render reports as HTML unless told otherwise).
        run = self.env["account.customer.statement.run"].search(
            [("customer_group_ids", "in", group.ids)]
        )
        self.assertEqual(run.state, "running")
        process_runs(report.with_context(force_report_rendering=True).env)
        self.assertRecordValues(run, [{"state": "done", "printed_count": 2}])
        pdf = run.attachment_id.raw
        pages = [
            " ".join(page.extract_text().split())
            for page in PdfFileReader(io.BytesIO(pdf)).pages
        ]
        self.assertEqual(
            [p for p in pages if "Statement of Account" in p and "Tour Statement" in p],
            pages,
        )
        text = " ".join(pages)
        for customer in customers:
            self.assertIn(customer.name, text)
        self.assertNotIn("Tour Contact", text)

    def test_group_forms_as_an_accountant_meets_them(self):
        group = self.env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", self.env.company.id)]
        )
        group.write({"check_overdue": True, "overdue_days": 90})
        self.start_tour(
            f"/odoo/account.customer.group/{group.id}",
            "account_customer_group_forms_tour",
            login=self.env.user.login,
        )

    def test_charge_interest_leaves_the_run_date_calendar_shut(self):
        account = self.env["account.account"].create(
            {"code": "789100", "name": "Tour Interest", "account_type": "income_other"}
        )
        profile = self.env["account.customer.interest.profile"].create(
            {
                "code": "TOUR12",
                "name": "Tour 12%",
                "annual_rate": 12.0,
                "journal_id": self.company_data["default_journal_sale"].id,
                "income_account_id": account.id,
            }
        )
        customer = self.env["res.partner"].create(
            {
                "name": "Interest Tour Customer",
                "is_company": True,
                "customer_interest_profile_id": profile.id,
            }
        )
        self._create_invoice_one_line(
            price_unit=1000.0,
            partner_id=customer,
            tax_ids=[],
            invoice_date="2026-01-01",
            invoice_date_due="2026-01-31",
            post=True,
        )
        self.start_tour(
            "/odoo/action-account_customer_group.action_account_customer_interest_wizard",
            "account_customer_group_interest_tour",
            login=self.env.user.login,
        )

    def tour_group(self, code, name):
        """A copy of the default group DOM."""
        dom = self.env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", self.env.company.id)]
        )
        return dom.copy({"code": code, "name": name})

    def test_the_group_fields_and_the_contact_properties_apart(self):
        group = self.tour_group("TOURPR", "Tour Optional Fields")
        group.customer_properties_definition = [
            {
                "name": "acg_tour_po",
                "string": "Purchase Order Reference",
                "type": "char",
            }
        ]
        customer = self.env["res.partner"].create(
            {"name": "Tour Optional Customer", "is_company": True}
        )
        customer.customer_group_id = group
        self.start_tour(
            f"/odoo/res.partner/{customer.id}",
            "account_customer_group_properties_tour",
            login=self.env.user.login,
        )
        self.assertEqual(customer.customer_group_properties, {"acg_tour_po": "PO-4711"})
        self.assertEqual(
            [p["string"] for p in group.customer_properties_definition],
            ["Purchase Order Reference"],
        )
        # Edit Properties added the contacts' own property, once.
        self.assertEqual(
            [
                p["string"]
                for p in customer.properties_base_definition_id.properties_definition
            ],
            ["Tour Contact Property"],
        )

    def test_the_credit_banner_counts_the_invoice_being_typed(self):
        self.env.company.account_sale_tax_id = False
        group = self.tour_group("TOURCR", "Tour Credit")
        group.check_credit_limit = True
        group.credit_limit_ids = [
            Command.clear(),
            Command.create(
                {"currency_id": self.env.company.currency_id.id, "credit_limit": 1000.0}
            ),
        ]
        acme = self.env["res.partner"].create(
            {"name": "Tour Acme", "is_company": True, "customer_group_id": group.id}
        )
        self._create_invoice_one_line(
            price_unit=800.0, partner_id=acme, tax_ids=[], post=True
        )
        self.start_tour(
            "/odoo/action-account.action_move_out_invoice_type/new",
            "account_customer_group_credit_banner_tour",
            login=self.env.user.login,
        )
        self.assertEqual(
            self.env["account.move"].search_count([("partner_id", "=", acme.id)]), 1
        )

    def test_the_statistics_analysis_reads_by_transaction_type(self):
        group = self.tour_group("TOURSA", "Tour Statistics")
        customer = self.env["res.partner"].create(
            {
                "name": "Tour Early Payer",
                "is_company": True,
                "customer_group_id": group.id,
            }
        )
        today = fields.Date.context_today(customer)
        invoice = self._create_invoice_one_line(
            price_unit=1000.0,
            partner_id=customer,
            tax_ids=[],
            invoice_date=today,
            invoice_payment_term_id=self.env.ref("account.account_payment_term_30days"),
            post=True,
        )
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": today})._create_payments()
        self.start_tour(
            f"/odoo/account.customer.group/{group.id}",
            "account_customer_group_statistics_tour",
            login=self.env.user.login,
        )

    def test_print_statements_counts_before_printing(self):
        group = self.tour_group("TOURCT", "Tour Counts")
        group.print_statements = True
        emailed, printed, idle = self.env["res.partner"].create(
            [
                {
                    "name": "Tour Counts Emailed",
                    "is_company": True,
                    "email": "emailed@example.com",
                },
                {"name": "Tour Counts Printed", "is_company": True},
                {"name": "Tour Counts Idle", "is_company": True},
            ]
        )
        customers = emailed | printed | idle
        customers.customer_group_id = group
        customers.customer_print_statements = True
        for customer in (emailed, printed):
            self._create_invoice_one_line(
                price_unit=100.0, partner_id=customer, post=True
            )
        self.start_tour(
            "/odoo/action-account_customer_group.action_account_customer_statement_wizard",
            "account_customer_group_statement_counts_tour",
            login=self.env.user.login,
        )

    def test_a_running_run_s_form_follows_its_progress(self):
        customers = self.env["res.partner"].create(
            [{"name": f"Progress Customer {n}", "is_company": True} for n in (1, 2)]
        )
        run = self.env["account.customer.interest.run"].create(
            {
                "run_date": fields.Date.today(),
                "state": "running",
                "line_ids": [
                    Command.create({"partner_id": customer.id})
                    for customer in customers
                ],
            }
        )
        self.start_tour(
            f"/odoo/account.customer.interest.run/{run.id}",
            "account_customer_group_run_progress_tour",
            login=self.env.user.login,
        )
        self.assertEqual(run.done_count, 2)
