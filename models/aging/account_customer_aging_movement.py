from contextlib import contextmanager

from odoo import api, fields, models
from odoo.tools import SQL

# Key, in the cursor's cache, of the journal items whose movements a change under way
# has taken back and adds again once it is done: a change made within it (the
# reconciliations a posting makes) leaves them to it.
PENDING = "account_customer_aging_pending"
KEY = ("company_id", "group_id", "retainage", "date", "date_maturity", "movement_date")


class AccountCustomerAgingMovement(models.Model):
    """What the receivable items open at any date add up to, by group and age, kept
    as the ledger changes: the summary of the aged receivables (groups x aging
    periods) reads these rows rather than every open item.

    A posted receivable item opens on its date for what it left open then, each
    reconciliation dated later takes its amount off on its date and, once nothing is
    left, the item closes. Each row is such a change, by company, customer group (the
    document's), retainage, document date, due date and the date it happens: what is
    open at an aging date is the sum of the rows dated on or before it, aged by their
    due or document date. Rows are only ever appended, each in the transaction that
    posts, reconciles or unposts, as the statistics are (so that concurrent postings
    never wait for one another), and ``_compact`` folds the rows of each key into one.

    What a balance-forward customer's unapplied credits pay is worked out at reading
    time, from that customer's items alone (``account.customer.aging.report``).
    """

    _name = "account.customer.aging.movement"
    _description = "Aged Receivables Movement"
    _log_access = False
    _order = "movement_date, company_id, group_id"

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, ondelete="cascade"
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id")
    # As on the documents: a group deleted leaves them, and its rows, in no group.
    group_id = fields.Many2one(
        "account.customer.group",
        string="Customer Group",
        readonly=True,
        ondelete="set null",
    )
    retainage = fields.Boolean(readonly=True)
    date = fields.Date(string="Document Date", required=True, readonly=True)
    date_maturity = fields.Date(string="Due Date", required=True, readonly=True)
    movement_date = fields.Date(
        required=True,
        readonly=True,
        help="Date from which the change counts: the item's date, or the date of "
        "the reconciliation.",
    )
    amount = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        help="Change of the open amount, in the company currency.",
    )
    item_count = fields.Integer(
        string="Open Items", readonly=True, help="Change of the number of open items."
    )

    @api.model
    def _movements_query(self, where):
        """The movements of the posted receivable items ``aml`` meeting ``where`` (an
        SQL condition), summed by key: what each brings to the open amount and to
        the number of open items at each of its dates, exactly as the aged
        receivables count them (``account.customer.aging.report._open_items``)."""
        return SQL(
            """
            WITH items AS (
                SELECT aml.id, aml.company_id, m.customer_group_id AS group_id,
                       aml.customer_retainage AS retainage, aml.date,
                       COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                       aml.amount_residual, aml.amount_residual_currency,
                       aml.reconciled
                  FROM account_move_line aml
                  JOIN account_move m ON m.id = aml.move_id
                  JOIN account_account a ON a.id = aml.account_id
                 WHERE a.account_type = 'asset_receivable'
                   AND aml.parent_state = 'posted'
                   AND %(where)s
            ), events AS (
                -- The item's date, and each date a reconciliation took something
                -- off (the debit side's amount, given back on the credit side).
                SELECT id, movement_date, SUM(amount) AS amount,
                       SUM(amount_currency) AS amount_currency
                  FROM (
                      SELECT id, date AS movement_date, 0 AS amount,
                             0 AS amount_currency
                        FROM items
                       UNION ALL
                      SELECT i.id, GREATEST(p.max_date, i.date), p.amount,
                             p.debit_amount_currency
                        FROM items i
                        JOIN account_partial_reconcile p ON p.debit_move_id = i.id
                       UNION ALL
                      SELECT i.id, GREATEST(p.max_date, i.date), -p.amount,
                             -p.credit_amount_currency
                        FROM items i
                        JOIN account_partial_reconcile p ON p.credit_move_id = i.id
                  ) e
                 GROUP BY id, movement_date
            ), states AS (
                -- What is open from each date on: what is open today plus what
                -- the reconciliations dated after it took off; open while one is
                -- to come or the item is not reconciled.
                SELECT e.id, e.movement_date,
                       i.amount_residual + SUM(e.amount) OVER item
                           - SUM(e.amount) OVER upto AS residual,
                       i.amount_residual_currency + SUM(e.amount_currency) OVER item
                           - SUM(e.amount_currency) OVER upto AS residual_currency,
                       NOT i.reconciled
                           OR e.movement_date < MAX(e.movement_date) OVER item
                           AS is_open
                  FROM events e
                  JOIN items i ON i.id = e.id
                WINDOW item AS (PARTITION BY e.id),
                       upto AS (PARTITION BY e.id ORDER BY e.movement_date)
            ), valued AS (
                SELECT id, movement_date, residual AS amount,
                       CASE WHEN is_open AND (residual != 0 OR residual_currency != 0)
                            THEN 1 ELSE 0 END AS item_count
                  FROM states
            ), changes AS (
                SELECT id, movement_date,
                       amount - COALESCE(LAG(amount) OVER item, 0) AS amount,
                       item_count - COALESCE(LAG(item_count) OVER item, 0)
                           AS item_count
                  FROM valued
                WINDOW item AS (PARTITION BY id ORDER BY movement_date)
            )
            SELECT i.company_id, i.group_id, i.retainage, i.date, i.date_maturity,
                   c.movement_date, SUM(c.amount) AS amount,
                   SUM(c.item_count) AS item_count
              FROM changes c
              JOIN items i ON i.id = c.id
             GROUP BY i.company_id, i.group_id, i.retainage, i.date, i.date_maturity,
                      c.movement_date
            HAVING SUM(c.amount) != 0 OR SUM(c.item_count) != 0
            """,
            where=where,
        )

    @api.model
    def _insert(self, movements, sign=1, from_no_group=False):
        """Append ``movements`` (a ``_movements_query``) times ``sign`` and, when
        ``from_no_group``, take the same back from no group: their documents, in none
        until now, record a group."""
        sides = [SQL("(%s, FALSE)", sign)]
        if from_no_group:
            sides.append(SQL("(%s, TRUE)", -sign))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO account_customer_aging_movement (%(columns)s)
                SELECT company_id,
                       CASE WHEN NOT side.no_group THEN group_id END,
                       retainage, date, date_maturity, movement_date,
                       side.sign * amount, side.sign * item_count
                  FROM (%(movements)s) movements
                 CROSS JOIN (VALUES %(sides)s) AS side(sign, no_group)
                """,
                columns=SQL(", ").join(
                    map(SQL.identifier, (*KEY, "amount", "item_count"))
                ),
                movements=movements,
                sides=SQL(", ").join(sides),
            )
        )

    @api.model
    def _flush_ledger(self):
        """Write to the database what the aged receivables read of the ledger, and
        that alone: a change under way (a posting) goes on after this, and what it
        writes later would otherwise be written twice."""
        depends = self.env["account.customer.aging.report"]._depends
        for model in (
            "account.move.line",
            "account.move",
            "account.account",
            "account.partial.reconcile",
        ):
            self.env[model].flush_model(depends[model])

    @api.model
    def _apply(self, lines, sign):
        """Append what the posted receivable items among ``lines`` bring (sign 1) or
        take back (sign -1)."""
        lines = lines.filtered(
            lambda line: (
                line.parent_state == "posted"
                and line.account_id.account_type == "asset_receivable"
            )
        )
        if not lines:
            return
        self._flush_ledger()
        self._insert(self._movements_query(SQL("aml.id = ANY(%s)", lines.ids)), sign)

    @api.model
    def _regroup(self, moves):
        """Move what the posted documents ``moves``, in no group until now, bring from
        no group to the group they record: one query, however many they are (the
        history a customer brings along when joining a group)."""
        if not moves:
            return
        self.env.flush_all()
        self._insert(
            self._movements_query(SQL("aml.move_id = ANY(%s)", moves.ids)),
            from_no_group=True,
        )

    @contextmanager
    def _tracking(self, lines):
        """Keep the movements of ``lines`` through a change of them: take back what
        they bring before it, add what they bring after it. A change within
        another that tracks the same items leaves them to the outer one."""
        pending = self.env.cr.cache.setdefault(PENDING, set())
        lines = lines.filtered(lambda line: line.id not in pending)
        self._apply(lines, -1)
        pending.update(lines.ids)
        try:
            yield
        finally:
            pending.difference_update(lines.ids)
        self._apply(lines, 1)

    @api.model
    def _rebuild(self):
        """Replace every movement by the ledger's, in SQL (installing, upgrading)."""
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM account_customer_aging_movement")
        self._insert(self._movements_query(SQL("TRUE")))
        self.invalidate_model()

    @api.model
    def _drift(self):
        """The keys whose movements differ from the ledger's, as dicts of the key
        and the differences (``amount``, ``item_count``)."""
        self.env.flush_all()
        key = SQL(", ").join(map(SQL.identifier, KEY))
        return self.env.execute_query_dict(
            SQL(
                """
                SELECT %(key)s, SUM(amount) AS amount, SUM(item_count) AS item_count
                  FROM (
                      SELECT %(key)s, amount, item_count
                        FROM account_customer_aging_movement
                       UNION ALL
                      SELECT %(key)s, -amount, -item_count
                        FROM (%(ledger)s) ledger
                  ) both_sides
                 GROUP BY %(key)s
                HAVING SUM(amount) != 0 OR SUM(item_count) != 0
                 ORDER BY %(key)s
                """,
                key=key,
                ledger=self._movements_query(SQL("TRUE")),
            )
        )

    @api.model
    def _compact(self):
        """Fold the rows of each key that has several into one, in one statement;
        keys whose rows add up to nothing go. Postings running meanwhile append rows
        this transaction does not see: they neither wait for it nor collide with it.
        Runs from the cron job "Customer groups: compact aged receivables", which
        Odoo never runs twice at once."""
        self.env.flush_all()
        key = SQL(", ").join(map(SQL.identifier, KEY))
        self.env.cr.execute(
            SQL(
                """
                WITH folded AS (
                    DELETE FROM account_customer_aging_movement
                     WHERE id IN (
                         SELECT id
                           FROM (SELECT id, COUNT(*) OVER (PARTITION BY %(key)s) AS rows
                                   FROM account_customer_aging_movement) keyed
                          WHERE rows > 1)
                 RETURNING *
                )
                INSERT INTO account_customer_aging_movement
                       (%(key)s, amount, item_count)
                SELECT %(key)s, SUM(amount), SUM(item_count)
                  FROM folded
                 GROUP BY %(key)s
                HAVING SUM(amount) != 0 OR SUM(item_count) != 0
                """,
                key=key,
            )
        )
        self.invalidate_model()

    @api.model
    def _cron_compact(self):
        self.sudo()._compact()
