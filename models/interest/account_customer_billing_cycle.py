from odoo import api, fields, models
from odoo.exceptions import UserError

from ...rules import interest


class AccountCustomerBillingCycle(models.Model):
    _name = "account.customer.billing.cycle"
    _description = "Customer Billing Cycle"
    _inherit = "account.customer.code.mixin"

    code = fields.Char(help="Short code of the billing cycle, e.g. MONTH.")
    frequency = fields.Selection(
        [("days", "Every N days"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        required=True,
        default="monthly",
        help="How often statements are run for the customers on this cycle.",
    )
    interval_days = fields.Integer(
        string="Days Between Runs",
        default=30,
        help="Number of days between two statement runs when the frequency is 'Every N "
        "days'.",
    )
    last_run_date = fields.Date(
        readonly=True,
        copy=False,
        help="Statement date of the last run of this billing cycle.",
    )
    next_statement_date = fields.Date(
        compute="_compute_next_statement_date",
        store=True,
        readonly=False,
        copy=False,
        help="Date the statements cron starts this cycle's next statement run: its "
        "frequency after the last run. Set it to start the first run, or to move "
        "the next one.",
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)",
        "A billing cycle with this code already exists in this company.",
    )
    _interval_days_positive = models.Constraint(
        "CHECK(frequency != 'days' OR interval_days > 0)",
        "A billing cycle run every N days needs a number of days greater than zero.",
    )

    last_interest_date = fields.Date(
        readonly=True,
        copy=False,
        help="Run date of the last automatic interest charge for the customers of this "
        "cycle.",
    )

    @api.depends("last_run_date", "frequency", "interval_days")
    def _compute_next_statement_date(self):
        for cycle in self:
            # A cycle never run, or whose days between runs are still to be set,
            # waits for a date set by hand.
            if not cycle.last_run_date or (
                cycle.frequency == "days" and cycle.interval_days <= 0
            ):
                cycle.next_statement_date = cycle.next_statement_date or False
                continue
            cycle.next_statement_date = interest.next_cycle_date(
                cycle.last_run_date, cycle.frequency, cycle.interval_days
            )

    @api.model
    def _cron_start_statement_runs(self):
        """Start the statement run of every billing cycle whose next statement date
        has come: emailed where the customer has an address, printed otherwise."""
        for cycle in self.search(
            [("active", "=", True), ("next_statement_date", "!=", False)]
        ):
            today = fields.Date.context_today(cycle)
            if cycle.next_statement_date > today:
                continue
            run = self.env["account.customer.statement.run"].with_company(
                cycle.company_id
            )
            run = run.create(
                {
                    "company_id": cycle.company_id.id,
                    "billing_cycle_id": cycle.id,
                    "statement_date": cycle.next_statement_date,
                    "send_by_email": True,
                }
            )
            try:
                with self.env.cr.savepoint():
                    run.action_start()
            except UserError as error:
                # Nobody to state this time: the cycle waits for its next date.
                run.write({"state": "failed", "error": str(error)})
                cycle.last_run_date = run.statement_date

    @api.model
    def _cron_charge_interest(self):
        """Start an interest run, of draft invoices, for every billing cycle that
        is due.

        A cycle is due once its frequency has elapsed since its last interest
        run; one that never ran is due at once.
        """
        for cycle in self.search([("active", "=", True)]):
            today = fields.Date.context_today(cycle)
            due = interest.next_cycle_date(
                cycle.last_interest_date or None, cycle.frequency, cycle.interval_days
            )
            if due and due > today:
                continue
            run = self.env["account.customer.interest.run"].with_company(
                cycle.company_id
            )
            run = run.create(
                {
                    "company_id": cycle.company_id.id,
                    "run_date": today,
                    "billing_cycle_id": cycle.id,
                }
            )
            try:
                with self.env.cr.savepoint():
                    run.action_start()
            except UserError as error:
                run.write({"state": "failed", "error": str(error)})
            cycle.last_interest_date = today
