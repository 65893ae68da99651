from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools.misc import formatLang

from ...rules import inheritance, periods
from ..actions import success_notification

# The figures of the Statistics page, each for the period shown and, as ytd_<name>,
# for the year to date: (name, field class, label, what it measures, options).
_PAGE_FIGURES = (
    (
        "days_to_pay_total",
        fields.Integer,
        "Total Days to Pay",
        "Days it took to pay the invoices fully paid in %s.",
        {},
    ),
    (
        "paid_invoice_count",
        fields.Integer,
        "Invoices Paid",
        "Invoices fully paid in %s.",
        {},
    ),
    (
        "average_days_to_pay",
        fields.Float,
        "Average Days to Pay",
        "Total days to pay / invoices paid in %s.",
        {"digits": (16, 1)},
    ),
    (
        "average_days_late",
        fields.Float,
        "Average Days Late",
        (
            "Days from each installment's due date to its payment, weighted by the "
            "installments' amounts, for the invoices fully paid in %s. Negative "
            "when paid early."
        ),
        {"digits": (16, 1)},
    ),
    (
        "payment_timing",
        fields.Char,
        "Average Payment",
        (
            "How long after or before their due dates the installments of the invoices "
            "fully paid in %s were paid, on average weighted by amount."
        ),
        {},
    ),
)


