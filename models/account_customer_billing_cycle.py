from odoo import fields, models


class AccountCustomerBillingCycle(models.Model):
    _name = "account.customer.billing.cycle"
    _description = "Customer Billing Cycle"
    _inherit = ["account.customer.code.mixin"]

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
        help="Number of days between two statement runs when the frequency is 'Every N days'.",
    )
    last_run_date = fields.Date(
        readonly=True, copy=False, help="Statement date of the last run of this billing cycle."
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)", "A billing cycle with this code already exists in this company."
    )
    _interval_days_positive = models.Constraint(
        "CHECK(frequency != 'days' OR interval_days > 0)",
        "A billing cycle run every N days needs a number of days greater than zero.",
    )
