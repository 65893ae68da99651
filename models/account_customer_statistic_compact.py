from odoo import api, models
from odoo.tools import SQL

from .account_customer_statistic import _BUCKET_KEY, _MEASURES, _measure_sums


class AccountCustomerStatistic(models.Model):
    _inherit = "account.customer.statistic"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _compact(self):
        """Fold the rows of each bucket into one, in one statement; buckets whose rows
        add up to nothing are removed.

        Postings running meanwhile only append rows this transaction does not see, so
        they neither wait for it nor collide with it: their rows stay beside the folded
        one. Runs from the cron job "Customer groups: compact statistics", which Odoo
        never runs twice at once.
        """
        self.env.flush_all()
        keys = [name for name, _type in _BUCKET_KEY]
        measures = [name for name, _type in _MEASURES]
        self.env.cr.execute(
            SQL(
                """
                WITH parted AS (
                    SELECT %(keys)s FROM account_customer_statistic
                     GROUP BY %(keys)s
                    HAVING COUNT(*) > 1
                ), folded AS (
                    DELETE FROM account_customer_statistic s
                     USING parted p
                     WHERE %(same_bucket)s
                 RETURNING s.*
                )
                INSERT INTO account_customer_statistic
                       (%(columns)s, create_uid, create_date, write_uid, write_date)
                SELECT %(keys)s, %(sums)s, %(uid)s, MIN(create_date),
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM folded
                 GROUP BY %(keys)s
                HAVING %(not_empty)s
                """,
                keys=SQL(", ").join(map(SQL.identifier, keys)),
                same_bucket=SQL(" AND ").join(
                    SQL("%s = %s", SQL.identifier("s", name), SQL.identifier("p", name))
                    for name in keys
                ),
                columns=SQL(", ").join(map(SQL.identifier, keys + measures)),
                sums=_measure_sums("folded"),
                uid=self.env.uid,
                not_empty=SQL(" OR ").join(
                    SQL("SUM(%s) != 0", SQL.identifier(name)) for name in measures
                ),
            )
        )
        self.invalidate_model()

    @api.model
    def _cron_compact(self):
        self.sudo()._compact()
