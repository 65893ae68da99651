from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.account_customer_group.tests.common import CustomerGroupCommon
from odoo.addons.account_customer_group.tests.common_runs import (
    statements_drawn_simply,
)
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

CHANNEL = "root.account_customer_group"
RUN_CRON = "account_customer_group.ir_cron_account_customer_runs"


@tagged("post_install", "-at_install")
class TestRunJobs(CustomerGroupCommon):
    """Three customers owing 1000 since January charged interest, and sent their
    statements, in batches of two customers, each batch a queue job."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        profile = cls.create_interest_profile(
            "JOB12",
            "Job 12%",
            journal_id=cls.company_data["default_journal_sale"].id,
        )
        cls.group = cls.create_group("JOB", print_statements=True)
        cls.customers = cls.env["res.partner"].create(
            [
                {
                    "name": f"Job Customer {number}",
                    "is_company": True,
                    "email": f"job{number}@example.com",
                    "customer_group_id": cls.group.id,
                    "customer_interest_profile_id": profile.id,
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
        for model in (
            "account.customer.interest.run",
            "account.customer.statement.run",
        ):
            self.startPatcher(patch.object(type(self.env[model]), "_run_batch_size", 2))
        self.enterContext(statements_drawn_simply())
        self.trap = self.enterContext(trap_jobs())

    def interest_run(self):
        run = self.env["account.customer.interest.run"].create(
            {"run_date": "2026-03-02", "partner_ids": self.customers.ids}
        )
        run.action_start()
        return run

    def interest_moves(self):
        return self.env["account.move"].search(
            [
                ("line_ids.interest_source_line_id", "!=", False),
                ("partner_id", "in", self.customers.ids),
                ("state", "!=", "cancel"),
            ]
        )

    def perform_jobs(self):
        """Perform the jobs enqueued, and those they enqueue, as the job runner
        does; return them in the order performed."""
        performed = []
        while self.trap.enqueued_jobs:
            jobs = list(self.trap.enqueued_jobs)
            self.trap.perform_enqueued_jobs()
            performed += jobs
        return performed

    def test_batches_are_jobs_on_the_channel(self):
        triggers = self.env["ir.cron.trigger"].search_count(
            [("cron_id", "=", self.env.ref(RUN_CRON).id)]
        )
        run = self.interest_run()
        self.trap.assert_jobs_count(1, only=run._job_process_batch)
        job = self.trap.enqueued_jobs[0]
        self.assertEqual(job.channel, CHANNEL)
        self.assertEqual(
            job.identity_key, f"account_customer_group:{run._name}:{run.id}"
        )
        performed = self.perform_jobs()
        # Collecting the customers, two batches, the run's finish.
        self.assertEqual(len(performed), 4)
        self.assertTrue(all(job.channel == CHANNEL for job in performed))
        self.assertRecordValues(run, [{"state": "done", "done_count": 3}])
        self.assertEqual(self.interest_moves().partner_id, self.customers)
        self.assertEqual(len(self.interest_moves()), 3)
        # Not woken: the jobs did the run.
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count(
                [("cron_id", "=", self.env.ref(RUN_CRON).id)]
            ),
            triggers,
        )

    def test_a_job_done_again_changes_nothing_twice(self):
        run = self.interest_run()
        performed = self.perform_jobs()
        # The job runner doing each job once more, as after a worker lost the
        # answer of a job it had committed.
        for job in performed:
            job.perform()
        self.trap.assert_jobs_count(0)
        self.assertRecordValues(run, [{"state": "done", "done_count": 3}])
        self.assertEqual(len(self.interest_moves()), 3)

    def test_a_retried_batch_redoes_only_its_customers(self):
        run = self.interest_run()
        self.trap.perform_enqueued_jobs()
        batch = self.trap.enqueued_jobs[0]
        # The batch's job performed twice over before its successor: the second
        # takes the customers the first left to do.
        batch.perform()
        batch.perform()
        self.perform_jobs()
        self.assertRecordValues(run, [{"state": "done", "done_count": 3}])
        self.assertEqual(len(self.interest_moves()), 3)

    def test_a_locked_run_is_retried_later(self):
        run = self.interest_run()
        job = self.trap.enqueued_jobs[0]
        with (
            patch.object(type(run), "try_lock_for_update", return_value=False),
            self.assertRaises(RetryableJobError),
        ):
            job.perform()
        self.assertFalse(run.lines_ready)
        self.perform_jobs()
        self.assertEqual(run.state, "done")

    def test_a_cancelled_runs_job_does_nothing(self):
        run = self.interest_run()
        run.action_cancel()
        self.perform_jobs()
        self.assertRecordValues(run, [{"state": "draft", "customer_count": 0}])
        self.assertFalse(self.interest_moves())

    def test_a_statement_run_emails_each_customer_once(self):
        run = self.env["account.customer.statement.run"].create(
            {
                "customer_group_ids": [self.group.id],
                "statement_date": "2026-03-31",
                "send_by_email": True,
            }
        )
        run.action_start()
        for job in self.perform_jobs():
            job.perform()
        self.assertRecordValues(
            run, [{"state": "done", "done_count": 3, "emailed_count": 3}]
        )
        for customer in self.customers:
            statements = customer.message_ids.filtered(
                lambda m: "Statement - " in (m.attachment_ids.name or "")
            )
            self.assertEqual(len(statements), 1, customer.name)
