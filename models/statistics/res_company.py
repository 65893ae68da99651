from odoo import fields, models

from ...rules import periods

# Labels of the period types and year bases the statistics rules know, in their order.
_PERIOD_TYPE_LABELS = {
    "weekly": "Weekly",
    "seven_days": "Seven Days",
    "biweekly": "Bi-weekly",
    "four_weeks": "Four Weeks",
    "monthly": "Monthly",
    "bimonthly": "Bi-monthly",
    "quarterly": "Quarterly",
    "semiannual": "Semi-annually",
    "fiscal_period": "Fiscal Period",
}
_YEAR_BASIS_LABELS = {"calendar": "Calendar Year", "fiscal": "Fiscal Year"}
if set(_PERIOD_TYPE_LABELS) != set(periods.PERIOD_TYPES):
    raise ImportError("The statistics period types differ from the rules' ones.")
if set(_YEAR_BASIS_LABELS) != set(periods.YEAR_BASES):
    raise ImportError("The statistics year bases differ from the rules' ones.")
STATISTICS_PERIOD_TYPES = [
    (code, _PERIOD_TYPE_LABELS[code]) for code in periods.PERIOD_TYPES
]
STATISTICS_YEAR_BASES = [
    (code, _YEAR_BASIS_LABELS[code]) for code in periods.YEAR_BASES
]


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    customer_statistics_period_type = fields.Selection(
        STATISTICS_PERIOD_TYPES,
        required=True,
        default="monthly",
        help="How customer group statistics cut a year into periods. Weekly periods "
        "are Monday-to-Sunday weeks; fiscal periods are the months of the fiscal year.",
    )
    customer_statistics_year_basis = fields.Selection(
        STATISTICS_YEAR_BASES,
        string="Accumulate Statistics By",
        required=True,
        default="calendar",
        help="Whether statistics years, and year-to-date figures, follow the calendar "
        "or the company's fiscal year. A fiscal year is named after the calendar year "
        "it ends in.",
    )
    customer_statistics_allow_edit = fields.Boolean(
        string="Allow Edit of Statistics",
        help="Let accountants enter manual figures on customer group statistics, e.g. "
        "history from a previous system. Manual figures are kept apart from the "
        "computed ones.",
    )

    def _customer_statistics_period_settings(self):
        """The company's statistics period settings, as the arguments that follow the
        day or year in the rules of ``rules/periods.py``: period type, year basis,
        fiscal year last month and last day."""
        self.ensure_one()
        return (
            self.customer_statistics_period_type,
            self.customer_statistics_year_basis,
            int(self.fiscalyear_last_month),
            self.fiscalyear_last_day,
        )

    def write(self, vals):
        keys = [
            key
            for key in (
                "customer_statistics_period_type",
                "customer_statistics_year_basis",
                "fiscalyear_last_month",
                "fiscalyear_last_day",
                # The cash discount loss account sorts payment lines into discounts.
                "account_journal_early_pay_discount_loss_account_id",
            )
            if key in vals
        ]
        if not keys:
            return super().write(vals)
        before = {company: [company[key] for key in keys] for company in self}
        result = super().write(vals)
        changed = self.filtered(
            lambda company: before[company] != [company[key] for key in keys]
        )
        if changed:
            # Buckets of the old periods, or of the old sorting, mean nothing now.
            self.env["account.customer.statistic"].sudo()._rebuild(changed)
        return result
