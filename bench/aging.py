"""Benchmark of the aged receivables by customer group on a large ledger.

Open posted invoices (``--invoices``, 100,000 by default; the issue's figure is
1,000,000) over 20 groups and ten years: a few posted through the ORM, the rest copied
in SQL, each copy on other days (its due date too) and in another group. Then the
group x aging period summary the pivot shows is read at today and at a date two years
back, which adds back what the reconciliations dated since took off.

Usage (the database starts from a template with the addon installed, which
click-odoo-initdb makes on the first run in about a minute):

    python3 bench/aging.py --db-host /tmp/pg5502 --db-port 5502 --db-user odoo \
        --addons-path /tmp/addons5502,/opt/odoo19/addons,/opt/odoo19/odoo/addons

This is a benchmark, not a test: nothing is asserted; the times are printed last,
beside their 500 ms target. OCA's Aged Partner Balance is not installed here, so no
ratio against it is measured.
"""

import datetime
import statistics
import time

import _shared

GROUPS = 20
YEARS = 10
TEMPLATE_INVOICES = 500
TARGET_MS = 500


def parse_args():
    parser = _shared.cluster_argument_parser(
        __doc__, invoices=100_000, db="bench_aging"
    )
    return parser.parse_args()


def populate(env, invoices):
    """The ledger: ``TEMPLATE_INVOICES`` posted through the ORM in the Domestic group,
    a tenth of them paid in part, copied up to ``invoices`` in SQL, each copy shifted
    by some days (over ``YEARS`` years back) and put in one of ``GROUPS`` groups."""
    moves = _shared.prepare_invoices(env, TEMPLATE_INVOICES, with_group=True)
    moves.action_post()
    dom = moves.customer_group_id
    groups = dom
    for index in range(1, GROUPS):
        groups |= dom.copy({"code": f"A{index:02d}", "name": f"Aging group {index}"})
    group_ids = ", ".join(str(group_id) for group_id in groups.ids)
    # Days back of each copy: the copy's number and its original's rank spread
    # the copies over the years whatever their count.
    back = f"(m.n * 53 + m.k) % {YEARS * 365}"
    count = _shared.multiply_invoices(
        env,
        invoices,
        moves={
            "customer_group_id": f"(ARRAY[{group_ids}])[m.n % {GROUPS} + 1]",
            "date": f"t.date - {back}",
            "invoice_date": f"t.invoice_date - {back}",
            "invoice_date_due": f"t.invoice_date_due - {back}",
        },
        lines={
            "date": f"l.date - {back}",
            "date_maturity": f"l.date_maturity - {back}",
        },
    )
    # Payments received after the copies, so that the past date has
    # reconciliations to add back.
    for invoice in moves[::10]:
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": invoice.amount_total / 2})._create_payments()
    env.cr.execute("ANALYZE account_partial_reconcile")
    return count


def timed(function, runs=5):
    """Median of ``runs`` runs, in milliseconds, after one to warm the caches."""
    function()
    elapsed = []
    for _run in range(runs):
        began = time.perf_counter()
        function()
        elapsed.append((time.perf_counter() - began) * 1000)
    return statistics.median(elapsed)


def summary(env, aging_date):
    """The pivot's read: groups x aging periods, with their totals."""
    report = env["account.customer.aging.report"].with_context(
        aging_date=aging_date.isoformat()
    )

    def read():
        env.invalidate_all()
        report.formatted_read_grouping_sets(
            [],
            [
                [],
                ["customer_group_id"],
                ["aging_bucket"],
                ["customer_group_id", "aging_bucket"],
            ],
            ["residual:sum"],
        )

    return read


def main():
    args = parse_args()
    cr, env = _shared.fresh_env(args, args.db)
    try:
        began = time.perf_counter()
        invoices = populate(env, args.invoices)
        cr.commit()
        print(
            f"populated {invoices} open posted invoices in {GROUPS} groups over "
            f"{YEARS} years in {time.perf_counter() - began:.0f} s",
            flush=True,
        )
        today = datetime.date.today()
        times = [
            (label, timed(summary(env, date)))
            for label, date in (
                ("today", today),
                ("two years back", today - datetime.timedelta(days=730)),
            )
        ]
    finally:
        cr.close()
    for label, elapsed in times:
        print(
            f"group x aging period summary at {label}, {invoices} open invoices: "
            f"{elapsed:.0f} ms (target < {TARGET_MS} ms; ratio to target "
            f"{elapsed / TARGET_MS:.2f})",
            flush=True,
        )


if __name__ == "__main__":
    main()
