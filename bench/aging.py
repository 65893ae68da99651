"""Benchmark of the aged receivables by customer group on a large ledger.

Open posted invoices (``--invoices``, 100,000 by default; the issue's figure is
1,000,000) over 20 groups and ten years: a few posted through the ORM, the rest copied
in SQL, each copy on other days (its due date too) and in another group; their
movements (``account.customer.aging.movement``) are then built from the ledger, as
installing the addon does. Then the group x aging period summary the pivot shows
(amounts and counts) is read at today and at a date two years back, which adds back
what the reconciliations dated since took off; and the same from the open items'
rows, the baseline measured in the same run. ``--forward-customers N`` makes N of the
50 customers balance-forward: their credits are netted when the summary is read.

With ``--oca`` (``dev/runner.py bench aging --oca``, OCA's addons on the addons path)
the database also has OCA's ``account_financial_report``: its Aged Partner Balance
computes the same totals on the same receivable accounts at the same two dates (what
its report prints, without the rendering), the grand totals of both are printed and
the ratio ours/OCA of their times.

Usage (the database starts from a template with the addon installed, which
click-odoo-initdb makes on the first run in about a minute):

    python3 bench/aging.py --db-host /tmp/pg5502 --db-port 5502 --db-user odoo \
        --addons-path /tmp/addons5502,/opt/odoo19/addons,/opt/odoo19/odoo/addons

This is a benchmark, not a test: nothing is asserted; the times are printed last,
beside their 500 ms target.
"""

import datetime
import statistics
import time

import _shared

from odoo import fields
from odoo.fields import Command

GROUPS = 20
YEARS = 10
TEMPLATE_INVOICES = 500
TARGET_MS = 500
OCA_MODULE = "account_financial_report"
OCA_REPORT = "report.account_financial_report.aged_partner_balance"


def parse_args():
    parser = _shared.cluster_argument_parser(
        __doc__, invoices=100_000, db="bench_aging"
    )
    parser.add_argument(
        "--forward-customers",
        type=int,
        default=0,
        help="how many of the 50 customers are balance-forward (each holds a 50th "
        "of the items), whose credits the summary nets when read",
    )
    return parser.parse_args()


def populate(env, invoices, forward_customers=0):
    """The ledger: ``TEMPLATE_INVOICES`` posted through the ORM in the Domestic group,
    a tenth of them paid in part, copied up to ``invoices`` in SQL, each copy shifted
    by some days (over ``YEARS`` years back) and put in one of ``GROUPS`` groups."""
    moves = _shared.prepare_invoices(env, TEMPLATE_INVOICES, with_group=True)
    moves.action_post()
    moves.partner_id.sorted("id")[
        :forward_customers
    ].customer_account_type = "balance_forward"
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
    # The copies bypass the ORM: their movements are built from the ledger, as
    # installing or upgrading the addon does.
    began = time.perf_counter()
    env["account.customer.aging.movement"]._rebuild()
    rebuilt = time.perf_counter() - began
    # Payments received after the copies, so that the past date has
    # reconciliations to add back.
    for invoice in moves[::10]:
        env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": invoice.amount_total / 2})._create_payments()
    # What the cron job does every ten minutes.
    env["account.customer.aging.movement"]._compact()
    env.cr.execute("ANALYZE account_partial_reconcile")
    env.cr.execute("ANALYZE account_customer_aging_movement")
    return count, rebuilt


def timed(function, runs=5):
    """(median of ``runs`` runs in milliseconds, after one to warm the caches; what
    the function returned)."""
    result = function()
    elapsed = []
    for _run in range(runs):
        began = time.perf_counter()
        function()
        elapsed.append((time.perf_counter() - began) * 1000)
    return statistics.median(elapsed), result


