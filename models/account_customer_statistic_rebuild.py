from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL


class AccountCustomerStatistic(models.Model):
    _inherit = "account.customer.statistic"

    def _rebuilt_buckets_query(self, companies):
        """SQL selecting the buckets of ``companies`` as the ledger gives them.

        Fills the temporary table ``stat_contrib`` with the contributions per day first:
        the days it spans are mapped to their periods by the same Python rules as the
        live updates, then joined back in SQL.
        """
        cr = self.env.cr
        cr.execute("DROP TABLE IF EXISTS stat_contrib")
        cr.execute(
            SQL(
                """
                CREATE TEMPORARY TABLE stat_contrib ON COMMIT DROP AS
                SELECT c.company_id, c.group_id, c.day, c.kind AS transaction_type, c.currency_id,
                       SUM(c.amount) AS amount, SUM(c.amount_company) AS amount_company,
                       SUM(c.count)::int AS count, SUM(c.days)::int AS days_to_pay_total,
                       SUM(c.paid)::int AS paid_count, SUM(c.late) AS days_late_weighted,
                       SUM(c.late_base) AS days_late_base
                  FROM (%s) AS c(company_id, group_id, day, kind, currency_id, amount, amount_company,
                                 count, days, paid, late, late_base)
                 GROUP BY c.company_id, c.group_id, c.day, c.kind, c.currency_id
                """,
                self._contribution_query(company_ids=companies.ids),
            )
        )
        cr.execute(
            "SELECT company_id, MIN(day), MAX(day) FROM stat_contrib GROUP BY company_id"
        )
        map_company, map_day, map_year, map_period = [], [], [], []
        for company_id, first, last in cr.fetchall():
            bucket = self._period_mapper(companies.browse(company_id))
            for offset in range((last - first).days + 1):
                day = first + timedelta(days=offset)
                year, period = bucket(day)
                map_company.append(company_id)
                map_day.append(day)
                map_year.append(year)
                map_period.append(period)
        return SQL(
            """
            SELECT c.company_id, c.group_id, p.year, p.period, c.transaction_type, c.currency_id,
                   SUM(c.amount) AS amount, SUM(c.amount_company) AS amount_company,
                   SUM(c.count)::int AS count, SUM(c.days_to_pay_total)::int AS days_to_pay_total,
                   SUM(c.paid_count)::int AS paid_count, SUM(c.days_late_weighted) AS days_late_weighted,
                   SUM(c.days_late_base) AS days_late_base
              FROM stat_contrib c
              JOIN unnest(%s::int[], %s::date[], %s::int[], %s::int[]) AS p(company_id, day, year, period)
                ON p.company_id = c.company_id AND p.day = c.day
             GROUP BY c.company_id, c.group_id, p.year, p.period, c.transaction_type, c.currency_id
            """,
            map_company,
            map_day,
            map_year,
            map_period,
        )

    @api.model
    def _rebuild(self, companies):
        """Replace the computed buckets of ``companies`` by the ledger's figures, in SQL."""
        self.env.flush_all()
        rebuilt = self._rebuilt_buckets_query(companies)
        self.env.cr.execute(
            SQL(
                "DELETE FROM account_customer_statistic WHERE company_id = ANY(%s)",
                companies.ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO account_customer_statistic
                       (company_id, group_id, year, period, transaction_type, currency_id, amount,
                        amount_company, count, days_to_pay_total, paid_count, days_late_weighted,
                        days_late_base, create_uid, create_date, write_uid, write_date)
                SELECT r.*, %s, NOW() AT TIME ZONE 'UTC', %s, NOW() AT TIME ZONE 'UTC'
                  FROM (%s) r
                """,
                self.env.uid,
                self.env.uid,
                rebuilt,
            )
        )
        self.env.cr.execute("DROP TABLE stat_contrib")
        self.invalidate_model()

    @api.model
    def _drift(self, companies):
        """Buckets whose stored figures differ from the ledger's, as a list of dicts."""
        self.env.flush_all()
        rebuilt = self._rebuilt_buckets_query(companies)
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT COALESCE(s.company_id, r.company_id) AS company_id,
                       COALESCE(s.group_id, r.group_id) AS group_id,
                       COALESCE(s.year, r.year) AS year, COALESCE(s.period, r.period) AS period,
                       COALESCE(s.transaction_type, r.transaction_type) AS transaction_type,
                       COALESCE(s.currency_id, r.currency_id) AS currency_id,
                       COALESCE(s.amount, 0) - COALESCE(r.amount, 0) AS amount,
                       COALESCE(s.amount_company, 0) - COALESCE(r.amount_company, 0) AS amount_company,
                       COALESCE(s.count, 0) - COALESCE(r.count, 0) AS count,
                       COALESCE(s.days_to_pay_total, 0) - COALESCE(r.days_to_pay_total, 0) AS days_to_pay_total,
                       COALESCE(s.paid_count, 0) - COALESCE(r.paid_count, 0) AS paid_count,
                       COALESCE(s.days_late_weighted, 0) - COALESCE(r.days_late_weighted, 0) AS days_late_weighted,
                       COALESCE(s.days_late_base, 0) - COALESCE(r.days_late_base, 0) AS days_late_base
                  FROM (SELECT * FROM account_customer_statistic WHERE company_id = ANY(%s)) s
                  FULL JOIN (%s) r
                    ON r.company_id = s.company_id AND r.group_id = s.group_id AND r.year = s.year
                   AND r.period = s.period AND r.transaction_type = s.transaction_type
                   AND r.currency_id = s.currency_id
                 WHERE COALESCE(s.amount, 0) != COALESCE(r.amount, 0)
                    OR COALESCE(s.amount_company, 0) != COALESCE(r.amount_company, 0)
                    OR COALESCE(s.count, 0) != COALESCE(r.count, 0)
                    OR COALESCE(s.days_to_pay_total, 0) != COALESCE(r.days_to_pay_total, 0)
                    OR COALESCE(s.paid_count, 0) != COALESCE(r.paid_count, 0)
                    OR COALESCE(s.days_late_weighted, 0) != COALESCE(r.days_late_weighted, 0)
                    OR COALESCE(s.days_late_base, 0) != COALESCE(r.days_late_base, 0)
                 ORDER BY 1, 2, 3, 4, 5, 6
                """,
                companies.ids,
                rebuilt,
            )
        )
        self.env.cr.execute("DROP TABLE stat_contrib")
        return rows
