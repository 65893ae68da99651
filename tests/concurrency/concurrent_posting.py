"""Post customer invoices of one group from parallel workers, then check the statistics.

Each worker is a separate process with its own database connection. It creates and posts
its invoices one transaction each, as users posting from the web client do; when
PostgreSQL refuses a transaction because another worker touched the same rows (a
serialization failure or a lock that could not be taken), the worker rolls back and
retries it after a random pause, as Odoo's own request handling does. At the end the
stored statistics of the group must equal what the ledger gives, to the cent and to the
count: a lost update would show as a difference there.

Usage (Odoo importable, the module installed in DB):

    python3 tests/concurrency/concurrent_posting.py [--workers 4] [--invoices 1000] -- \
        -d DB --db_host HOST --db_port PORT --db_user odoo --addons-path PATHS

Prints the figures and ends with "N passed, N failed"; exits 1 when the check fails.
"""

import argparse
import logging
import multiprocessing
import random
import sys
import time

import psycopg2.errors

import odoo
from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

MAX_TRIES = 100
CUSTOMERS = 40
# What PostgreSQL answers when two transactions collide; Odoo retries these too.
RETRYABLE = (
    psycopg2.errors.SerializationFailure,
    psycopg2.errors.LockNotAvailable,
    psycopg2.errors.DeadlockDetected,
)


def database_name():
    name = config["db_name"]
    return name[0] if isinstance(name, list) else name


def prepare(registry):
    """A fresh group with its customers, committed so every worker sees it.

    A new group each run keeps earlier runs on the same database out of the counts.
    """
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        env = env(context={"allowed_company_ids": company.ids})
        template = env["account.customer.group"].search(
            [("code", "=", "DOM"), ("company_id", "=", company.id)]
        )
        code = "C" + "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=5))
        group = template.copy({"code": code, "name": f"Concurrent posting {code}"})
        customers = env["res.partner"].create(
            [
                {"name": f"Concurrent customer {i}", "customer_group_id": group.id}
                for i in range(CUSTOMERS)
            ]
        )
        income = env["account.account"].search(
            [("account_type", "=", "income"), ("company_ids", "in", company.ids)],
            limit=1,
        )
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        cr.commit()
        return group.id, customers.ids, income.id, journal.id, company.id


def worker(index, invoices, setup, results, odoo_args):
    # A spawned process: its own interpreter, configuration and connection pool.
    config.parse_config(odoo_args)
    # A refused transaction is expected here and retried; Odoo would log each one as a
    # bad query.
    logging.getLogger("odoo.sql_db").setLevel(logging.CRITICAL)
    registry = Registry(database_name())
    _group_id, customer_ids, income_id, journal_id, company_id = setup
    context = {"allowed_company_ids": [company_id]}

    # Drafts first, as users key in invoices before they post them: nothing shared is
    # touched.
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, context)
        draft_ids = (
            env["account.move"]
            .create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": customer_ids[
                            (index * invoices + i) % len(customer_ids)
                        ],
                        "journal_id": journal_id,
                        "invoice_line_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": f"worker {index} invoice {i}",
                                    "account_id": income_id,
                                    "quantity": 1,
                                    "price_unit": 10 + (index * invoices + i) % 97,
                                    "tax_ids": [],
                                },
                            )
                        ],
                    }
                    for i in range(invoices)
                ]
            )
            .ids
        )

    # Then each posting is its own transaction, all workers posting at once.
    posted = retries = 0
    for draft_id in draft_ids:
        for attempt in range(MAX_TRIES):
            try:
                with registry.cursor() as cr:
                    api.Environment(cr, odoo.SUPERUSER_ID, context)[
                        "account.move"
                    ].browse(draft_id).action_post()
                break
            except RETRYABLE:
                retries += 1
                # Random, growing back-off so that colliding workers do not collide
                # again in step.
                time.sleep(random.uniform(0, 0.02 * 2 ** min(attempt, 6)))
        else:
            results.put(
                (index, posted, retries, f"posting refused {MAX_TRIES} times in a row")
            )
            return
        posted += 1
    results.put((index, posted, retries, None))


def check(registry, group_id, expected_invoices):
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        group = env["account.customer.group"].browse(group_id)
        drift = group.get_statistics_drift()
        stored = env["account.customer.statistic"]._read_group(
            [("group_id", "=", group_id), ("transaction_type", "=", "invoice")],
            [],
            ["count:sum", "amount:sum"],
        )[0]
        ledger = env["account.move"]._read_group(
            [
                ("customer_group_id", "=", group_id),
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
            ],
            [],
            ["__count", "amount_total:sum"],
        )[0]
        return drift, stored, ledger, expected_invoices


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--invoices", type=int, default=1000, help="invoices per worker"
    )
    args, odoo_args = parser.parse_known_args()
    odoo_args = [arg for arg in odoo_args if arg != "--"]
    config.parse_config(odoo_args)
    registry = Registry(database_name())
    setup = prepare(registry)

    started = time.monotonic()
    # Forked children would share the parent's database connections: spawn them instead.
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    processes = [
        context.Process(
            target=worker, args=(i, args.invoices, setup, results, odoo_args)
        )
        for i in range(args.workers)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get() for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.monotonic() - started

    failed_workers = [
        outcome for outcome in outcomes if outcome[3] or outcome[1] != args.invoices
    ]
    total = sum(outcome[1] for outcome in outcomes)
    retries = sum(outcome[2] for outcome in outcomes)
    drift, stored, ledger, expected = check(
        registry, setup[0], args.workers * args.invoices
    )
    print(
        f"{args.workers} workers posted {total} invoices in {elapsed:.1f} s "
        f"({total / elapsed:.0f}/s), {retries} transactions retried after a "
        "serialization failure"
    )
    print(
        f"stored statistics: {stored[0]} invoices, {stored[1]:.2f}; ledger: "
        f"{ledger[0]} invoices, {ledger[1]:.2f}; drift rows: {len(drift)}"
    )
    checks = [
        ("no worker failed", not failed_workers),
        (f"{expected} invoices posted", total == expected == ledger[0]),
        ("stored invoice count equals the ledger", stored[0] == ledger[0]),
        (
            "stored invoice amount equals the ledger",
            round(stored[1] - ledger[1], 2) == 0,
        ),
        ("drift check finds no difference", not drift),
    ]
    for name, ok in checks:
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    for outcome in failed_workers:
        print(f"FAIL worker {outcome[0]}: {outcome[1]} posted, {outcome[3]}")
    passed = sum(ok for _, ok in checks)
    print(f"{passed} passed, {len(checks) - passed} failed")
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
