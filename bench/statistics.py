"""Benchmark of customer group statistics.

1. Posting: posts the same invoices in a database with only ``account`` installed and in
   one with ``account_customer_group`` (every customer in a group, so each posting
   updates the statistics), in interleaved batches so both see the same machine load.
2. Rebuild: multiplies the posted invoices with set-based SQL up to
   ``--rebuild-invoices`` posted invoices, then times the statistics rebuild against one
   bare SQL GROUP BY over the same receivable lines.

Usage (each run starts from fresh copies of two template databases, installed on the
first run in about a minute each):

    python3 bench/statistics.py --db-host /tmp/pg5502 --db-port 5502 --db-user odoo \
        --addons-path /tmp/addons5502,/opt/odoo19/addons,/opt/odoo19/odoo/addons

Ratios are printed last. This is a benchmark, not a test: nothing is asserted.
"""

import argparse
import gc
import os
import subprocess
import sys
import time

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

# The odoo-bin of the Odoo that is imported here (ODOO_SRC overrides it).
ODOO_BIN = os.path.join(
    os.environ.get("ODOO_SRC") or os.path.dirname(next(iter(odoo.__path__))), "odoo-bin"
)
BATCH = 100


def cluster_argument_parser(description, http_port):
    """The options of a benchmark that makes its own databases, which
    `dev/runner.py bench` recognises by this function's name and fills: the cluster
    (--db-host, --db-port, --db-user), --addons-path and a free --http-port."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db-host", required=True)
    parser.add_argument("--db-port", required=True)
    parser.add_argument("--db-user", default="odoo")
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--http-port", default=http_port)
    return parser


def parse_args():
    parser = cluster_argument_parser(__doc__, http_port="8192")
    parser.add_argument("--stock-db", default="bench_stats_stock")
    parser.add_argument("--module-db", default="bench_stats_module")
    parser.add_argument("--invoices", type=int, default=2000)
    parser.add_argument("--rebuild-invoices", type=int, default=100_000)
    return parser.parse_args()


def server_options(args):
    """Odoo's options naming the benchmark's cluster and addons path."""
    return [
        "--db_host",
        args.db_host,
        "--db_port",
        args.db_port,
        "--db_user",
        args.db_user,
        "--addons-path",
        args.addons_path,
    ]


def configure_odoo(args):
    """Odoo's configuration for the benchmark's own cluster, quiet."""
    config.parse_config(
        [
            *server_options(args),
            "--log-level",
            "warn",
            "--http-interface",
            "127.0.0.1",
        ]
    )


def database_exists(args, name):
    out = subprocess.run(
        [
            "psql",
            "-h",
            args.db_host,
            "-p",
            args.db_port,
            "-U",
            args.db_user,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip() == "1"


def psql(args, sql):
    subprocess.run(
        [
            "psql",
            "-h",
            args.db_host,
            "-p",
            args.db_port,
            "-U",
            args.db_user,
            "-d",
            "postgres",
            "-qc",
            sql,
        ],
        check=True,
        env={**os.environ, "PGOPTIONS": "-c client_min_messages=warning"},
    )


def fresh_database(args, name, module):
    """A database with ``module`` and nothing posted, copied from a template installed
    once."""
    template = f"{name}_template"
    if not database_exists(args, template):
        print(f"Installing {module} in {template} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                ODOO_BIN,
                "server",
                "-d",
                template,
                *server_options(args),
                "-i",
                module,
                "--stop-after-init",
                "--http-interface",
                "127.0.0.1",
                "--http-port",
                args.http_port,
                "--max-cron-threads",
                "0",
                "--log-level",
                "warn",
            ],
            check=True,
        )
    psql(args, f'DROP DATABASE IF EXISTS "{name}"')
    psql(args, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def open_env(name):
    registry = Registry(name)
    cr = registry.cursor()
    return cr, api.Environment(cr, odoo.SUPERUSER_ID, {})


def prepare_invoices(env, count, with_group):
    """Draft invoices, identical in both databases: 50 customers, one line each, no
    tax."""
    company = env.company
    if not env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    ):
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
    # The payment terms the group hands down, given by hand in the stock database.
    term = env.ref("account.account_payment_term_immediate")
    partner_vals = [
        {"name": f"Bench customer {index}", "property_payment_term_id": term.id}
        for index in range(50)
    ]
    if with_group:
        group = env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", company.id)]
        )
        for vals in partner_vals:
            vals["customer_group_id"] = group.id
    partners = env["res.partner"].create(partner_vals)
    moves = env["account.move"]
    for start in range(0, count, BATCH):
        moves |= env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partners[index % 50].id,
                    "invoice_date": f"2026-{index % 12 + 1:02d}-{index % 28 + 1:02d}",
                    "invoice_line_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Service",
                                "quantity": 1,
                                "price_unit": 10 + index % 90,
                                "tax_ids": [],
                            },
                        )
                    ],
                }
                for index in range(start, min(start + BATCH, count))
            ]
        )
    env.flush_all()
    return moves


def median(values):
    # This file is named statistics.py: it cannot import the standard library's module.
    ordered = sorted(values)
    middle = len(ordered) // 2
    return (
        ordered[middle]
        if len(ordered) % 2
        else (ordered[middle - 1] + ordered[middle]) / 2
    )


def bench_posting(args):
    """Post the invoices batch by batch, alternately in each database.

    The machine is shared, so each batch in one database is paired with the same batch
    in the other, posted right after it; the ratio reported is the median of the pairs'
    ratios, which a burst of load elsewhere moves much less than the totals.
    """
    stock_cr, stock_env = open_env(args.stock_db)
    module_cr, module_env = open_env(args.module_db)
    try:
        # One batch more than measured: the first one warms the caches of each registry.
        stock_moves = prepare_invoices(
            stock_env, args.invoices + BATCH, with_group=False
        )
        module_moves = prepare_invoices(
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
        return median(ratios)
    finally:
        stock_cr.close()
        module_cr.close()


def multiply_invoices(env, target, overrides=None):
    """Copy the posted invoices with set-based SQL until ``target`` posted invoices
    exist. ``overrides`` maps columns of the copies to SQL expressions of the
    original's (``t.<column>``) and of the copy's number (``g.n``, from 1)."""
    cr = env.cr
    cr.execute(
        "SELECT COUNT(*) FROM account_move "
        "WHERE move_type = 'out_invoice' AND state = 'posted'"
    )
    existing = cr.fetchone()[0]
    copies = max(0, -(-(target - existing) // existing))
    if not copies:
        return existing

    def columns(table):
        cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name != 'id'",
            [table],
        )
        return [row[0] for row in cr.fetchall()]

    move_columns = columns("account_move")
    line_columns = columns("account_move_line")
    cr.execute(
        "CREATE TEMPORARY TABLE bench_template AS SELECT id FROM account_move "
        "WHERE move_type = 'out_invoice' AND state = 'posted'"
    )
    cr.execute("CREATE TEMPORARY TABLE bench_map (old_id int, new_id int)")
    expressions = {"name": "t.name || '/C' || g.n", **(overrides or {})}
    select_moves = ", ".join(
        expressions.get(column, f"t.{column}") for column in move_columns
    )
    # One statement per copy keeps the old -> new id mapping simple and set-based.
    for copy in range(1, copies + 1):
        cr.execute(
            f"""
            WITH src AS (
                SELECT t.id AS old_id, nextval('account_move_id_seq') AS new_id
                  FROM account_move t JOIN bench_template b ON b.id = t.id
            ), ins AS (
                INSERT INTO account_move (id, {", ".join(move_columns)})
                SELECT src.new_id, {select_moves}
                  FROM src
                  JOIN account_move t ON t.id = src.old_id, (SELECT {copy} AS n) g
                RETURNING id
            )
            INSERT INTO bench_map SELECT old_id, new_id FROM src
            """
        )
    select_lines = ", ".join(
        "m.new_id" if column == "move_id" else f"l.{column}" for column in line_columns
    )
    cr.execute(
        f"""
        INSERT INTO account_move_line ({", ".join(line_columns)})
        SELECT {select_lines}
          FROM account_move_line l JOIN bench_map m ON m.old_id = l.move_id
        """
    )
    cr.execute("DROP TABLE bench_template, bench_map")
    cr.execute("ANALYZE account_move")
    cr.execute("ANALYZE account_move_line")
    cr.execute(
        "SELECT COUNT(*) FROM account_move "
        "WHERE move_type = 'out_invoice' AND state = 'posted'"
    )
    return cr.fetchone()[0]


def best_of(runs, function):
    best = None
    for _run in range(runs):
        began = time.perf_counter()
        function()
        elapsed = time.perf_counter() - began
        best = elapsed if best is None else min(best, elapsed)
    return best


def bench_rebuild(args):
    cr, env = open_env(args.module_db)
    try:
        invoices = multiply_invoices(env, args.rebuild_invoices)
        cr.commit()
        company = env.company
        statistics = env["account.customer.statistic"]

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
            statistics._rebuild(company)

        bare_group_by()
        rebuild()
        bare = best_of(3, bare_group_by)
        rebuilt = best_of(3, rebuild)
        cr.commit()
        drift = len(statistics._drift(company))
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
    configure_odoo(args)
    fresh_database(args, args.stock_db, "account")
    fresh_database(args, args.module_db, "account_customer_group")
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
