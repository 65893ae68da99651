from odoo import api, fields, models

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

    @api.model
    def _cron_charge_interest(self):
        """Charge interest, as draft invoices, for every billing cycle that is due.

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
            wizard = self.env["account.customer.interest.wizard"].with_company(
                cycle.company_id
            )
            wizard.create(
                {
                    "company_id": cycle.company_id.id,
                    "run_date": today,
                    "billing_cycle_id": cycle.id,
                }
            )._create_interest_invoices()
            cycle.last_interest_date = today