def _page_figure_fields():
    """The period's and the year to date's field of each of ``_PAGE_FIGURES``."""
    return {
        f"{prefix}{name}": field_class(
            string=f"{label_prefix}{label}",
            compute="_compute_statistics",
            help=help_text % span,
            **options,
        )
        for name, field_class, label, help_text, options in _PAGE_FIGURES
        for prefix, label_prefix, span in (
            ("", "", "the period"),
            ("ytd_", "YTD ", "the year to date"),
        )
    }


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    # Statistics page: the year and period shown are picked on the form, not stored.
    statistics_year = fields.Integer(
        compute="_compute_statistics_selection",
        readonly=False,
        help="Statistics year shown, named after the calendar year it ends in.",
    )
    statistics_period = fields.Integer(
        compute="_compute_statistics_selection",
        readonly=False,
        help="Period of the year shown, from 1; the period type is set in Accounting "
        "settings.",
    )
    statistics_period_range = fields.Char(
        string="Period Dates", compute="_compute_statistics"
    )
    statistic_line_ids = fields.One2many(
        "account.customer.statistic.report",
        string="Statistics",
        compute="_compute_statistics",
        help="Computed and manual figures of the period shown, per transaction type.",
    )
    locals().update(_page_figure_fields())

    def _compute_statistics_selection(self):
        today = fields.Date.context_today(self)
        for group in self:
            group.statistics_year, group.statistics_period = periods.statistics_period(
                today, *group._statistics_settings()
            )

    @api.depends("statistics_year", "statistics_period")
    def _compute_statistics(self):
        report = self.env["account.customer.statistic.report"]
        for group in self:
            year, period = group.statistics_year, group.statistics_period
            settings = group._statistics_settings()
            try:
                first, last = periods.statistics_period_bounds(year, period, *settings)
            except ValueError:
                count = (
                    periods.statistics_period_count(year, *settings) if year > 0 else 0
                )
                group.statistics_period_range = self.env._(
                    "Choose a period from 1 to %s", count
                )
                group.statistic_line_ids = report
                group.days_to_pay_total = group.paid_invoice_count = 0
                group.ytd_days_to_pay_total = group.ytd_paid_invoice_count = 0
                group.average_days_to_pay = group.ytd_average_days_to_pay = 0.0
                group.average_days_late = group.ytd_average_days_late = 0.0
                group.payment_timing = group.ytd_payment_timing = False
                continue
            group.statistics_period_range = (
                f"{fields.Date.to_string(first)} - {fields.Date.to_string(last)}"
            )
            year_domain = Domain(
                [("group_id", "=", group._origin.id), ("year", "=", year)]
            )
            # Only the days to pay of the invoices paid land in a bucket with no
            # amount: the page shows those above the lines.
            group.statistic_line_ids = report.search_fetch(
                year_domain
                & Domain("period", "=", period)
                & (Domain("amount_company", "!=", 0) | Domain("count", "!=", 0)),
                [
                    "source",
                    "transaction_type",
                    "currency_id",
                    "amount",
                    "amount_company",
                    "count",
                ],
            )
            # The period's figures and the year's to date, from one grouped read.
            by_period = report._read_group(
                year_domain & Domain("period", "<=", period),
                ["period"],
                [
                    "days_to_pay_total:sum",
                    "paid_count:sum",
                    "days_late_weighted:sum",
                    "days_late_base:sum",
                ],
            )
            figures = [0, 0, 0.0, 0.0]
            ytd_figures = [0, 0, 0.0, 0.0]
            for row_period, *measures in by_period:
                for index, value in enumerate(measures):
                    ytd_figures[index] += value or 0
                    if row_period == period:
                        figures[index] += value or 0
            days, paid, late, late_base = figures
            ytd_days, ytd_paid, ytd_late, ytd_late_base = ytd_figures
            group.average_days_late = inheritance.average_days_late(late, late_base)
            group.ytd_average_days_late = inheritance.average_days_late(
                ytd_late, ytd_late_base
            )
            group.payment_timing = (
                group._payment_timing_label(group.average_days_late)
                if late_base
                else False
            )
            group.ytd_payment_timing = (
                group._payment_timing_label(group.ytd_average_days_late)
                if ytd_late_base
                else False
            )
            group.days_to_pay_total, group.paid_invoice_count = days, paid
            group.ytd_days_to_pay_total, group.ytd_paid_invoice_count = (
                ytd_days,
                ytd_paid,
            )
            group.average_days_to_pay = periods.average_days_to_pay(days, paid)
            group.ytd_average_days_to_pay = periods.average_days_to_pay(
                ytd_days, ytd_paid
            )

    def _payment_timing_label(self, average_days_late):
        when, days = periods.payment_timing(average_days_late)
        days = formatLang(self.env, days, digits=1)
        if when == periods.PAID_LATE:
            return self.env._("%(days)s days late", days=days)
        if when == periods.PAID_EARLY:
            return self.env._("%(days)s days early", days=days)
        return self.env._("On time")

    def action_recalculate_statistics(self):
        """Rebuild the computed statistics of the groups' companies from the ledger.

        Manual figures are kept. Callable over RPC, e.g. ``execute_kw(db, uid, key,
        "account.customer.group", "action_recalculate_statistics", [ids])``."""
        self.check_access("write")
        companies = self.company_id or self.env.companies
        self.env["account.customer.statistic"].sudo()._rebuild(companies)
        return success_notification(
            self.env._(
                "Statistics recalculated from the ledger for %s.",
                ", ".join(companies.mapped("name")),
            )
        )

    @api.readonly
    def action_open_statistics_analysis(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_statistic_report"
        )
        action["domain"] = [("group_id", "in", self.ids)]
        action["context"] = {"search_default_group_by_year": 1}
        return action

    def action_open_statistic_adjustments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_statistic_adjustment"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {
            "default_group_id": self.id,
            "default_year": self.statistics_year,
            "default_period": self.statistics_period,
        }
        return action

    @api.readonly
    def get_statistics_drift(self):
        """Buckets whose stored figures differ from what the ledger gives, for the
        groups' companies: a list of dicts with the bucket keys and the differences
        (stored - ledger). An empty list means the statistics are exact."""
        self.check_access("read")
        companies = self.company_id or self.env.companies
        drift = self.env["account.customer.statistic"].sudo()._drift(companies)
        if self:
            drift = [row for row in drift if row["group_id"] in self.ids]
        for row in drift:
            for key in (
                "amount",
                "amount_company",
                "days_late_weighted",
                "days_late_base",
            ):
                row[key] = float(row[key])
        return drift

    def _statistics_settings(self):
        company = self.company_id or self.env.company
        return company._customer_statistics_period_settings()

    @api.model
    def _cron_recalculate_statistics(self):
        self.env["account.customer.statistic"].sudo()._rebuild(
            self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )
