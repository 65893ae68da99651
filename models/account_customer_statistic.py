from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from ..rules import periods

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

# Columns naming a bucket and their PostgreSQL types.
_BUCKET_KEY = (
    ("company_id", "int"),
    ("group_id", "int"),
    ("year", "int"),
    ("period", "int"),
    ("transaction_type", "varchar"),
    ("currency_id", "int"),
)
# Columns summed into a bucket, in the order the contribution queries return them.
_MEASURES = (
    ("amount", "numeric"),
    ("amount_company", "numeric"),
    ("count", "int"),
    ("days_to_pay_total", "int"),
    ("paid_count", "int"),
    ("days_late_weighted", "numeric"),
    ("days_late_base", "numeric"),
)


def _measure_sums(alias):
    """``SUM(<alias>.<measure>)::<type> AS <measure>`` for each measure, in order."""
    return SQL(", ").join(
        SQL(
            "SUM(%s)::%s AS %s",
            SQL.identifier(alias, name),
            SQL(pg_type),
            SQL.identifier(name),
        )
        for name, pg_type in _MEASURES
    )


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
    - interest: customer invoices posted in the journal of an interest profile;
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

    def _contribution_query(
        self, move_ids=None, company_ids=None, invoices=True, entries=True, days=True
    ):
        """SQL returning what posted documents add to the buckets, per day.

        Rows: company_id, group_id, day, transaction_type, currency_id, then the
        ``_MEASURES``. Restricted to the moves ``move_ids`` when given (live updates),
        else to the companies ``company_ids`` (rebuild). Its parts: the ``invoices``
        (and credit notes, receipts) themselves, the journal ``entries`` (payments,
        returned checks, adjustments) and the ``days`` to pay of the invoices fully
        paid.

        Invoices and credit notes carry their type and amount on the move itself, so
        they are summed straight from ``account_move``, which PostgreSQL can scan in
        parallel; only journal entries (payments, returned checks, adjustments) need
        their payment and their lines.
        """
        if move_ids is not None:
            scope = SQL("m.id = ANY(%s)", list(move_ids))
        else:
            scope = SQL("m.company_id = ANY(%s)", list(company_ids))
        counted = SQL(
            "%s AND m.state = 'posted' AND m.customer_group_id IS NOT NULL", scope
        )
        # Debit notes exist only where Odoo's Debit Notes module is installed. The addon
        # does not depend on it: that module's own lookups make every invoice posting
        # slower.
        if "debit_origin_id" in self.env["account.move"]._fields:
            is_debit_note = SQL("m.debit_origin_id IS NOT NULL")
        else:
            is_debit_note = SQL("FALSE")
        parts = []
        if invoices:
            parts.append(
                SQL(
                    """
                    SELECT m.company_id, m.customer_group_id, m.date,
                           CASE
                               WHEN m.move_type = 'out_refund' THEN 'credit_note'
                               WHEN m.journal_id IN (
                                   SELECT journal_id
                                     FROM account_customer_interest_profile
                                    WHERE journal_id IS NOT NULL) THEN 'interest'
                               WHEN m.move_type = 'out_invoice' AND %(is_debit_note)s
                                   THEN 'debit_note'
                               ELSE 'invoice'
                           END,
                           m.currency_id, SUM(ABS(m.amount_total)),
                           SUM(ABS(m.amount_total_signed)), COUNT(*), 0, 0, 0, 0
                      FROM account_move m
                     WHERE %(counted)s AND m.move_type IN %(sale_types)s
                     GROUP BY 1, 2, 3, 4, 5
                    """,
                    counted=counted,
                    is_debit_note=is_debit_note,
                    sale_types=tuple(
                        self.env["account.move"].get_sale_types(include_receipts=True)
                    ),
                )
            )
        if entries:
            # NOT IN over a subquery returning no NULL: the sets without a prepayment
            # account are left out.
            prepayment_accounts = SQL(
                """SELECT prepayment_account_id FROM account_customer_account_set
                    WHERE prepayment_account_id IS NOT NULL"""
            )
            parts.append(
                SQL(
                    """
                    SELECT company_id, group_id, date, kind, currency_id,
                           SUM(ABS(pay_amount)), SUM(ABS(pay_amount_company)), COUNT(*),
                           0, 0, 0, 0
                      FROM stat_entries
                     WHERE kind IN ('receipt', 'refund')
                     GROUP BY company_id, group_id, date, kind, currency_id
                    """
                )
            )
            # Entries without an amount of their own: their receivable amount.
            parts.append(
                SQL(
                    """
                    SELECT mv.company_id, mv.group_id, mv.date, mv.kind, mv.currency_id,
                           ABS(SUM(l.amount_currency)), ABS(SUM(l.balance)),
                           1, 0, 0, 0, 0
                      FROM stat_entries mv
                      JOIN account_move_line l ON l.move_id = mv.id
                      JOIN account_account a
                        ON a.id = l.account_id AND a.account_type = 'asset_receivable'
                     WHERE mv.kind IN ('adjustment', 'returned_check')
                       AND NOT EXISTS (
                           SELECT 1 FROM account_move_line pl
                            WHERE pl.move_id = mv.id
                              AND pl.account_id IN (%(prepayment_accounts)s))
                     GROUP BY mv.id, mv.company_id, mv.group_id, mv.date, mv.kind,
                              mv.currency_id
                    """,
                    prepayment_accounts=prepayment_accounts,
                )
            )
            # Discounts and write-offs: the payment's lines on neither its receivable
            # nor its outstanding account, nor the prepayment liability an advance is
            # received on. Discounts are on the company's cash discount account or on
            # an account set's.
            parts.append(
                SQL(
                    """
                    SELECT mv.company_id, mv.group_id, mv.date,
                           CASE WHEN %(is_discount)s
                                THEN 'discount' ELSE 'write_off' END,
                           mv.currency_id,
                           ABS(SUM(l.amount_currency)), ABS(SUM(l.balance)),
                           1, 0, 0, 0, 0
                      FROM stat_entries mv
                      JOIN res_company c ON c.id = mv.company_id
                      JOIN account_move_line l ON l.move_id = mv.id
                      JOIN account_account a ON a.id = l.account_id
                     WHERE mv.kind IN ('receipt', 'refund')
                       AND a.account_type != 'asset_receivable'
                       AND l.account_id IS DISTINCT FROM mv.outstanding_account_id
                       AND l.account_id NOT IN (%(prepayment_accounts)s)
                       AND l.display_type
                           NOT IN ('line_section', 'line_subsection', 'line_note')
                     GROUP BY mv.id, mv.company_id, mv.group_id, mv.date,
                              mv.currency_id, %(is_discount)s
                    HAVING SUM(l.balance) != 0
                    """,
                    is_discount=SQL(
                        """(l.account_id = c.%s OR l.account_id IN (
                               SELECT discount_account_id
                                 FROM account_customer_account_set
                                WHERE discount_account_id IS NOT NULL))""",
                        SQL.identifier(
                            "account_journal_early_pay_discount_loss_account_id"
                        ),
                    ),
                    prepayment_accounts=prepayment_accounts,
                )
            )
        if days:
            # Days to pay of the invoices fully paid, on the date of their last payment.
            parts.append(
                SQL(
                    """
                    SELECT paid.company_id, paid.group_id, paid.paid_on, 'invoice',
                           paid.currency_id, 0, 0, 0, paid.days_to_pay, 1,
                           paid.late_weighted, paid.late_base
                      FROM (%s) paid
                    """,
                    self._paid_invoices_query(counted),
                )
            )
        union = SQL(" UNION ALL ").join(parts)
        if not entries:
            return union
        # Materialized: the entry parts above each read it.
        return SQL(
            """
            WITH stat_entries AS MATERIALIZED (
                SELECT m.id, m.company_id, m.customer_group_id AS group_id, m.date,
                       m.currency_id, p.amount AS pay_amount,
                       p.amount_company_currency_signed AS pay_amount_company,
                       p.outstanding_account_id,
                       CASE
                           WHEN p.partner_type = 'customer'
                                AND p.payment_type = 'inbound' THEN 'receipt'
                           WHEN p.partner_type = 'customer'
                                AND p.payment_type = 'outbound' THEN 'refund'
                           WHEN receipt.move_id IS NOT NULL THEN 'returned_check'
                           ELSE 'adjustment'
                       END AS kind
                  FROM account_move m
                  LEFT JOIN account_payment p ON p.id = m.origin_payment_id
                  LEFT JOIN (
                      SELECT move_id FROM account_payment
                       WHERE partner_type = 'customer' AND payment_type = 'inbound'
                         AND move_id IS NOT NULL
                  ) receipt ON receipt.move_id = m.reversed_entry_id
                 WHERE %s AND m.move_type = 'entry'
            ) %s
            """,
            counted,
            union,
        )

    @api.model
    def _paid_invoices_query(self, condition):
        """SQL of the fully paid customer invoices and receipts ``m`` that meet
        ``condition``, with what they bring to the days to pay and the days late.

        Rows: move_id, company_id, group_id (the customer group at posting),
        partner_id (the commercial partner), currency_id; paid_on, the date of the
        last payment matched (the invoice date when none was); days_to_pay, from the
        invoice date to paid_on (at least 0); late_weighted, the sum over the
        invoice's receivable lines (its installments) of their amount in company
        currency times the days from their due date to their last reconciliation
        (negative when paid early); late_base, the sum of those amounts; and
        installments, the number of those lines.
        """
        return SQL(
            """
            SELECT m.id AS move_id, m.company_id, m.customer_group_id AS group_id,
                   m.commercial_partner_id AS partner_id, m.currency_id,
                   inst.paid_on,
                   GREATEST(inst.paid_on - m.invoice_date, 0) AS days_to_pay,
                   inst.late_weighted, inst.late_base, inst.installments
              FROM account_move m
             CROSS JOIN LATERAL (
                 SELECT COALESCE(MAX(i.reconciled_on), m.invoice_date) AS paid_on,
                        COALESCE(SUM(ABS(i.balance) * (
                            COALESCE(i.reconciled_on, m.invoice_date) - i.date_maturity
                        )), 0) AS late_weighted,
                        COALESCE(SUM(ABS(i.balance)), 0) AS late_base,
                        COUNT(*) AS installments
                   FROM (SELECT l.balance,
                                COALESCE(l.date_maturity, m.invoice_date)
                                    AS date_maturity,
                                MAX(apr.max_date) AS reconciled_on
                           FROM account_move_line l
                           JOIN account_account a
                             ON a.id = l.account_id
                            AND a.account_type = 'asset_receivable'
                           LEFT JOIN account_partial_reconcile apr
                             ON apr.debit_move_id = l.id
                          WHERE l.move_id = m.id
                          GROUP BY l.id) i
             ) inst
             WHERE %(condition)s
               AND m.move_type IN %(invoice_types)s
               AND m.payment_state IN ('paid', 'in_payment')
            """,
            condition=condition,
            invoice_types=tuple(self.env["account.move"]._get_customer_invoice_types()),
        )

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
            self._contribution_query(
                move_ids=moves.ids, invoices=invoices, entries=entries, days=paid
            )
        )
        if not rows:
            return
        buckets = defaultdict(lambda: [0] * len(_MEASURES))
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
                    SQL.identifier(name) for name, _type in _BUCKET_KEY + _MEASURES
                ),
                uid=self.env.uid,
                arrays=SQL(", ").join(
                    SQL("%s::%s[]", list(values), SQL(pg_type))
                    for values, (_name, pg_type) in zip(
                        arrays, _BUCKET_KEY + _MEASURES, strict=True
                    )
                ),
            )
        )
        self.invalidate_model()
