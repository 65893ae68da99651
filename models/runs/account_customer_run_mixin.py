import math
import time

from odoo import api, fields, models
from odoo.exceptions import UserError

RUN_CRON = "account_customer_group.ir_cron_account_customer_runs"


class AccountCustomerRunMixin(models.AbstractModel):
    """A run over many customers done in the background: the user starts it, the
    runs cron processes its customers in batches, each batch in a transaction of its
    own, and the user is told when it is done.

    A batch either commits whole, its customers' lines marked done with what was
    done for them, or not at all: a worker killed in the middle loses only its open
    batch, whose lines are still to do at the next pass.
    """

    _name = "account.customer.run.mixin"
    _description = "Customer Run in the Background"
    _inherit = "mail.thread"
    _order = "id desc"
    # Customers a batch handles: small enough that a batch's transaction stays far
    # within the cron's time limit and a killed batch costs little to redo.
    _run_batch_size = 50

    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        required=True,
        default="draft",
        readonly=True,
        copy=False,
        index=True,
        tracking=True,
        help="Draft until started; running while the background job works through "
        "its customers; done when each is done or skipped; failed when some "
        "customer could not be done, or the run was cancelled.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Started By",
        readonly=True,
        copy=False,
        help="User who started the run, told when it is done.",
    )
    date_start = fields.Datetime(string="Started", readonly=True, copy=False)
    date_done = fields.Datetime(string="Finished", readonly=True, copy=False)
    error = fields.Text(
        readonly=True, copy=False, help="Why the run stopped before its customers."
    )
    # Collecting the customers of a large run takes its while: the first pass of
    # the cron does it, so that starting a run returns at once.
    lines_ready = fields.Boolean(readonly=True, copy=False)
    customer_count = fields.Integer(
        string="Customers in Run",
        compute="_compute_counts",
        help="Customers of the run, skipped ones included.",
    )
    todo_count = fields.Integer(string="To Do", compute="_compute_counts")
    done_count = fields.Integer(string="Done", compute="_compute_counts")
    skipped_count = fields.Integer(
        string="Skipped",
        compute="_compute_counts",
        help="Customers with nothing to do; each line says why.",
    )
    failed_count = fields.Integer(
        string="Failed",
        compute="_compute_counts",
        help="Customers that could not be done; each line says why. Retry them once "
        "the cause is mended.",
    )
    progress = fields.Float(
        compute="_compute_counts", help="Share of the customers handled."
    )

    def _line_model(self):
        return self.env[self._fields["line_ids"].comodel_name]

    @api.depends("line_ids.state")
    def _compute_counts(self):
        counts = {
            (run.id, state): count
            for run, state, count in self._line_model()._read_group(
                [("run_id", "in", self.ids)], ["run_id", "state"], ["__count"]
            )
        }
        for run in self:
            by_state = {
                state: counts.get((run.id, state), 0)
                for state in ("todo", "done", "skipped", "failed")
            }
            run.update({f"{state}_count": count for state, count in by_state.items()})
            run.customer_count = total = sum(by_state.values())
            run.progress = 100.0 * (total - by_state["todo"]) / total if total else 0.0

    def _check_start(self):
        """Refuse to start a run that cannot do anything, saying why."""
        raise NotImplementedError

    def _started(self):
        """What starting the run changes besides the run itself."""

    def _collect_line_values(self):
        """Values of the run's lines, one per customer."""
        raise NotImplementedError

    def _process_lines(self, lines):
        """Do the work of ``lines``, each marked done, skipped or failed."""
        raise NotImplementedError

    def _finished(self):
        """What the run leaves once its last customer is done."""

    def _done_summary(self):
        """What the run did, as the user is told."""
        return self.env._(
            "%(done)s customers done, %(skipped)s skipped, %(failed)s failed.",
            done=self.done_count,
            skipped=self.skipped_count,
            failed=self.failed_count,
        )

    def action_start(self):
        for run in self:
            if run.state != "draft":
                raise UserError(
                    self.env._(
                        "%(run)s has been started already.", run=run.display_name
                    )
                )
            run._check_start()
        self.write(
            {
                "state": "running",
                "user_id": self.env.uid,
                "date_start": fields.Datetime.now(),
                "error": False,
            }
        )
        self._started()
        self._schedule_processing()
        return True

    def action_cancel(self):
        """Stop a running run: back to draft when nothing was done yet, else failed,
        its customers still to do left to a retry."""
        for run in self.filtered(lambda r: r.state == "running"):
            # Not waiting for the batch the cron is doing, which keeps the run
            # locked until it commits.
            if not run.try_lock_for_update():
                raise UserError(
                    self.env._(
                        "%(run)s is doing a batch of customers: cancel it again in "
                        "a few seconds.",
                        run=run.display_name,
                    )
                )
            if run._line_model().search_count(
                [("run_id", "=", run.id), ("state", "!=", "todo")], limit=1
            ):
                run.write(
                    {
                        "state": "failed",
                        "error": self.env._(
                            "Cancelled by %(user)s.", user=self.env.user.name
                        ),
                    }
                )
            else:
                run.line_ids.unlink()
                run.write({"state": "draft", "lines_ready": False})
        return True

    def action_retry(self):
        """Do again the customers that failed, and those a cancel left to do."""
        for run in self:
            if run.state != "failed":
                raise UserError(
                    self.env._(
                        "Only a failed run can be retried; %(run)s is not.",
                        run=run.display_name,
                    )
                )
        self.line_ids.filtered(lambda line: line.state == "failed").write(
            {"state": "todo", "error": False}
        )
        self.write({"state": "running", "error": False, "date_done": False})
        self._schedule_processing()
        return True

    def _schedule_processing(self):
        """Have the running runs processed in the background: by the runs cron
        here; the queue_job bridge makes their batches queue jobs instead."""
        self._wake_cron()

    def _wake_cron(self):
        self.env.ref(RUN_CRON).sudo()._trigger()

    @api.model
    def _run_models(self):
        return [
            self.env[name]
            for name in self.env.registry.descendants(
                ["account.customer.run.mixin"], "_inherit"
            )
            if not self.env[name]._abstract
        ]

    @api.model
    def _cron_process_runs(self):
        """Process the running runs, oldest first, a batch per transaction."""
        cron = self.env["ir.cron"]
        while True:
            run = self._next_running_run()
            if not run:
                cron._commit_progress(remaining=0)
                return
            # Odoo calls a job 10 times at least, even once its time is out: those
            # calls do nothing, so that the job ends within the cron worker's time
            # limit, and wake the cron for the rest at once.
            if time.monotonic() > self.env.context.get("cron_end_time", math.inf):
                self._wake_cron()
                cron._commit_progress(0, remaining=self._work_remaining())
                return
            # The cron's environment speaks English: what the run writes (its
            # summary, its lines' reasons, its notes) is for the user who started it.
            processed = run.with_context(lang=run.user_id.lang)._process_batch()
            remaining = self._work_remaining()
            # Nothing processed: the run is locked by another transaction (its
            # cancel, say); the next call of the cron takes it up.
            if (
                not cron._commit_progress(processed, remaining=remaining)
                or not processed
            ):
                return

    @api.model
    def _next_running_run(self):
        for model in self._run_models():
            run = model.search([("state", "=", "running")], order="id", limit=1)
            if run:
                return run
        return None

    @api.model
    def _work_remaining(self):
        """Batches of work left, so that the cron knows to go on."""
        remaining = 0
        for model in self._run_models():
            # Each running run has its customers to collect or to finish, and
            # its customers to do.
            runs = model.search([("state", "=", "running")])
            remaining += len(runs)
            remaining += model._line_model().search_count(
                [("run_id", "in", runs.ids), ("state", "=", "todo")]
            )
        return remaining

    def _process_batch(self):
        """Process the next batch of this run, as the user who started it; return
        the number of customers handled."""
        self.ensure_one()
        if not self.try_lock_for_update():
            return 0
        run = self.with_user(self.user_id).with_company(self.company_id)
        finished = False
        try:
            with self.env.cr.savepoint():
                if not run.lines_ready:
                    values = run._collect_line_values()
                    run._line_model().create(values)
                    run.lines_ready = True
                    handled = len(values)
                else:
                    lines = run._line_model().search(
                        [("run_id", "=", run.id), ("state", "=", "todo")],
                        limit=run._run_batch_size,
                    )
                    if lines:
                        run._process_lines(lines)
                    else:
                        # Its own step: what the run leaves (the merged PDF) takes
                        # a while for a large run, and must not redo a batch.
                        run._finished()
                        finished = True
                    handled = len(lines)
        except UserError as error:
            # A run that cannot go on (a setting missing for all its customers):
            # stopped, rather than retried by each pass of the cron.
            self.write(
                {
                    "state": "failed",
                    "error": str(error),
                    "date_done": fields.Datetime.now(),
                }
            )
            self._notify_user()
            return 1
        if finished:
            self.write(
                {
                    "state": "failed" if run.failed_count else "done",
                    "date_done": fields.Datetime.now(),
                }
            )
            self._notify_user()
        return max(handled, 1)

    def _notify_user(self):
        """Tell the user who started the run that it is over, in the run's chatter
        and their inbox."""
        self.message_post(
            body="\n".join(filter(None, [self._done_summary(), self.error])),
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
            message_type="comment",
        )
