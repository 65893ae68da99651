import functools

from odoo import fields, models
from odoo.tools import SQL

from ..models.statistics.account_customer_statistic import TRANSACTION_TYPES
from ..rules import periods


@functools.lru_cache(maxsize=4096)
def _period_label(year, period, settings):
    """ "first day - last day" of a period under a company's period ``settings``, or
    None for a period its year does not have. Every query of the analysis labels every
    period that has figures: the same few hundred, again and again."""
    try:
        first, last = periods.statistics_period_bounds(year, period, *settings)
    except ValueError:
        return None
    return f"{first.isoformat()} - {last.isoformat()}"


def _amount_by_type_fields():
    """One measure a transaction type: the amount of that type alone, so that a
    pivot's totals add invoices to invoices and receipts to receipts."""
    return {
        f"amount_{ttype}": fields.Monetary(
            string=label,
            currency_field="company_currency_id",
            readonly=True,
            help=f"Amount of the {label.lower()}, in the company currency.",
        )
        for ttype, label in TRANSACTION_TYPES
    }


class AccountCustomerStatisticReport(models.Model):
    """Computed and manual statistics side by side, for the group form, pivot and
    graph."""

    _name = "account.customer.statistic.report"
    _description = "Customer Group Statistics Analysis"
    _auto = False
    _order = "year desc, period desc, group_id, transaction_type, source"

    source = fields.Selection(
        [("computed", "Computed"), ("manual", "Manual")],
        readonly=True,
        help="Computed figures come from the ledger; manual ones were entered by hand.",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    group_id = fields.Many2one(
        "account.customer.group", string="Customer Group", readonly=True
    )
    year = fields.Integer(readonly=True, aggregator=None)
    period = fields.Integer(readonly=True, aggregator=None)
    period_label = fields.Char(
        string="Period Dates",
        readonly=True,
        help="First and last day of the period, by the company's period settings.",
    )
    transaction_type = fields.Selection(TRANSACTION_TYPES, readonly=True)
    currency_id = fields.Many2one(
        "res.currency", string="Document Currency", readonly=True
    )
    amount = fields.Monetary(string="Amount in Document Currency", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    amount_company = fields.Monetary(
        string="Amount",
        currency_field="company_currency_id",
        readonly=True,
        help="Amount of the line's transaction type, in the company currency. Adding "
        "lines of different types adds unlike things: use the measure of each type.",
    )
    count = fields.Integer(readonly=True)
    locals().update(_amount_by_type_fields())
    days_to_pay_total = fields.Integer(string="Total Days to Pay", readonly=True)
    paid_count = fields.Integer(string="Invoices Paid", readonly=True)
    # Read by the group's Statistics page, which shows their ratio; meaningless
    # as measures of their own.
    days_late_weighted = fields.Float(
        string="Days Late x Amount", readonly=True, aggregator=None
    )
    days_late_base = fields.Monetary(
        string="Amount of Installments Paid",
        currency_field="company_currency_id",
        readonly=True,
        aggregator=None,
    )

    def _period_labels(self):
        """SQL rows (company, year, period, label) naming the periods that have
        figures with their dates: the bounds depend on each company's settings,
        which SQL cannot apply."""
        self.env.cr.execute(
            """
            SELECT company_id, year, period FROM account_customer_statistic
             UNION
            SELECT company_id, year, period FROM account_customer_statistic_adjustment
            """
        )
        rows = []
        companies = self.env["res.company"].sudo()
        settings = {}
        for company_id, year, period in self.env.cr.fetchall():
            if company_id not in settings:
                settings[company_id] = companies.browse(
                    company_id
                )._customer_statistics_period_settings()
            label = _period_label(year, period, settings[company_id])
            if label:
                rows.append(SQL("(%s, %s, %s, %s)", company_id, year, period, label))
        if not rows:
            return SQL("SELECT NULL::int, NULL::int, NULL::int, NULL::varchar LIMIT 0")
        return SQL("VALUES %s", SQL(", ").join(rows))

    @property
    def _table_query(self):
        # One computed line per bucket, whatever number of rows it has until they are
        # compacted. Even ids for computed lines, odd ids for manual ones: unique.
        return SQL(
            """
            SELECT r.*, COALESCE(l.label, r.year || ' / ' || r.period) AS period_label,
                   %s
              FROM (
            SELECT MIN(s.id) * 2 AS id, 'computed' AS source, s.company_id,
                   s.group_id, s.year, s.period, s.transaction_type, s.currency_id,
                   SUM(s.amount) AS amount, c.currency_id AS company_currency_id,
                   SUM(s.amount_company) AS amount_company, SUM(s.count) AS count,
                   SUM(s.days_to_pay_total) AS days_to_pay_total,
                   SUM(s.paid_count) AS paid_count,
                   SUM(s.days_late_weighted) AS days_late_weighted,
                   SUM(s.days_late_base) AS days_late_base
              FROM account_customer_statistic s
              JOIN res_company c ON c.id = s.company_id
             GROUP BY s.company_id, c.currency_id, s.group_id, s.year, s.period,
                      s.transaction_type, s.currency_id
            UNION ALL
            SELECT a.id * 2 + 1, 'manual', a.company_id, a.group_id, a.year, a.period,
                   a.transaction_type, c.currency_id, a.amount, c.currency_id,
                   a.amount, a.count, a.days_to_pay_total, a.paid_count, 0.0, 0.0
              FROM account_customer_statistic_adjustment a
              JOIN res_company c ON c.id = a.company_id
                   ) r
              LEFT JOIN (%s) l(company_id, year, period, label)
                ON l.company_id = r.company_id AND l.year = r.year
               AND l.period = r.period
            """,
            SQL(", ").join(
                SQL(
                    "CASE WHEN r.transaction_type = %s THEN r.amount_company "
                    "ELSE 0 END AS %s",
                    ttype,
                    SQL.identifier(f"amount_{ttype}"),
                )
                for ttype, _label in TRANSACTION_TYPES
            ),
            self._period_labels(),
        )
