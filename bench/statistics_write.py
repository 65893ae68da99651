"""Benchmark of customer group statistics.

1. Posting: posts the same invoices in a database with only ``account`` installed and in
   one with ``account_customer_group`` (every customer in a group, so each posting
   updates the statistics), in interleaved batches so both see the same machine load.
2. Rebuild: multiplies the posted invoices with set-based SQL up to
   ``--rebuild-invoices`` posted invoices, then times the statistics rebuild against one
   bare SQL GROUP BY over the same receivable lines.

Usage (each run starts from fresh copies of two template databases, which
click-odoo-initdb installs on the first run in about a minute each):

    python3 bench/statistics_write.py --db-host /tmp/pg5502 --db-port 5502 \
        --db-user odoo \
        --addons-path /tmp/addons5502,/opt/odoo19/addons,/opt/odoo19/odoo/addons

Ratios are printed last. This is a benchmark, not a test: nothing is asserted.
"""

import gc
import statistics
import time

import _shared
from _shared import BATCH


def parse_args():
    parser = _shared.cluster_argument_parser(
        __doc__,
        invoices=2000,
        stock_db="bench_stats_stock",
        module_db="bench_stats_module",
    )
    parser.add_argument("--rebuild-invoices", type=int, default=100_000)
    return parser.parse_args()


def bench_posting(args):
    """Post the invoices batch by batch, alternately in each database.

    The machine is shared, so each batch in one database is paired with the same batch
    in the other, posted right after it; the ratio reported is the median of the pairs'
    ratios, which a burst of load elsewhere moves much less than the totals.
    """
    stock_cr, stock_env = _shared.open_env(args.stock_db)
    module_cr, module_env = _shared.open_env(args.module_db)
    try:
        # One batch more than measured: the first one warms the caches of each registry.
        stock_moves = _shared.prepare_invoices(
            stock_env, args.invoices + BATCH, with_group=False
        )
        module_moves = _shared.prepare_invoices(
            module_env, args.invoices + BATCH, with_group=True
        )
        stock_cr.commit()
        module_cr.commit()
        # Fresh planner statistics in both databases now, so that autovacuum does not
        # analyze one of them halfway through and change its query plans.
        for cr in (stock_cr, module_cr):
            cr.execute("ANALYZE")
            cr.commit()
        totals = {"stock": 0.0, "module": 0.0}
        ratios = []
        for start in range(0, args.invoices + BATCH, BATCH):
            order = [
                ("stock", stock_env, stock_moves),
                ("module", module_env, module_moves),
            ]
            if (start // BATCH) % 2:
                order.reverse()
            pair = {}
            for label, env, moves in order:
                # As timeit does: no garbage collection of one database's leftovers
                # while the other is timed.
                gc.collect()
                gc.disable()
                began = time.perf_counter()
                moves[start : start + BATCH].action_post()
                env.flush_all()
                pair[label] = time.perf_counter() - began
                gc.enable()
            if start:
                ratios.append(pair["module"] / pair["stock"])
                for label, elapsed in pair.items():
                    totals[label] += elapsed
        stock_cr.commit()
        module_cr.commit()
        rows = module_env["account.customer.statistic"].search_count([])
        print(
            f"posting {args.invoices} invoices in batches of {BATCH}: stock "
            f"{totals['stock']:.2f} s, with module {totals['module']:.2f} s (ratio of "
            f"totals {totals['module'] / totals['stock']:.3f}, {rows} statistics "
            "rows)",
            flush=True,
        )
        ordered = sorted(ratios)
        quarter = len(ordered) // 4
        print(
            f"batch pair ratios: lowest {ordered[0]:.3f}, first quartile "
            f"{ordered[quarter]:.3f}, third quartile {ordered[-1 - quarter]:.3f}, "
            f"highest {ordered[-1]:.3f}",
            flush=True,
        )
        return statistics.median(ratios)
    finally:
        stock_cr.close()
        module_cr.close()


def best_of(runs, function):
    best = None
    for _run in range(runs):
        began = time.perf_counter()
        function()
        elapsed = time.perf_counter() - began
        best = elapsed if best is None else min(best, elapsed)
    return best


def bench_rebuild(args):
    cr, env = _shared.open_env(args.module_db)
    try:
        invoices = _shared.multiply_invoices(env, args.rebuild_invoices)
        cr.commit()
        company = env.company
        statistic = env["account.customer.statistic"]

        def bare_group_by():
            cr.execute(
                """
                SELECT m.customer_group_id, date_trunc('month', l.date), SUM(l.balance),
                       COUNT(*)
                  FROM account_move_line l
                  JOIN account_move m ON m.id = l.move_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE l.parent_state = 'posted' AND a.account_type = 'asset_receivable'
                   AND l.company_id = %s
                 GROUP BY 1, 2
                """,
                [company.id],
            )
            cr.fetchall()

        def rebuild():
            statistic._rebuild(company)

        bare_group_by()
        rebuild()
        bare = best_of(3, bare_group_by)
        rebuilt = best_of(3, rebuild)
        cr.commit()
        drift = len(statistic._drift(company))
        print(
            f"rebuild over {invoices} posted invoices: {rebuilt:.3f} s; bare GROUP BY "
            f"{bare:.3f} s; drift after rebuild: {drift} buckets",
            flush=True,
        )
        return rebuilt / bare
    finally:
        cr.close()


def main():
    args = parse_args()
    _shared.configure_odoo(args)
    _shared.fresh_database(args, args.stock_db, "account")
    _shared.fresh_database(args, args.module_db, "account_customer_group")
    posting_ratio = bench_posting(args)
    rebuild_ratio = bench_rebuild(args)
    print(
        f"posting ratio (with module / stock, median of {args.invoices // BATCH} batch "
        f"pairs): {posting_ratio:.3f}x (target <= 1.02x)"
    )
    print(
        f"rebuild ratio (rebuild / bare GROUP BY): {rebuild_ratio:.3f}x "
        "(target <= 1.5x)"
    )


if __name__ == "__main__":
    main()
