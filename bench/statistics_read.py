"""Benchmark of reading a customer group's statistics on a large ledger.

1,000,000 posted invoices (``--invoices``) over 20 groups and ten years: a few posted
through the ORM, the rest copied in SQL, each copy on other days and in another group;
their statistics rebuilt. Then one group's year is read as the user reads it: the
group's form page (its Statistics tab) and the statistics pivot (every grouping the
pivot asks for in one call). Read again with rows appended by postings since the last
compaction (``--pending``), and after compacting them.

Usage (the database starts from a template with the addon installed, which
click-odoo-initdb makes on the first run in about a minute):

    python3 bench/statistics_read.py --db-host /tmp/pg5502 --db-port 5502 \
        --db-user odoo --addons-path /tmp/addons5502,/opt/odoo19/addons,...

This is a benchmark, not a test: nothing is asserted; the times are printed last,
beside their 100 ms target.
"""

import statistics
import time

import _shared

GROUPS = 20
YEARS = 10
TEMPLATE_INVOICES = 500
TARGET_MS = 100


def parse_args():
    parser = _shared.cluster_argument_parser(
        __doc__, invoices=1_000_000, db="bench_statistics_read"
    )
    parser.add_argument("--pending", type=int, default=10_000)
    return parser.parse_args()


def populate(env, invoices):
    """The ledger: ``TEMPLATE_INVOICES`` posted through the ORM in the Domestic group,
    copied up to ``invoices`` in SQL, each copy shifted by some days (over ``YEARS``
    years back) and put in one of ``GROUPS`` groups."""
    moves = _shared.prepare_invoices(env, TEMPLATE_INVOICES, with_group=True)
    moves.action_post()
    dom = moves.customer_group_id
    groups = dom
    for index in range(1, GROUPS):
        groups |= dom.copy({"code": f"R{index:02d}", "name": f"Read group {index}"})
    group_ids = ", ".join(str(group_id) for group_id in groups.ids)
    days = YEARS * 365
    count = _shared.multiply_invoices(
        env,
        invoices,
        moves={
            "customer_group_id": f"(ARRAY[{group_ids}])[m.n % {GROUPS} + 1]",
            "date": f"t.date - m.n % {days}",
            "invoice_date": f"t.invoice_date - m.n % {days}",
            "invoice_date_due": f"t.invoice_date_due - m.n % {days}",
        },
    )
    return count, dom


def timed(function, runs=7):
    """Median of ``runs`` runs, in milliseconds, after one to warm the caches."""
    function()
    elapsed = []
    for _run in range(runs):
        began = time.perf_counter()
        function()
        elapsed.append((time.perf_counter() - began) * 1000)
    return statistics.median(elapsed)


def readers(env, group):
    """The form page's and the pivot's reads of ``group``'s current year."""
    year = group.statistics_year
    report = env["account.customer.statistic.report"]
    domain = [("group_id", "=", group.id), ("year", "=", year)]
    specification = {
        "statistics_year": {},
        "statistics_period": {},
        "statistics_period_range": {},
        "average_days_to_pay": {},
        "ytd_average_days_to_pay": {},
        "average_days_late": {},
        "ytd_average_days_late": {},
        "statistic_line_ids": {
            "fields": {
                "transaction_type": {},
                "currency_id": {"fields": {"display_name": {}}},
                "amount_company": {},
                "count": {},
            }
        },
    }

    def form_page():
        env.invalidate_all()
        group.web_read(specification)

    def pivot():
        env.invalidate_all()
        report.formatted_read_grouping_sets(
            domain,
            [[], ["period"], ["transaction_type"], ["period", "transaction_type"]],
            ["amount_company:sum", "count:sum"],
        )

    return form_page, pivot


def append_pending(env, rows):
    """``rows`` rows appended to random buckets, as postings since the last
    compaction leave them."""
    env.cr.execute(
        """
        INSERT INTO account_customer_statistic
               (company_id, group_id, year, period, transaction_type, currency_id,
                amount, amount_company, count, days_to_pay_total, paid_count,
                days_late_weighted, days_late_base)
        SELECT company_id, group_id, year, period, transaction_type, currency_id,
               1, 1, 1, 0, 0, 0, 0
          FROM account_customer_statistic, generate_series(1, 1 + %s / GREATEST(
               (SELECT COUNT(*) FROM account_customer_statistic), 1))
         ORDER BY random()
         LIMIT %s
        """,
        [rows, rows],
    )
    env.cr.execute("ANALYZE account_customer_statistic")


def main():
    args = parse_args()
    cr, env = _shared.fresh_env(args, args.db)
    statistic = env["account.customer.statistic"]
    try:
        began = time.perf_counter()
        invoices, group = populate(env, args.invoices)
        cr.commit()
        print(
            f"populated {invoices} posted invoices in {GROUPS} groups over {YEARS} "
            f"years in {time.perf_counter() - began:.0f} s",
            flush=True,
        )
        began = time.perf_counter()
        statistic._rebuild(env.company)
        cr.execute("ANALYZE account_customer_statistic")
        cr.commit()
        rows = statistic.search_count([])
        print(
            f"rebuilt the statistics in {time.perf_counter() - began:.1f} s: "
            f"{rows} rows",
            flush=True,
        )
        form_page, pivot = readers(env, group)
        compacted = (timed(form_page), timed(pivot))
        append_pending(env, args.pending)
        cr.commit()
        pending = (timed(form_page), timed(pivot))
        began = time.perf_counter()
        statistic._compact()
        cr.commit()
        compaction = time.perf_counter() - began
        after = (timed(form_page), timed(pivot))
    finally:
        cr.close()
    print(
        f"compacting {args.pending} appended rows took {compaction:.2f} s", flush=True
    )
    for label, (form_ms, pivot_ms) in (
        ("compacted", compacted),
        (f"with {args.pending} rows not yet compacted", pending),
        ("after compacting them", after),
    ):
        print(
            f"reading one group's year at {invoices} posted invoices, {label}: form "
            f"page {form_ms:.1f} ms, pivot {pivot_ms:.1f} ms (target < {TARGET_MS} ms;"
            f" ratio to target {max(form_ms, pivot_ms) / TARGET_MS:.2f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
