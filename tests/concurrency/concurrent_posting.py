"""Post from parallel workers, for customers of one group and, side by side in the same
run, for customers in no group (what stock Odoo does), then check the statistics.

Each worker is a separate process with its own database connection. At every number of
workers asked for, the two modes alternate in rounds (no group, group, group, no group,
...) so that both see the same machine. In a round, one worker registers payments on
invoices posted beforehand (which moves the days to pay) while the others post invoices;
every posting and payment is its own transaction run through Odoo's own retry loop
(``odoo.service.model.retrying``: at most ``MAX_TRIES_ON_CONCURRENCY_FAILURE`` tries on
a serialization failure, with Odoo's back-off). A posting refused that many times is one
a user would have seen fail.

At the end the group's stored statistics must equal the ledger, to the cent and to the
count, before and after compacting them: a lost update would show as a difference.

Usage (Odoo importable, the module installed in DB):

    python3 tests/concurrency/concurrent_posting.py [--workers 4,8] [--postings 200] \
        [--rounds 2] -- -d DB --db_host HOST --db_port PORT --db_user odoo \
        --addons-path PATHS

Prints the figures, a "summary:" line, and ends with "N passed, N failed"; exits 1 when
a check fails. The throughput ratio is printed against its goal, not checked: timings
belong to benchmarks.
"""

import argparse
import multiprocessing
import random
import sys

from posting_workers import DAYS_BEFORE_PAYMENT, database_name, run_round, worker

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE
from odoo.tools import config

CUSTOMERS = 40
MODES = ("stock", "group")
MODE_NAMES = {"stock": "no group (stock)", "group": "one group"}
# How much throughput and how many retries the group may cost, from the issue.
THROUGHPUT_GOAL = 0.95
RETRY_ALLOWANCE = 0.01


def prepare(registry):
    """A fresh group with its customers, and as many customers in no group, committed
    so that every worker sees them. A new group each run keeps earlier runs on the same
    database out of the counts."""
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        env = env(context={"allowed_company_ids": company.ids})
        template = env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", company.id)]
        )
        code = "C" + "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=5))
        group = template.copy({"code": code, "name": f"Concurrent posting {code}"})
        customers = {
            mode: env["res.partner"]
            .create(
                [
                    {
                        "name": f"Concurrent {code} {mode} customer {i}",
                        "customer_group_id": group.id if mode == "group" else False,
                    }
                    for i in range(CUSTOMERS)
                ]
            )
            .ids
            for mode in MODES
        }
        income = env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.ids)],
            limit=1,
        )
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        cr.commit()
        return {
            "group_id": group.id,
            "customers": customers,
            "income_id": income.id,
            "journal_id": journal.id,
            "company_id": company.id,
        }


