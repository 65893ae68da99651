"""The SQL of the customer group statistics: what posted documents add to the
buckets, and the buckets as the ledger gives them."""

from datetime import timedelta

from odoo.tools import SQL

# Columns naming a bucket and their PostgreSQL types.
BUCKET_KEY = (
    ("company_id", "int"),
    ("group_id", "int"),
    ("year", "int"),
    ("period", "int"),
    ("transaction_type", "varchar"),
    ("currency_id", "int"),
)
# Columns summed into a bucket, in the order the contribution queries return them.
MEASURES = (
    ("amount", "numeric"),
    ("amount_company", "numeric"),
    ("count", "int"),
    ("days_to_pay_total", "int"),
    ("paid_count", "int"),
    ("days_late_weighted", "numeric"),
    ("days_late_base", "numeric"),
)


def measure_sums(alias):
    """``SUM(<alias>.<measure>)::<type> AS <measure>`` for each measure, in order."""
    return SQL(", ").join(
        SQL(
            "SUM(%s)::%s AS %s",
            SQL.identifier(alias, name),
            SQL(pg_type),
            SQL.identifier(name),
        )
        for name, pg_type in MEASURES
    )


# The contributions' columns naming a bucket: the bucket's key with the day instead of
# its year and period (mapped to them afterwards).
CONTRIBUTION_KEY = tuple(
    "day" if name == "year" else name for name, _type in BUCKET_KEY if name != "period"
)


def contribution_query(
    env, move_ids=None, company_ids=None, invoices=True, entries=True, days=True
):
    """SQL returning what posted documents add to the buckets, per day.

    Rows: company_id, group_id, day, transaction_type, currency_id, then the
    ``MEASURES``. Restricted to the moves ``move_ids`` when given (live updates),
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
    if "debit_origin_id" in env["account.move"]._fields:
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
                                WHERE journal_id IS NOT NULL)
                             OR EXISTS (
                               SELECT 1 FROM account_move_line il
                                WHERE il.move_id = m.id
                                  AND il.interest_source_line_id IS NOT NULL)
                               THEN 'interest'
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
                    env["account.move"].get_sale_types(include_receipts=True)
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
                paid_invoices_query(env, counted),
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


def paid_invoices_query(env, condition):
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
        invoice_types=tuple(env["account.move"]._get_customer_invoice_types()),
    )


def rebuilt_buckets_query(env, companies, period_mapper):
    """SQL selecting the buckets of ``companies`` as the ledger gives them.

    The contributions per day are mapped to their periods by ``period_mapper`` (the
    same Python rules as the live updates) over the days the companies' posted
    documents span, then joined back in SQL. Nothing is written, not even a
    temporary table, so a read-only cursor runs it: the drift check is served by a
    replica.
    """
    cr = env.cr
    # Each bound on its own, so that each is one step down an index on dates.
    cr.execute(
        SQL(
            """
            SELECT c.id,
                   LEAST((SELECT MIN(date) FROM account_move
                           WHERE company_id = c.id AND state = 'posted'),
                         (SELECT MIN(invoice_date) FROM account_move
                           WHERE company_id = c.id AND state = 'posted')),
                   GREATEST((SELECT MAX(date) FROM account_move
                              WHERE company_id = c.id AND state = 'posted'),
                            (SELECT MAX(invoice_date) FROM account_move
                              WHERE company_id = c.id AND state = 'posted'))
              FROM res_company c
             WHERE c.id = ANY(%s)
            """,
            companies.ids,
        )
    )
    map_company, map_day, map_year, map_period = [], [], [], []
    for company_id, first, last in cr.fetchall():
        if not first:
            continue
        bucket = period_mapper(companies.browse(company_id))
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            year, period = bucket(day)
            map_company.append(company_id)
            map_day.append(day)
            map_year.append(year)
            map_period.append(period)
    contribution_columns = [*CONTRIBUTION_KEY, *(name for name, _ in MEASURES)]
    # The bucket's key: its year and period from the day's, the rest as summed.
    keys = SQL(", ").join(
        SQL.identifier("p" if name in ("year", "period") else "c", name)
        for name, _type in BUCKET_KEY
    )
    return SQL(
        """
        SELECT %(keys)s, %(sums)s
          FROM (SELECT %(day_keys)s, %(day_sums)s
                  FROM (%(contributions)s) AS c(%(columns)s)
                 GROUP BY %(day_keys)s) c
          JOIN unnest(%(companies)s::int[], %(days)s::date[], %(years)s::int[],
                      %(periods)s::int[]) AS p(company_id, day, year, period)
            ON p.company_id = c.company_id AND p.day = c.day
         GROUP BY %(keys)s
        """,
        keys=keys,
        sums=measure_sums("c"),
        day_keys=SQL(", ").join(SQL.identifier("c", name) for name in CONTRIBUTION_KEY),
        day_sums=measure_sums("c"),
        contributions=contribution_query(env, company_ids=companies.ids),
        columns=SQL(", ").join(map(SQL.identifier, contribution_columns)),
        companies=map_company,
        days=map_day,
        years=map_year,
        periods=map_period,
    )
