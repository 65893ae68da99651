import importlib.util
import io
from pathlib import Path
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.pdf import PdfFileReader

from .common import CustomerGroupCommon
from .common_runs import process_runs, statements_drawn_simply


@tagged("post_install", "-at_install")
class TestStatementRun(CustomerGroupCommon):
    """Five customers of a group, each owing an invoice; two of them have an email
    address. Batches of two customers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group = cls.create_group("RUN", print_statements=True)
        cls.customers = cls.env["res.partner"]
        for number in range(5):
            customer = cls.env["res.partner"].create(
                {
                    "name": f"Run Customer {number}",
                    "is_company": True,
                    "customer_group_id": cls.group.id,
                    "email": f"customer{number}@example.com" if number < 2 else False,
                }
            )
            cls.invoice(customer, 100.0 + number, date="2026-05-10")
            cls.customers |= customer
        cls.emailed = cls.customers[:2]
        cls.printed = cls.customers[2:]

    def setUp(self):
        super().setUp()
        self.startPatcher(
            patch.object(
                type(self.env["account.customer.statement.run"]), "_run_batch_size", 2
            )
        )
        self.enterContext(statements_drawn_simply())

    def start_run(self, **vals):
        run = self.env["account.customer.statement.run"].create(
            {
                "customer_group_ids": [self.group.id],
                "statement_date": "2026-05-31",
                "send_by_email": True,
                **vals,
            }
        )
        run.action_start()
        return run

    def statement_messages(self, partner):
        """Messages of the customer's chatter with its statement attached."""
        return partner.message_ids.filtered(
            lambda m: m.attachment_ids.name and "Statement - " in m.attachment_ids.name
        )

    def pdf_pages(self, attachment):
        reader = PdfFileReader(io.BytesIO(attachment.raw))
        return [page.extract_text() for page in reader.pages]

    def test_a_run_starts_at_once_and_its_cron_does_the_customers(self):
        run = self.start_run()
        self.assertRecordValues(
            run,
            [
                {
                    "state": "running",
                    "user_id": self.env.uid,
                    "customer_count": 0,
                    "date_from": fields.Date.to_date("2026-05-01"),
                }
            ],
        )
        if self.oca_installed("queue_job"):
            # The bridge account_customer_group_queue_job queues the run's first
            # batch on the month-end channel instead of waking the cron.
            self.assertTrue(
                self.env["queue.job"]
                .sudo()
                .search(
                    [
                        ("model_name", "=", run._name),
                        ("channel", "=", "root.account_customer_group"),
                    ]
                ),
                "starting a run queues its first batch",
            )
        else:
            cron = self.env.ref("account_customer_group.ir_cron_account_customer_runs")
            self.assertTrue(
                self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]),
                "starting a run wakes its cron",
            )
        process_runs(self.env)
        self.assertRecordValues(
            run,
            [
                {
                    "state": "done",
                    "customer_count": 5,
                    "done_count": 5,
                    "emailed_count": 2,
                    "printed_count": 3,
                    "skipped_count": 0,
                    "failed_count": 0,
                    "progress": 100.0,
                }
            ],
        )
        self.assertTrue(run.date_done)
        # The printed statements, one after the other, in the run's PDF.
        pages = self.pdf_pages(run.attachment_id)
        self.assertEqual(len(pages), 3)
        for page, customer in zip(pages, self.printed, strict=True):
            self.assertIn(customer.name, page)
        self.assertEqual(run.attachment_id.res_model, run._name)
        # Emails queued, for Odoo's mail queue to send.
        for customer in self.emailed:
            message = self.statement_messages(customer)
            self.assertEqual(len(message), 1)
            self.assertEqual(message.message_type, "comment")
            mails = self.env["mail.mail"].search([("mail_message_id", "=", message.id)])
            self.assertEqual(mails.mapped("state"), ["outgoing"])
        # The printed ones' chatter keeps the statement printed.
        for customer in self.printed:
            message = self.statement_messages(customer)
            self.assertEqual(len(message), 1)
            self.assertIn("printed", message.body)
        # Who started the run is told.
        notice = run.message_ids.filtered(
            lambda m: self.env.user.partner_id in m.partner_ids
        )
        self.assertIn("2 statements emailed; 3 printed.", notice.body)

    def test_a_second_pass_does_nothing_twice(self):
        run = self.start_run()
        process_runs(self.env)
        mails = self.env["mail.mail"].search_count([])
        messages = run.message_ids
        process_runs(self.env)
        self.assertEqual(self.env["mail.mail"].search_count([]), mails)
        self.assertEqual(run.message_ids, messages)
        self.assertEqual(run.done_count, 5)

    def test_a_run_killed_after_a_batch_goes_on_and_does_each_customer_once(self):
        run = self.start_run()
        # The customers collected, then one batch done: as a worker killed after
        # committing them.
        process_runs(self.env, batches=2)
        self.assertRecordValues(
            run, [{"state": "running", "done_count": 2, "todo_count": 3}]
        )
        self.assertEqual(run.progress, 40.0)
        process_runs(self.env)
        self.assertEqual(run.state, "done")
        for customer in self.customers:
            self.assertEqual(len(self.statement_messages(customer)), 1)
        self.assertEqual(len(self.pdf_pages(run.attachment_id)), 3)

    def test_customers_without_statement_are_skipped_with_the_reason(self):
        quiet = self.env["res.partner"].create(
            {"name": "Quiet Customer", "customer_group_id": self.group.id}
        )
        run = self.start_run(send_by_email=False)
        process_runs(self.env)
        self.assertRecordValues(
            run, [{"printed_count": 5, "emailed_count": 0, "skipped_count": 1}]
        )
        line = run.line_ids.filtered(lambda line: line.partner_id == quiet)
        self.assertEqual(line.state, "skipped")
        self.assertIn("Nothing open", line.error)

    def test_failed_customers_are_retried(self):
        report = type(self.env["ir.actions.report"])
        drawn = report._render_customer_statements
        broken = self.printed[0]

        def render(self, partners, data):
            if broken in partners:
                raise UserError(self.env._("wkhtmltopdf broke"))
            return drawn(self, partners, data)

        run = self.start_run()
        with patch.object(report, "_render_customer_statements", render):
            process_runs(self.env)
        self.assertRecordValues(run, [{"state": "failed", "failed_count": 1}])
        self.assertEqual(
            run.line_ids.filtered(lambda line: line.state == "failed").error,
            "wkhtmltopdf broke",
        )
        run.action_retry()
        process_runs(self.env)
        self.assertRecordValues(run, [{"state": "done", "done_count": 5}])
        self.assertEqual(len(self.pdf_pages(run.attachment_id)), 3)

    def test_a_run_that_cannot_do_anything_is_refused(self):
        Run = self.env["account.customer.statement.run"]
        with self.assertRaisesRegex(UserError, "billing cycle or at least one"):
            Run.create({"statement_date": "2026-05-31"}).action_start()
        with self.assertRaisesRegex(UserError, "period start"):
            Run.create(
                {
                    "customer_group_ids": [self.group.id],
                    "statement_date": "2026-05-31",
                    "date_from": "2026-06-01",
                }
            ).action_start()
        with self.assertRaisesRegex(UserError, "None of the 5 customers"):
            Run.create(
                {"customer_group_ids": [self.group.id], "statement_date": "2026-04-30"}
            ).action_start()
        run = self.start_run()
        with self.assertRaisesRegex(UserError, "started already"):
            run.action_start()

    def test_cancel_before_anything_is_done_goes_back_to_draft(self):
        run = self.start_run()
        run.action_cancel()
        self.assertRecordValues(run, [{"state": "draft", "customer_count": 0}])
        run.action_start()
        process_runs(self.env, batches=2)
        run.action_cancel()
        self.assertRecordValues(run, [{"state": "failed", "todo_count": 3}])
        run.action_retry()
        process_runs(self.env)
        self.assertRecordValues(run, [{"state": "done", "done_count": 5}])

    def test_billing_cycle_starts_its_run_on_its_next_statement_date(self):
        cycle = self.env["account.customer.billing.cycle"].create(
            {"code": "RUNM", "name": "Run monthly", "frequency": "monthly"}
        )
        self.group.billing_cycle_id = cycle
        self.customers.customer_billing_cycle_id = cycle
        self.assertFalse(cycle.next_statement_date)
        today = fields.Date.context_today(cycle)
        Cycle = self.env["account.customer.billing.cycle"]
        Run = self.env["account.customer.statement.run"]
        cycle.next_statement_date = fields.Date.add(today, days=1)
        Cycle._cron_start_statement_runs()
        self.assertFalse(Run.search([("billing_cycle_id", "=", cycle.id)]))
        cycle.next_statement_date = today
        Cycle._cron_start_statement_runs()
        run = Run.search([("billing_cycle_id", "=", cycle.id)])
        self.assertRecordValues(
            run, [{"state": "running", "statement_date": today, "send_by_email": True}]
        )
        self.assertEqual(cycle.last_run_date, today)
        self.assertEqual(cycle.next_statement_date, fields.Date.add(today, months=1))
        process_runs(self.env)
        self.assertRecordValues(run, [{"emailed_count": 2, "printed_count": 3}])
        # Not again before the next date.
        Cycle._cron_start_statement_runs()
        self.assertEqual(Run.search_count([("billing_cycle_id", "=", cycle.id)]), 1)

    def test_billing_users_start_runs_portal_users_cannot(self):
        clerk = self.company_user("run_clerk", "account.group_account_invoice")
        run = self.env["account.customer.statement.run"].with_user(clerk)
        run = run.create(
            {"customer_group_ids": [self.group.id], "statement_date": "2026-05-31"}
        )
        run.action_start()
        process_runs(self.env)
        self.assertRecordValues(run, [{"state": "done", "printed_count": 5}])
        self.assertEqual(run.user_id, clerk)
        portal = new_test_user(self.env, login="run_portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.env["account.customer.statement.run"].with_user(portal).create(
                {"customer_group_ids": [self.group.id], "statement_date": "2026-05-31"}
            )
        with self.assertRaises(AccessError):
            run.with_user(portal).read(["state"])

    def test_form_starts_a_run(self):
        with Form(self.env["account.customer.statement.run"]) as form:
            form.customer_group_ids.add(self.group)
            form.statement_date = fields.Date.to_date("2026-05-31")
        run = form.record
        self.assertEqual(run.date_from, fields.Date.to_date("2026-05-01"))
        run.action_start()
        self.assertEqual(run.state, "running")