def check_statistics(registry, group_id):
    """(drift rows, stored figures, ledger figures) of the group, each figure as
    (invoices, invoice amount, receipts, invoices paid, days to pay)."""
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        group = env["account.customer.group"].browse(group_id)
        drift = group.get_statistics_drift()
        stored = {
            ttype: figures
            for ttype, *figures in env["account.customer.statistic"]._read_group(
                [("group_id", "=", group_id)],
                ["transaction_type"],
                ["count:sum", "amount:sum", "paid_count:sum", "days_to_pay_total:sum"],
            )
        }
        invoices, amount, paid, days = stored.get("invoice", (0, 0.0, 0, 0))
        receipts = stored.get("receipt", (0,))[0]
        [(ledger_invoices, ledger_amount)] = env["account.move"]._read_group(
            [
                ("customer_group_id", "=", group_id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ],
            [],
            ["__count", "amount_total:sum"],
        )
        paid_moves = env["account.move"].search(
            [
                ("customer_group_id", "=", group_id),
                ("move_type", "=", "out_invoice"),
                ("payment_state", "in", ("paid", "in_payment")),
            ]
        )
        ledger_receipts = env["account.payment"].search_count(
            [("partner_id.customer_group_id", "=", group_id), ("state", "!=", "draft")]
        )
        return (
            drift,
            (invoices, round(amount, 2), receipts, paid, days),
            (
                ledger_invoices,
                round(ledger_amount, 2),
                ledger_receipts,
                len(paid_moves),
                len(paid_moves) * DAYS_BEFORE_PAYMENT,
            ),
        )


def compact(registry):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        rows = env["account.customer.statistic"].search_count([])
        env["account.customer.statistic"]._compact()
        env["account.customer.aging.movement"]._compact()
        return rows, env["account.customer.statistic"].search_count([])


def aging_drift(registry):
    """Keys whose aged receivables' movements differ from the ledger's."""
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        return env["account.customer.aging.movement"]._drift()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", default="4,8", help="numbers of workers, comma-separated"
    )
    parser.add_argument(
        "--postings",
        type=int,
        default=200,
        help="invoices posted per round, shared by its posting workers",
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="rounds of each mode per worker count"
    )
    args, odoo_args = parser.parse_known_args()
    odoo_args = [arg for arg in odoo_args if arg != "--"]
    worker_counts = [int(count) for count in args.workers.split(",")]
    config.parse_config(odoo_args)
    registry = Registry(database_name())
    setup = prepare(registry)

    # Forked children would share the parent's database connections: spawn them, once.
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    posters_done = context.Event()
    pool = [context.Queue() for _index in range(max(worker_counts))]
    processes = [
        context.Process(
            target=worker, args=(index, queue, results, posters_done, odoo_args)
        )
        for index, queue in enumerate(pool)
    ]
    for process in processes:
        process.start()
    figures = {}
    try:
        for workers in worker_counts:
            totals = {mode: [0, 0, 0, 0.0, 0, 0] for mode in MODES}
            for round_number in range(args.rounds):
                order = MODES if round_number % 2 == 0 else MODES[::-1]
                for mode in order:
                    outcome = run_round(
                        pool,
                        results,
                        posters_done,
                        setup,
                        mode,
                        workers,
                        args.postings,
                        round_number,
                    )
                    for position, value in enumerate(outcome):
                        totals[mode][position] += value
                    print(
                        f"  {workers} workers, round {round_number + 1}, "
                        f"{MODE_NAMES[mode]}: {outcome[0]} done ({outcome[4]} "
                        f"payments) in {outcome[3]:.1f} s, {outcome[1]} retried, "
                        f"{outcome[2]} refused",
                        flush=True,
                    )
            figures[workers] = totals
    finally:
        for queue in pool:
            queue.put(None)
        for process in processes:
            process.join()

    drift, stored, ledger = check_statistics(registry, setup["group_id"])
    aging = aging_drift(registry)
    rows_before, rows_after = compact(registry)
    drift_compacted, stored_compacted, _ledger = check_statistics(
        registry, setup["group_id"]
    )
    aging_compacted = aging_drift(registry)

    checks = []
    summary = []
    print(f"Odoo's retry limit: {MAX_TRIES_ON_CONCURRENCY_FAILURE} tries per posting")
    for workers, totals in figures.items():
        done, retries, refused, seconds, payments, unposted = totals["group"]
        (
            stock_done,
            stock_retries,
            stock_refused,
            stock_seconds,
            stock_payments,
            stock_unposted,
        ) = totals["stock"]
        rate, stock_rate = done / seconds, stock_done / stock_seconds
        ratio = rate / stock_rate
        allowed = stock_retries + RETRY_ALLOWANCE * done
        print(
            f"{workers} workers (1 paying): one group {done} postings ({payments} "
            f"payments) at {rate:.1f}/s, {retries} retried, {refused} refused; "
            f"no group (stock) {stock_done} ({stock_payments} payments) at "
            f"{stock_rate:.1f}/s, "
            f"{stock_retries} retried, {stock_refused} refused"
        )
        print(
            f"  throughput ratio (group / stock): {ratio:.2f}x (goal >= "
            f"{THROUGHPUT_GOAL}x: {'met' if ratio >= THROUGHPUT_GOAL else 'NOT MET'}); "
            f"retries {retries} vs stock {stock_retries} (goal <= {allowed:.0f})"
        )
        summary.append(
            f"{workers} workers: {ratio:.2f}x stock's {stock_rate:.1f}/s, "
            f"{retries} retries vs {stock_retries}, {refused + stock_refused} refused"
        )
        limit = MAX_TRIES_ON_CONCURRENCY_FAILURE
        allowance = f"{RETRY_ALLOWANCE:.0%}"
        checks += [
            (
                f"{workers} workers: no posting refused {limit} times",
                refused == stock_refused == 0,
            ),
            (
                f"{workers} workers: every invoice posted in both modes",
                unposted == stock_unposted == 0,
            ),
            (
                f"{workers} workers: retries at most stock's + {allowance} of postings",
                retries <= allowed,
            ),
        ]
    print(
        "stored statistics (invoices, amount, receipts, invoices paid, days to pay): "
        f"{stored}; ledger: {ledger}; drift rows: {len(drift)}"
    )
    print(
        f"compacted {rows_before} statistics rows into {rows_after}: {stored_compacted}"
        f"; drift rows: {len(drift_compacted)}"
    )
    print(
        f"aged receivables' movements differing from the ledger: {len(aging)}, "
        f"after compaction {len(aging_compacted)} ({(aging or aging_compacted)[:2]})"
    )
    checks += [
        ("stored statistics equal the ledger", stored == ledger),
        ("drift check finds no difference", not drift),
        ("compacted statistics equal the ledger", stored_compacted == ledger),
        ("drift check after compaction finds no difference", not drift_compacted),
        ("aged receivables' movements equal the ledger", not aging),
        ("compacted aged receivables' movements equal the ledger", not aging_compacted),
    ]
    for name, ok in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    print(f"summary: {'; '.join(summary)}")
    passed = sum(ok for _, ok in checks)
    print(f"{passed} passed, {len(checks) - passed} failed")
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