def summary(env, aging_date, items=False):
    """The pivot's read: groups x aging periods, with their totals and counts; the
    grand total. From the movements, or (``items``) from the open items' rows."""
    report = env["account.customer.aging.report"].with_context(
        aging_date=aging_date.isoformat()
    )
    if items:
        report = report.with_context(customer_aging_summary=False)

    def read():
        env.invalidate_all()
        grouped = report.formatted_read_grouping_sets(
            [],
            [
                [],
                ["customer_group_id"],
                ["aging_bucket"],
                ["customer_group_id", "aging_bucket"],
            ],
            ["residual:sum", "__count"],
        )
        return grouped[0][0]["residual:sum"] if grouped[0] else 0.0

    return read


def oca_summary(env, aging_date):
    """OCA's Aged Partner Balance of the company's receivable accounts at
    ``aging_date``: the values its report prints (accounts, partners and aging
    columns), computed as its PDF and XLSX do; the grand total."""
    accounts = env["account.account"].search(
        [
            ("account_type", "=", "asset_receivable"),
            ("company_ids", "in", env.company.ids),
        ]
    )
    wizard = env["aged.partner.balance.report.wizard"].create(
        {
            "company_id": env.company.id,
            "date_at": aging_date,
            "account_ids": [Command.set(accounts.ids)],
        }
    )
    data = wizard._prepare_report_data()
    # As the report action passes it: through JSON.
    data["date_at"] = fields.Date.to_string(data["date_at"])

    def read():
        env.invalidate_all()
        values = env[OCA_REPORT]._get_report_values(wizard.ids, data)
        return sum(account["residual"] for account in values["aged_partner_balance"])

    return read


def main():
    args = parse_args()
    modules = ["account_customer_group", *([OCA_MODULE] if args.oca else [])]
    cr, env = _shared.fresh_env(args, args.db, ",".join(modules))
    try:
        began = time.perf_counter()
        invoices, rebuilt = populate(env, args.invoices, args.forward_customers)
        cr.commit()
        movements = env["account.customer.aging.movement"].search_count([])
        print(
            f"populated {invoices} open posted invoices in {GROUPS} groups over "
            f"{YEARS} years ({args.forward_customers} of the 50 customers "
            f"balance-forward) in {time.perf_counter() - began:.0f} s; their movements "
            f"built from the ledger in {rebuilt:.1f} s ({movements} rows once "
            "compacted)",
            flush=True,
        )
        today = datetime.date.today()
        results = []
        for label, date in (
            ("today", today),
            ("two years back", today - datetime.timedelta(days=730)),
        ):
            ours = timed(summary(env, date))
            items = timed(summary(env, date, items=True), runs=1)
            # OCA's report takes seconds: one run after the warming one.
            oca = timed(oca_summary(env, date), runs=1) if args.oca else None
            results.append((label, ours, items, oca))
            print(f"measured at {label}", flush=True)
    finally:
        cr.close()
    for label, (elapsed, total), (items_elapsed, items_total), oca in results:
        print(
            f"group x aging period summary at {label}, {invoices} open invoices: "
            f"{elapsed:.0f} ms (target < {TARGET_MS} ms; ratio to target "
            f"{elapsed / TARGET_MS:.2f}), grand total {total:,.2f}",
            flush=True,
        )
        print(
            f"the same from the open items' rows at {label}: {items_elapsed:.0f} ms, "
            f"grand total {items_total:,.2f} "
            f"({'the same' if round(items_total - total, 2) == 0 else 'DIFFERENT'}); "
            f"ratio summary/items {elapsed / items_elapsed:.2f}",
            flush=True,
        )
        if oca:
            oca_elapsed, oca_total = oca
            print(
                f"OCA's Aged Partner Balance at {label}: {oca_elapsed:.0f} ms, grand "
                f"total {oca_total:,.2f} "
                f"({'the same' if round(oca_total - total, 2) == 0 else 'DIFFERENT'}); "
                f"ratio ours/OCA {elapsed / oca_elapsed:.3f}",
                flush=True,
            )
        else:
            print("OCA's Aged Partner Balance: not installed (bench --oca times it)")


if __name__ == "__main__":
    main()
