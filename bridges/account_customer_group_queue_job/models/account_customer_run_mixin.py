from odoo import models

from odoo.addons.queue_job.exception import RetryableJobError


class AccountCustomerRunMixin(models.AbstractModel):
    """A run's batches as queue jobs, each doing one batch and enqueuing the next in
    its own transaction: the batch and the job after it commit together or not at
    all, so a job killed or retried redoes its batch and nothing else, and a run
    has one job waiting at a time. The runs cron still passes every hour, taking up
    a run whose job failed for good."""

    _inherit = "account.customer.run.mixin"

    def _schedule_processing(self):
        for run in self:
            run._enqueue_batch()

    def _job_identity(self):
        return f"account_customer_group:{self._name}:{self.id}"

    def _enqueue_batch(self):
        self.ensure_one()
        # The identity keeps a second job of the run (a retry started while a job
        # of the run still waits) out of the queue.
        self.with_delay(
            description=self.env._("Next batch of %(run)s", run=self.display_name),
            identity_key=self._job_identity(),
        )._job_process_batch()

    def _job_process_batch(self):
        """Queue job: the run's next batch, then the job of the batch after it."""
        self.ensure_one()
        if self.state != "running":
            return self.env._("%(run)s is not running.", run=self.display_name)
        if not self._process_batch():
            raise RetryableJobError(
                self.env._(
                    "%(run)s is locked by another transaction.",
                    run=self.display_name,
                )
            )
        if self.state == "running":
            self._enqueue_batch()
        return self.env._(
            "%(run)s: %(todo)s customers to do.",
            run=self.display_name,
            todo=self.todo_count,
        )
