from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

from .account_customer_statistic import _BUCKET_KEY, _MEASURES, _measure_sums

# The contributions' columns naming a bucket: the bucket's key with the day instead of
# its year and period (mapped to them afterwards).
_CONTRIBUTION_KEY = tuple(
    "day" if name == "year" else name for name, _type in _BUCKET_KEY if name != "period"
)


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
        contribution_columns = [*_CONTRIBUTION_KEY, *(name for name, _ in _MEASURES)]
        cr.execute(
            SQL(
                """
                CREATE TEMPORARY TABLE stat_contrib ON COMMIT DROP AS
                SELECT %(keys)s, %(sums)s
                  FROM (%(contributions)s) AS c(%(columns)s)
                 GROUP BY %(keys)s
                """,
                keys=SQL(", ").join(
                    SQL.identifier("c", name) for name in _CONTRIBUTION_KEY
                ),
                sums=_measure_sums("c"),
                contributions=self._contribution_query(company_ids=companies.ids),
                columns=SQL(", ").join(map(SQL.identifier, contribution_columns)),
            )
        )
        cr.execute(
            "SELECT company_id, MIN(day), MAX(day) FROM stat_contrib "
            "GROUP BY company_id"
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
        # The bucket's key: its year and period from the day's, the rest as summed.
        keys = SQL(", ").join(
            SQL.identifier("p" if name in ("year", "period") else "c", name)
            for name, _type in _BUCKET_KEY
        )
        return SQL(
            """
            SELECT %(keys)s, %(sums)s
              FROM stat_contrib c
              JOIN unnest(%(companies)s::int[], %(days)s::date[], %(years)s::int[],
                          %(periods)s::int[]) AS p(company_id, day, year, period)
                ON p.company_id = c.company_id AND p.day = c.day
             GROUP BY %(keys)s
            """,
            keys=keys,
            sums=_measure_sums("c"),
            companies=map_company,
            days=map_day,
            years=map_year,
            periods=map_period,
        )

    @api.model
    def _rebuild(self, companies):
        """Replace the computed buckets of ``companies`` by the ledger's figures, in
        SQL."""
        self.env.flush_all()
        rebuilt = self._rebuilt_buckets_query(companies)
        self.env.cr.execute(
            SQL(
                "DELETE FROM account_customer_statistic WHERE company_id = ANY(%s)",
                companies.ids,
            )
        )
        columns = [name for name, _type in _BUCKET_KEY + _MEASURES]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO account_customer_statistic
                       (%(columns)s, create_uid, create_date, write_uid, write_date)
                SELECT %(values)s, %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM (%(rebuilt)s) r
                """,
                columns=SQL(", ").join(map(SQL.identifier, columns)),
                values=SQL(", ").join(SQL.identifier("r", name) for name in columns),
                uid=self.env.uid,
                rebuilt=rebuilt,
            )
        )
        self.env.cr.execute("DROP TABLE stat_contrib")
        self.invalidate_model()

    @api.model
    def _drift(self, companies):
        """Buckets whose stored figures (the sums of their rows) differ from the
        ledger's, as a list of dicts."""
        self.env.flush_all()
        rebuilt = self._rebuilt_buckets_query(companies)
        keys = [name for name, _type in _BUCKET_KEY]
        measures = [name for name, _type in _MEASURES]

        def zero_if_null(alias, name):
            return SQL("COALESCE(%s, 0)", SQL.identifier(alias, name))

        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT %(keys)s, %(differences)s
                  FROM (SELECT %(key_columns)s, %(sums)s
                          FROM account_customer_statistic
                         WHERE company_id = ANY(%(companies)s)
                         GROUP BY %(key_columns)s) s
                  FULL JOIN (%(rebuilt)s) r ON %(same_bucket)s
                 WHERE %(differ)s
                 ORDER BY %(order)s
                """,
                keys=SQL(", ").join(
                    SQL(
                        "COALESCE(%s, %s) AS %s",
                        SQL.identifier("s", name),
                        SQL.identifier("r", name),
                        SQL.identifier(name),
                    )
                    for name in keys
                ),
                differences=SQL(", ").join(
                    SQL(
                        "%s - %s AS %s",
                        zero_if_null("s", name),
                        zero_if_null("r", name),
                        SQL.identifier(name),
                    )
                    for name in measures
                ),
                key_columns=SQL(", ").join(map(SQL.identifier, keys)),
                sums=_measure_sums("account_customer_statistic"),
                companies=companies.ids,
                rebuilt=rebuilt,
                same_bucket=SQL(" AND ").join(
                    SQL("%s = %s", SQL.identifier("r", name), SQL.identifier("s", name))
                    for name in keys
                ),
                differ=SQL(" OR ").join(
                    SQL("%s != %s", zero_if_null("s", name), zero_if_null("r", name))
                    for name in measures
                ),
                # By position: the key columns, in their order.
                order=SQL(", ").join(SQL(str(index + 1)) for index in range(len(keys))),
            )
        )
        self.env.cr.execute("DROP TABLE stat_contrib")
        return rows
