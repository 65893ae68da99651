"""The workers of tests/concurrency/concurrent_posting.py: spawned processes, each
with its own connection, that post or pay the documents of a round, and the round
that starts them at once and collects what they did."""

import datetime
import logging
import time

import odoo
from odoo import api
from odoo.exceptions import ConcurrencyError
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, retrying
from odoo.tools import config

DAYS_BEFORE_PAYMENT = 30


def database_name():
    name = config["db_name"]
    return name[0] if isinstance(name, list) else name


def invoice_values(setup, customer_ids, label, count, invoice_date=None):
    return [
        {
            "move_type": "out_invoice",
            "partner_id": customer_ids[i % len(customer_ids)],
            "journal_id": setup["journal_id"],
            "invoice_date": invoice_date,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"{label} {i}",
                        "account_id": setup["income_id"],
                        "quantity": 1,
                        "price_unit": 10 + i % 97,
                        "tax_ids": [],
                    },
                )
            ],
        }
        for i in range(count)
    ]


def prepare_work(registry, context, task):
    """The documents a worker's round needs, created before the round starts: drafts
    to post, or posted invoices dated earlier to pay."""
    setup, index = task["setup"], task["index"]
    # Each worker starts at another customer, as different users would.
    customer_ids = setup["customers"][task["mode"]]
    offset = (index * 7) % len(customer_ids)
    customer_ids = customer_ids[offset:] + customer_ids[:offset]
    label = f"round {task['round']} worker {index}"
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, context)
        if task["kind"] == "post":
            moves = env["account.move"].create(
                invoice_values(setup, customer_ids, label, task["count"])
            )
        else:
            day = datetime.date.today() - datetime.timedelta(days=DAYS_BEFORE_PAYMENT)
            moves = env["account.move"].create(
                invoice_values(setup, customer_ids, label, task["count"], day)
            )
            moves.action_post()
        return moves.ids


def run_one(registry, context, kind, move_id):
    """Post or pay one document in its own transaction through Odoo's retry loop.

    Returns (tries, refused): refused when every try met a serialization failure."""
    tries = 0
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, context)

        def attempt():
            nonlocal tries
            tries += 1
            move = env["account.move"].browse(move_id)
            if kind == "post":
                move.action_post()
            else:
                env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=move.ids
                ).create({})._create_payments()

        try:
            retrying(attempt, env)
        except (*PG_CONCURRENCY_EXCEPTIONS_TO_RETRY, ConcurrencyError):
            return tries, True
    return tries, False


def worker(index, tasks, results, posters_done, odoo_args):
    # A spawned process: its own interpreter, configuration and connection pool.
    config.parse_config(odoo_args)
    # Refused transactions are expected here and retried; Odoo would log each one.
    for name in ("odoo.sql_db", "odoo.service.model"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    registry = Registry(database_name())
    while True:
        task = tasks.get()
        if task is None:
            return
        context = {"allowed_company_ids": [task["setup"]["company_id"]]}
        move_ids = prepare_work(registry, context, task)
        results.put(("ready", index))
        tasks.get()  # the start signal, sent to all the round's workers at once
        done = retries = refused = 0
        for move_id in move_ids:
            # The paying worker pays for as long as the others post.
            if task["kind"] == "pay" and posters_done.is_set():
                break
            tries, failed = run_one(registry, context, task["kind"], move_id)
            retries += tries - 1
            refused += failed
            done += not failed
        results.put(("done", index, done, retries, refused))


def run_round(pool, results, posters_done, setup, mode, workers, postings, round_no):
    """One round: ``workers`` workers at once, the first paying for as long as the
    others post ``postings`` invoices between them; returns (postings and payments
    done, retries, refused, seconds, payments done, invoices left unposted)."""
    share = max(1, postings // (workers - 1))
    posters_done.clear()
    for index in range(workers):
        pool[index].put(
            {
                "setup": setup,
                "mode": mode,
                "kind": "pay" if index == 0 else "post",
                "count": share,
                "index": index,
                "round": f"{workers}w{round_no}{mode}",
            }
        )
    for _index in range(workers):
        results.get()
    started = time.monotonic()
    for index in range(workers):
        pool[index].put("start")
    outcomes = {}
    while len(outcomes.keys() - {0}) < workers - 1:
        outcome = results.get()
        outcomes[outcome[1]] = outcome
    elapsed = time.monotonic() - started
    posters_done.set()
    if 0 not in outcomes:
        outcomes[0] = results.get()
    return (
        sum(outcome[2] for outcome in outcomes.values()),
        sum(outcome[3] for outcome in outcomes.values()),
        sum(outcome[4] for outcome in outcomes.values()),
        elapsed,
        outcomes[0][2],
        share * (workers - 1) - sum(outcomes[index][2] for index in outcomes if index),
    )
