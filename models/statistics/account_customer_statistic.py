from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ...rules import periods
from . import statistic_queries
from .statistic_queries import BUCKET_KEY, MEASURES, measure_sums

TRANSACTION_TYPES = [
    ("invoice", "Invoices"),
    ("receipt", "Receipts"),
    ("discount", "Discounts"),
    ("credit_note", "Credit Notes"),
    ("debit_note", "Debit Notes"),
    ("adjustment", "Adjustments"),
    ("write_off", "Write-Offs"),
    ("interest", "Interest Charges"),
    ("returned_check", "Returned Checks"),
    ("refund", "Refunds"),
]


class AccountCustomerStatistic(models.Model):
    """Statistics of a customer group computed from the ledger: one bucket per company,
    group, year, period, transaction type and currency.

    Only posted documents count, each under the customer group recorded on it when it
    was posted (``account.move.customer_group_id``), on its accounting date. Transaction
    types map to Odoo documents as follows (amounts are positive):

    - invoice: customer invoices and sales receipts (``out_invoice``, ``out_receipt``)
      that are neither debit notes nor interest charges; amount = invoice total;
    - debit_note: customer invoices debiting an original invoice (``debit_origin_id`` of
      Odoo's Debit Notes module; without that module there are no debit notes);
    - interest: customer invoices charging interest (made by Charge Interest, their
      lines naming the overdue item) or posted in the journal of an interest profile;
    - credit_note: customer credit notes (``out_refund``);
    - receipt: journal entries of inbound customer payments; amount = payment amount;
    - refund: journal entries of outbound customer payments (money paid back to
      customers);
    - discount: early payment discount lines of customer payments (lines on the
      company's cash discount loss account or on an account set's discount account);
    - write_off: other write-off lines of customer payments (payment differences written
      off when registering the payment);
    - returned_check: reversals of received payments' journal entries (a bounced
      cheque);
    - adjustment: any other posted entry on the customer, amount = its receivable
      amount. Entries moving an advance from a prepayment liability account to the
      receivable are part of the receipt and count for nothing; so do the lines of a
      receipt on a prepayment account.

    Days to pay: when a customer invoice becomes fully paid, the days from its invoice
    date to the date of its last payment are added, with one paid invoice, to the
    invoice bucket of the period of that payment. Unreconciling the payment takes them
    back.

    Days late, per installment: with the same invoice and in the same bucket, each of
    its receivable lines adds its amount (company currency) times the days from its due
    date to its reconciliation date (negative when paid early), and its amount. Their
    ratio is the average days late weighted by amount, which payment terms with several
    installments do not distort the way days to pay (from the invoice date) are.

    The figures are kept up to date in the transaction that changes the ledger: it
    appends what its documents add to (or take back from) each bucket as new rows, and
    never updates a row. A bucket's figures are the sum of its rows, so read them
    grouped (``_read_group``, or ``account.customer.statistic.report``, one line per
    bucket). Appending is what lets many users post for the same group at once: a
    transaction that only inserts collides with no other, whereas one shared row per
    bucket made every concurrent posting of a group wait for and then fail against
    the others. ``_compact`` folds each bucket's rows back into one, from a cron job
    that runs every few minutes, so the table stays as small as the number of buckets.
    Rebuilding from the ledger gives the same figures. Manual figures live apart, in
    ``account.customer.statistic.adjustment``, so a rebuild never touches them.
    """

    _name = "account.customer.statistic"
    _description = "Customer Group Statistic"
    _order = "year desc, period desc, group_id, transaction_type"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    group_id = fields.Many2one(
        "account.customer.group",
        string="Customer Group",
        required=True,
        readonly=True,
        ondelete="cascade",
        check_company=True,
    )
    year = fields.Integer(required=True, readonly=True, aggregator=None)
    period = fields.Integer(required=True, readonly=True, aggregator=None)
    transaction_type = fields.Selection(TRANSACTION_TYPES, required=True, readonly=True)
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
    amount = fields.Monetary(readonly=True, help="Total in the documents' currency.")
    amount_company = fields.Monetary(
        string="Amount in Company Currency",
        currency_field="company_currency_id",
        readonly=True,
    )
    count = fields.Integer(readonly=True, help="Number of documents.")
    days_to_pay_total = fields.Integer(
        string="Total Days to Pay",
        readonly=True,
        help="Days it took to pay the invoices fully paid in the period.",
    )
    paid_count = fields.Integer(string="Invoices Paid", readonly=True)
    days_late_weighted = fields.Float(
        string="Days Late x Amount",
        readonly=True,
        help="Sum over the installments of the invoices fully paid in the period of "
        "their amount (company currency) times the days from their due date to their "
        "payment.",
    )
    days_late_base = fields.Monetary(
        string="Amount of Installments Paid",
        currency_field="company_currency_id",
        readonly=True,
        help="Amount of the installments counted in the days late, in company "
        "currency.",
    )

    # Not unique: a bucket is the sum of its rows until they are compacted.
    _bucket_idx = models.Index("(group_id, year, period, transaction_type)")

    @api.model
    def _period_mapper(self, company):
        """Function giving the ``(year, period)`` bucket of a date in ``company``."""
        settings = company._customer_statistics_period_settings()
        cache = {}

        def bucket(day):
            if day not in cache:
                cache[day] = periods.statistics_period(day, *settings)
            return cache[day]

        return bucket

    @api.model
    def _apply_contributions(self, moves, sign, documents=True, days=True):
        """Add (sign 1) or take back (sign -1) what ``moves`` bring to the buckets:
        their ``documents`` and the ``days`` to pay of the invoices among them fully
        paid.

        One ``INSERT`` appends the differences as new rows of their buckets: nothing
        another transaction wrote is updated, so postings for the same group never
        collide, and none loses another's figures.
        """
        if not moves:
            return
        self.env.flush_all()
        # Only the parts of the query these moves can bring something to: PostgreSQL
        # takes longer to plan the whole query than to run it on one posting's
        # documents.
        moves = moves.filtered(
            lambda move: move.state == "posted" and move.customer_group_id
        )
        invoices = documents and any(move.move_type != "entry" for move in moves)
        entries = documents and any(move.move_type == "entry" for move in moves)
        invoice_types = self.env["account.move"]._get_customer_invoice_types()
        paid = days and any(
            move.move_type in invoice_types
            and move.payment_state in ("paid", "in_payment")
            for move in moves
        )
        if not (invoices or entries or paid):
            return
        rows = self.env.execute_query(
            statistic_queries.contribution_query(
                self.env,
                move_ids=moves.ids,
                invoices=invoices,
                entries=entries,
                days=paid,
            )
        )
        if not rows:
            return
        buckets = defaultdict(lambda: [0] * len(MEASURES))
        mappers = {}
        for company_id, group_id, day, ttype, currency_id, *measures in rows:
            if company_id not in mappers:
                mappers[company_id] = self._period_mapper(
                    self.env["res.company"].browse(company_id)
                )
            year, period = mappers[company_id](day)
            totals = buckets[company_id, group_id, year, period, ttype, currency_id]
            for index, value in enumerate(measures):
                totals[index] += sign * (value or 0)
        # One array per column: the keys' columns, then the measures' columns.
        arrays = [*zip(*buckets, strict=True), *zip(*buckets.values(), strict=True)]
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO account_customer_statistic
                       (%(columns)s, create_uid, create_date, write_uid, write_date)
                SELECT b.*, %(uid)s, NOW() AT TIME ZONE 'UTC',
                       %(uid)s, NOW() AT TIME ZONE 'UTC'
                  FROM unnest(%(arrays)s) AS b
                """,
                columns=SQL(", ").join(
                    SQL.identifier(name) for name, _type in BUCKET_KEY + MEASURES
                ),
                uid=self.env.uid,
                arrays=SQL(", ").join(
                    SQL("%s::%s[]", list(values), SQL(pg_type))
                    for values, (_name, pg_type) in zip(
                        arrays, BUCKET_KEY + MEASURES, strict=True
                    )
                ),
            )
        )
        self.invalidate_model()

    @api.model
    def _rebuild(self, companies):
        """Replace the computed buckets of ``companies`` by the ledger's figures, in
        SQL."""
        self.env.flush_all()
        rebuilt = statistic_queries.rebuilt_buckets_query(
            self.env, companies, self._period_mapper
        )
        self.env.cr.execute(
            SQL(
                "DELETE FROM account_customer_statistic WHERE company_id = ANY(%s)",
                companies.ids,
            )
        )
        columns = [name for name, _type in BUCKET_KEY + MEASURES]
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
        self.invalidate_model()

    @api.model
    def _drift(self, companies):
        """Buckets whose stored figures (the sums of their rows) differ from the
        ledger's, as a list of dicts."""
        self.env.flush_all()
        rebuilt = statistic_queries.rebuilt_buckets_query(
            self.env, companies, self._period_mapper
        )
        keys = [name for name, _type in BUCKET_KEY]
        measures = [name for name, _type in MEASURES]

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
                sums=measure_sums("account_customer_statistic"),
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
        return rows

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
        keys = [name for name, _type in BUCKET_KEY]
        measures = [name for name, _type in MEASURES]
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
                sums=measure_sums("folded"),
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
