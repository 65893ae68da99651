"""The replica part's client (dev/acg_dev/tier_replica.py), over JSON-2 only.

Server A reads from a streaming replica (--db_replica_host), server B only from the
primary; both are prefork. Checks that the heavy reads sent to A are answered by
the replica (its pg_stat_database counters move, the primary's do not) with B's
figures, that posting through A works, then posts invoices and payments for the
customers of one group from parallel clients through one server, then through both,
and checks that none was refused and that the statistics equal the ledger.
"""

import argparse
import datetime
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "rpc"))

from protocols import Json2, RemoteError

# PostgreSQL 15+ backends flush their statistics when idle, at the latest 10 s later
# (PGSTAT_IDLE_INTERVAL): a window is waited out on both sides.
STATS_SETTLE = 11
STATS_QUERY = (
    "SELECT xact_commit, tup_returned, blks_hit FROM pg_stat_database "
    "WHERE datname = '{db}'"
)
CLIENTS = 4
INVOICES = 24  # per round
PAYMENTS = 8  # per round
results = {"passed": 0, "failed": 0}


def say(text):
    print(text, flush=True)


def check(condition, message):
    results["passed" if condition else "failed"] += 1
    say(f"{'ok  ' if condition else 'FAIL'} {message}")
    return condition


class Databases:
    """The primary's and the replica's counters and WAL positions through psql."""

    def __init__(self, psql, db):
        self.psql, self.db = psql, db

    def query(self, side, statement):
        out = subprocess.run(
            [*self.psql[side], "-X", "-A", "-t", "-F", " ", "-c", statement],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return out.split()

    def counters(self):
        return {
            side: [int(v) for v in self.query(side, STATS_QUERY.format(db=self.db))]
            for side in ("primary", "replica")
        }

    def autovacuum(self, on):
        setting = "RESET autovacuum" if on else "SET autovacuum = off"
        self.query("primary", f"ALTER SYSTEM {setting}")
        self.query("primary", "SELECT pg_reload_conf()")

    def wait_for_replay(self, timeout=60):
        # The insert position, not the write one: the test cluster commits
        # asynchronously (synchronous_commit = off), so a commit Odoo has answered
        # may not be written yet.
        target = self.query("primary", "SELECT pg_current_wal_insert_lsn()")[0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            caught_up = self.query(
                "replica", f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn"
            )
            if caught_up == ["t"]:
                return True
            time.sleep(0.2)
        return False


def heavy_reads(server, group_id, customer_ids):
    """What the group's Statistics page, the two analyses, the drift check and a credit
    check read:
    each answer keyed by what was read."""
    page = server.call(
        "account.customer.group",
        "web_read",
        [group_id],
        specification={
            name: {}
            for name in (
                "statistics_year",
                "statistics_period",
                "days_to_pay_total",
                "paid_invoice_count",
                "ytd_days_to_pay_total",
                "ytd_paid_invoice_count",
            )
        }
        | {
            "statistic_line_ids": {
                "fields": {"transaction_type": {}, "amount_company": {}, "count": {}}
            }
        },
    )
    return {
        "statistics page": page,
        "statistics analysis": server.call(
            "account.customer.statistic.report",
            "formatted_read_group",
            domain=[],
            groupby=["group_id", "transaction_type"],
            aggregates=["amount_company:sum", "count:sum", "paid_count:sum"],
        ),
        "aging analysis": server.call(
            "account.customer.aging.report",
            "formatted_read_group",
            domain=[],
            groupby=["customer_group_id", "aging_bucket"],
            aggregates=["residual:sum"],
        ),
        "statistics drift": server.call(
            "account.customer.group", "get_statistics_drift", [group_id]
        ),
        "effective credit limits": [
            server.call("res.partner", "get_effective_credit_limits", [customer_id])
            for customer_id in customer_ids
        ],
    }


def post_invoice(server, setup, customer_id, label):
    [move_id] = server.call(
        "account.move",
        "create",
        vals_list=[
            {
                "move_type": "out_invoice",
                "partner_id": customer_id,
                "journal_id": setup["journal_id"],
                "invoice_date": datetime.date.today().isoformat(),
                "invoice_line_ids": [
                    [
                        0,
                        0,
                        {
                            "name": label,
                            "account_id": setup["income_id"],
                            "quantity": 1,
                            "price_unit": 100,
                            "tax_ids": [],
                        },
                    ]
                ],
            }
        ],
    )
    server.call("account.move", "action_post", [move_id])
    return move_id


def post_payment(server, setup, customer_id):
    [payment_id] = server.call(
        "account.payment",
        "create",
        vals_list=[
            {
                "payment_type": "inbound",
                "partner_type": "customer",
                "partner_id": customer_id,
                "amount": 50,
                "journal_id": setup["bank_journal_id"],
            }
        ],
    )
    server.call("account.payment", "action_post", [payment_id])


def posting_round(servers, setup, name):
    """INVOICES invoices and PAYMENTS payments for the group's customers from CLIENTS
    threads, spread over ``servers``; (postings per second, refusals)."""
    tasks = [("invoice", i) for i in range(INVOICES)] + [
        ("payment", i) for i in range(PAYMENTS)
    ]
    customers = setup["customers"]
    refused = []
    lock = threading.Lock()

    def client(index):
        server = servers[index % len(servers)]
        while True:
            with lock:
                if not tasks:
                    return
                kind, i = tasks.pop(0)
            customer_id = customers[(i + index * 5) % len(customers)]
            try:
                if kind == "invoice":
                    post_invoice(server, setup, customer_id, f"{name} {i}")
                else:
                    post_payment(server, setup, customer_id)
            except (RemoteError, OSError) as error:
                with lock:
                    refused.append(f"{kind} {i}: {error}")

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rate = (INVOICES + PAYMENTS) / (time.monotonic() - started)
    for line in refused[:5]:
        say(f"  refused: {line}")
    return rate, refused


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--replica-url", required=True)
    parser.add_argument("--primary-url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--setup", required=True)
    parser.add_argument("--psql", required=True, help="JSON: psql argv per side")
    args = parser.parse_args()
    setup = json.loads(Path(args.setup).read_text(encoding="utf-8"))
    read_group = setup["dom_group_id"], setup["dom_customers"]
    databases = Databases(json.loads(args.psql), args.db)
    on_replica = Json2(args.replica_url, args.db, setup["api_key"])
    on_primary = Json2(args.primary_url, args.db, setup["api_key"])

    # Each worker loads the registry on its first request, from the primary.
    for _warm_up in range(4):
        heavy_reads(on_replica, *read_group)
    # The primary's autovacuum, which analyzes the tables a fresh install filled,
    # counts transactions too: it waits while the primary's are counted.
    databases.autovacuum(False)
    time.sleep(STATS_SETTLE)
    before = databases.counters()
    started = time.monotonic()
    read_on_replica = heavy_reads(on_replica, *read_group)
    read_seconds = time.monotonic() - started
    time.sleep(STATS_SETTLE)
    after = databases.counters()
    databases.autovacuum(True)
    moved = {
        side: [a - b for a, b in zip(after[side], before[side], strict=True)]
        for side in after
    }
    say(
        "pg_stat_database deltas (xact_commit, tup_returned, blks_hit) around the "
        f"heavy reads on server A: replica {moved['replica']}, primary "
        f"{moved['primary']}"
    )
    check(
        moved["replica"][0] > 0 and moved["replica"][1] > 0,
        "the replica answered the heavy reads",
    )
    check(moved["primary"][0] == 0, "the primary had no transaction meanwhile")
    read_on_primary = heavy_reads(on_primary, *read_group)
    for what, answer in read_on_replica.items():
        check(answer == read_on_primary[what], f"{what}: same figures on both")

    move_id = post_invoice(on_replica, setup, setup["customers"][0], "through A")
    # `read` is read-only: served from the replica once it has replayed the posting.
    databases.wait_for_replay()
    [state] = on_replica.call("account.move", "read", [move_id], fields=["state"])
    check(state["state"] == "posted", "an invoice posted over JSON-2 through server A")

    one, refused_one = posting_round([on_primary], setup, "one server")
    two, refused_two = posting_round([on_primary, on_replica], setup, "two servers")
    check(not refused_one and not refused_two, "no posting refused")
    drift = on_primary.call(
        "account.customer.group", "get_statistics_drift", [setup["group_id"]]
    )
    check(drift == [], f"statistics equal the ledger ({len(drift)} drifting buckets)")
    check(databases.wait_for_replay(), "the replica replayed the postings")
    posting_group = setup["group_id"], setup["customers"]
    # The cron jobs of the primary (the statistics' compaction, which renumbers a
    # group's statistic rows) may commit between the two reads: such a pair is read
    # again once the replica has replayed it.
    for _attempt in range(3):
        databases.wait_for_replay()
        replica_reads = heavy_reads(on_replica, *posting_group)
        primary_reads = heavy_reads(on_primary, *posting_group)
        differing = [
            what for what in replica_reads if replica_reads[what] != primary_reads[what]
        ]
        if not differing:
            break
        say(f"the primary committed between the reads of {differing}: again")
    check(
        not differing,
        "after them, the posting group's heavy reads: same figures on both"
        + (f" (not {differing})" if differing else ""),
    )
    postings = INVOICES + PAYMENTS
    say(
        f"summary: heavy reads from the replica in {read_seconds:.1f} s, same "
        f"figures as the primary; {postings} postings from {CLIENTS} clients: one "
        f"server {one:.1f}/s, two servers {two:.1f}/s ({two / one:.2f}x), "
        f"{len(refused_one) + len(refused_two)} refused"
    )
    say(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
