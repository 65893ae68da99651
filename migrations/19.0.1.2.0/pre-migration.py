# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.2.0 makes the account set the one source of the customer currency:
the group's ``currency_id`` becomes a stored related field of its account set's.

Odoo does not recompute a stored field that was already a column, so the values
are brought together here: an account set without a currency takes the one its
groups agree on, then every group takes its account set's. Groups of one set
that disagree keep nothing they could not share: they are logged.

Invoices get a retainage percentage and period, stored fields computed from the
customer. Created here, the columns are not computed for every existing journal
entry: invoices posted before had no retainage (NULL reads as 0).
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        ALTER TABLE account_move
            ADD COLUMN IF NOT EXISTS customer_retainage_percent numeric,
            ADD COLUMN IF NOT EXISTS customer_retainage_days int4
        """
    )
    cr.execute(
        """
        UPDATE account_customer_account_set s
           SET currency_id = agreed.currency_id
          FROM (
              SELECT account_set_id, MIN(currency_id) AS currency_id
                FROM account_customer_group
               WHERE currency_id IS NOT NULL
               GROUP BY account_set_id
              HAVING COUNT(DISTINCT currency_id) = 1
          ) agreed
         WHERE s.id = agreed.account_set_id AND s.currency_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE account_customer_group g
           SET currency_id = s.currency_id
          FROM account_customer_account_set s
         WHERE s.id = g.account_set_id
           AND g.currency_id IS DISTINCT FROM s.currency_id
        RETURNING g.id, g.code
        """
    )
    for group_id, code in cr.fetchall():
        _logger.warning(
            "Customer group %s (id %s) now has the currency of its account set",
            code,
            group_id,
        )