@tagged("post_install", "-at_install")
class TestInterestRun(CustomerGroupCommon):
    """Interest at 12 % a year: 1000 for 30 days is 9.86."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        account = cls.env["account.account"].create(
            {"code": "789200", "name": "Run Interest", "account_type": "income_other"}
        )
        cls.profile = cls.env["account.customer.interest.profile"].create(
            {
                "code": "RUN12",
                "name": "Run 12%",
                "annual_rate": 12.0,
                "journal_id": cls.company_data["default_journal_sale"].id,
                "income_account_id": account.id,
            }
        )
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Late Payer {number}",
                    "is_company": True,
                    "customer_interest_profile_id": cls.profile.id,
                }
                for number in range(3)
            ]
        )
        for customer in cls.customers:
            cls.invoice(
                customer, 1000.0, date="2026-01-01", invoice_date_due="2026-01-31"
            )

    def setUp(self):
        super().setUp()
        self.startPatcher(
            patch.object(
                type(self.env["account.customer.interest.run"]), "_run_batch_size", 2
            )
        )

    def create_run(self, **vals):
        return self.env["account.customer.interest.run"].create(
            {"run_date": "2026-03-02", "partner_ids": self.customers.ids, **vals}
        )

    def interest_moves(self):
        return self.env["account.move"].search(
            [
                ("line_ids.interest_source_line_id", "!=", False),
                ("state", "!=", "cancel"),
            ]
        )

    def test_a_run_charges_each_customer_in_batches(self):
        run = self.create_run(post_invoices=True)
        run.action_start()
        process_runs(self.env)
        self.assertRecordValues(
            run,
            [{"state": "done", "customer_count": 3, "charged_count": 3}],
        )
        self.assertEqual(run.move_ids, self.interest_moves())
        self.assertEqual(set(run.move_ids.mapped("state")), {"posted"})
        self.assertEqual(run.line_ids.mapped("amount"), [9.86] * 3)

    def test_the_charges_of_a_batch_take_the_same_queries_whatever_its_size(self):
        """A batch's charges and invoice values are read for all its customers at
        once, not customer by customer."""
        run = self.create_run()

        def queries(partners):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.assertEqual(len(run._interest_invoices_vals(partners)), len(partners))
            return self.cr.sql_log_count - before

        # What is cached for good (translations, references) is read once.
        queries(self.customers[:1])
        self.assertEqual(queries(self.customers), queries(self.customers[:1]))

    def test_an_interest_invoice_s_chatter_names_its_run(self):
        run = self.create_run()
        run.action_start()
        process_runs(self.env)
        for move in run.move_ids:
            self.assertEqual(
                move.message_ids.mapped("body"),
                [
                    (
                        f'<p>Interest charged by <a href="#" data-oe-model='
                        f'"account.customer.interest.run" data-oe-id="{run.id}">'
                        f"{run.display_name}</a>.</p>"
                    )
                ],
            )

    def test_two_runs_for_the_same_customers_and_date_charge_once(self):
        first, second = self.create_run(), self.create_run()
        (first | second).action_start()
        process_runs(self.env)
        self.assertEqual(first.charged_count, 3)
        self.assertRecordValues(
            second, [{"state": "done", "charged_count": 0, "skipped_count": 3}]
        )
        self.assertEqual(len(self.interest_moves()), 3)

    def test_a_charge_computed_in_parallel_is_refused_by_the_database(self):
        first = self.create_run(partner_ids=self.customers[:1].ids)
        second = self.create_run()
        (first | second).action_start()
        # The second run computed its charges before the first committed its own,
        # as two workers at the same moment.
        seen_before = second._interest_invoices_vals()
        # The first run: its customer collected, charged, and the run finished.
        process_runs(self.env, batches=3)
        self.assertRecordValues(first, [{"state": "done", "charged_count": 1}])
        self.assertEqual(second.state, "running")
        with patch.object(
            type(second),
            "_interest_invoices_vals",
            lambda run, partners=None: [
                (partner, vals) for partner, vals in seen_before if partner in partners
            ],
        ):
            process_runs(self.env)
        # The customer charged by the first run is skipped; the batch's others are
        # charged all the same.
        self.assertRecordValues(
            second, [{"state": "done", "charged_count": 2, "skipped_count": 1}]
        )
        skipped = second.line_ids.filtered(lambda line: line.state == "skipped")
        self.assertEqual(skipped.partner_id, self.customers[0])
        self.assertEqual(
            skipped.error,
            f"Already charged by {first.display_name}, {first.move_ids.display_name}.",
        )
        self.assertEqual(len(self.interest_moves()), 3)

    def test_a_cancelled_interest_invoice_frees_its_charge(self):
        first = self.create_run()
        first.action_start()
        process_runs(self.env)
        first.move_ids[0].button_cancel()
        again = self.create_run()
        again.action_start()
        process_runs(self.env)
        self.assertRecordValues(again, [{"charged_count": 1, "skipped_count": 2}])
        self.assertEqual(again.move_ids.partner_id, first.move_ids[0].partner_id)

    def test_the_database_refuses_a_second_charge_of_a_period(self):
        run = self.create_run()
        run.action_start()
        process_runs(self.env)
        charge = run.move_ids[0].invoice_line_ids
        with self.assert_refused_by_database():
            charge.move_id.copy().invoice_line_ids.write(
                {
                    "interest_source_line_id": charge.interest_source_line_id.id,
                    "interest_date_from": charge.interest_date_from,
                }
            )

    def test_a_run_with_nothing_overdue_is_refused(self):
        with self.assertRaisesRegex(UserError, "anything overdue on"):
            self.create_run(run_date="2026-01-15").action_start()

    def test_the_upgrade_keeps_charges_made_twice_out_of_the_index(self):
        first = self.create_run()
        first.action_start()
        process_runs(self.env)
        posted, draft = first.move_ids[:2]
        posted.action_post()
        # A database of 19.0.1.5.0, where two runs could charge the same period.
        self.env.cr.execute("DROP INDEX account_move_line_interest_charge_unique")
        twins = (posted | draft).copy()
        for twin, move in zip(twins, posted | draft, strict=True):
            twin.invoice_line_ids.write(
                {
                    "interest_source_line_id": (
                        move.invoice_line_ids.interest_source_line_id.id
                    ),
                    "interest_date_from": move.invoice_line_ids.interest_date_from,
                }
            )
        twins[0].action_post()
        self.env.flush_all()
        path = Path(__file__).parents[1] / "migrations/19.0.1.6.0/pre-migration.py"
        spec = importlib.util.spec_from_file_location("pre_migration_1_6", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        with self.assertLogs(migration.__name__, "WARNING"):
            migration.migrate(self.env.cr, "19.0.1.5.0")
        self.env.invalidate_all()
        self.assertRecordValues(
            posted | draft | twins,
            [
                {"state": "posted"},
                {"state": "draft"},
                {"state": "posted"},
                {"state": "cancel"},
            ],
        )
        self.assertFalse(twins[0].invoice_line_ids.interest_date_from)
        # The index the upgrade then builds.
        MoveLine = self.env["account.move.line"]
        index = MoveLine._table_objects["account_move_line_interest_charge_unique"]
        index.apply_to_database(MoveLine)
        self.env.cr.execute(
            "SELECT 1 FROM pg_indexes "
            "WHERE indexname = 'account_move_line_interest_charge_unique'"
        )
        self.assertTrue(self.env.cr.fetchall())


@tagged("post_install", "-at_install")
class TestInterestRunParity(CustomerGroupCommon):
    """A run creates its interest invoices with their lines' amounts given, which
    spares Odoo computing and writing them line by line: the invoices are the ones
    Odoo's plain create makes of the same values, and stay Odoo's to edit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        profile = cls.create_interest_profile(
            "PAR13",
            "Parity 13.7%",
            annual_rate=13.7,
            journal_id=cls.company_data["default_journal_sale"].id,
        )
        cls.eur = cls.setup_other_currency("EUR", rates=[("2025-01-01", 1.2345)])
        cls.local, cls.foreign = cls.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "customer_interest_profile_id": profile.id,
                }
                for name in ("Parity Local", "Parity Foreign")
            ]
        )
        for amount in (1000.0, 777.77):
            cls.invoice(
                cls.local, amount, date="2026-01-01", invoice_date_due="2026-01-31"
            )
            cls.invoice(
                cls.foreign,
                amount,
                date="2026-01-01",
                invoice_date_due="2026-01-31",
                currency_id=cls.eur.id,
            )

    def run_and_plain_invoices(self, post):
        """The run's invoices and those Odoo's create makes of the same values (the
        charges left out, which the database lets charge once), by customer."""
        run = self.env["account.customer.interest.run"].create(
            {
                "run_date": "2026-03-02",
                "partner_ids": (self.local | self.foreign).ids,
                "post_invoices": post,
            }
        )
        values = [vals for _partner, vals in run._interest_invoices_vals()]
        for vals in values:
            for command in vals["invoice_line_ids"]:
                del command[2]["interest_source_line_id"]
        plain = self.env["account.move"].create(values)
        if post:
            plain.action_post()
        run.action_start()
        process_runs(self.env)
        self.assertEqual(len(run.move_ids), 2)
        self.assertEqual(set(run.move_ids.currency_id.mapped("name")), {"EUR", "USD"})
        self.assertEqual(len(run.move_ids.invoice_line_ids), 4)
        return [
            (
                ours,
                plain.filtered(
                    lambda move, ours=ours: move.partner_id == ours.partner_id
                ),
            )
            for ours in run.move_ids
        ]

    def assert_same_invoice(self, ours, plain):
        line_fields = [
            "account_id",
            "partner_id",
            "name",
            "display_type",
            "balance",
            "debit",
            "credit",
            "amount_currency",
            "currency_id",
            "date_maturity",
            "tax_ids",
            "tax_line_id",
            "term_key",
            "discount_date",
            "discount_balance",
            "discount_amount_currency",
            "price_unit",
            "price_subtotal",
            "price_total",
        ]

        def lines(move):
            # The receivable line is named and keyed after its own invoice.
            return [
                {
                    **{fname: line[fname] for fname in line_fields},
                    "name": (line.name or "").replace(move.name or "/", "NAME"),
                    "term_key": line.term_key and {**line.term_key, "move_id": 0},
                }
                for line in move.line_ids.sorted(
                    lambda line: (line.display_type, line.name or "", line.balance)
                )
            ]

        self.assertEqual(lines(ours), lines(plain))
        move_fields = [
            "amount_untaxed",
            "amount_tax",
            "amount_total",
            "amount_residual",
            "amount_total_signed",
            "tax_totals",
            "invoice_date_due",
            "state",
            "payment_state",
        ]
        self.assertEqual(
            {fname: ours[fname] for fname in move_fields},
            {fname: plain[fname] for fname in move_fields},
        )

    def test_a_run_s_drafts_are_odoo_s(self):
        for ours, plain in self.run_and_plain_invoices(post=False):
            self.assert_same_invoice(ours, plain)
            self.assertFalse(ours.name or plain.name)
            # Edited later, the draft is synchronized by Odoo as the plain one.
            for move in ours | plain:
                with (
                    Form(move) as form,
                    form.invoice_line_ids.edit(0) as line,
                ):
                    line.price_unit = 123.45
            self.assert_same_invoice(ours, plain)
            receivable = ours.line_ids.filtered(
                lambda line: line.display_type == "payment_term"
            )
            self.assertEqual(receivable.amount_currency, ours.amount_total)
            self.assertGreater(ours.amount_total, 123.45)

    def test_a_run_s_posted_invoices_are_odoo_s(self):
        for ours, plain in self.run_and_plain_invoices(post=True):
            self.assert_same_invoice(ours, plain)
            for move in ours | plain:
                self.assertEqual(move.state, "posted")
                self.assertTrue(move.name.startswith("INV/"))
                self.assertEqual(move.payment_reference, move.name)
