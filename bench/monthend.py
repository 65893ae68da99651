"""Benchmark of a month-end: statements printed and emailed, and interest charged,
for N customers of one group each owing one overdue invoice, against Odoo's own
sending of invoices in batch.

1. Odoo's baseline: invoices sent as Odoo sends them in batch (the batch wizard of
   `account.move.send`, then its cron *Send invoices automatically*, which renders
   the PDFs by `account.pdf_generation_batch` and queues the mails), on a sample of
   the customers' invoices (--baseline-sample): at about a second an invoice, all of
   them would take hours.
2. Statements printed, then statements emailed (mails queued, not sent), then
   interest charged, each by a run (`account.customer.statement.run`,
   `account.customer.interest.run`) created and started as a user does, processed
   by its cron (*Customer groups: process statement and interest runs*) as the
   scheduler runs it. The interest run's time is split by step: the addon's
   computation of the charges and invoice values, Odoo's `account.move` create,
   `action_post` and the addon's hooks on posting, the flushes, the commits, and
   what is left, the run's bookkeeping.
3. Odoo's plain create for interest: the same number of one-line customer invoices
   (one per customer) created, then posted, by Odoo's `create` in batches of the
   interest run's size, without the addon's interest code, then rolled back. The
   interest run creates its invoices with all their journal items given and without
   Odoo's line-by-line sync of an invoice's lines or its "Invoice Created" message
   (the same invoices, tests/test_runs.py `TestInterestRunParity` shows), so it can
   take less than that.

Each prints its cost per customer and the longest transaction seen (between two
commits of the cron, or a batch), the proxy for "no request over 5 s"; then the
ratios against the goals (statements at most 0.25x Odoo's cost per invoice sent,
interest at most 10 ms per customer, and against Odoo's plain create) and which
wkhtmltopdf ran. The style sheets of the PDFs are served by an HTTP server in the
benchmark's process, as they are by Odoo's.

Usage (the database starts from a template with the addon installed, which
click-odoo-initdb makes on the first run in about a minute):

    python3 bench/monthend.py --db-host /tmp/pg5502 --db-port 5502 --db-user odoo \
        --addons-path /tmp/addons5502,/opt/odoo19/addons,/opt/odoo19/odoo/addons \
        --customers 1000

`--only interest` runs the interest part alone (no PDF, no Odoo sending): the
interest run, its split and Odoo's plain create. `--post` has the interest run post
its invoices (it leaves drafts by default, as the wizard does). `--profile FILE`
also writes the interest run's cProfile statistics (`python3 -m pstats FILE`).

This is a benchmark, not a test: nothing is asserted; the ratios are printed last.
"""

import cProfile
import socket
import time
from contextlib import ExitStack, closing, contextmanager
from unittest.mock import patch

import _shared

import odoo
from odoo.fields import Command
from odoo.orm.environments import Environment
from odoo.service import server
from odoo.tools import config

from odoo.addons.base.models.ir_actions_report import _wkhtml
from odoo.addons.base.models.ir_cron import IrCron

RUN_CRON = "account_customer_group.ir_cron_account_customer_runs"
STATEMENT_DATE = "2026-11-30"
TEMPLATE_INVOICES = 100


def parse_args():
    parser = _shared.cluster_argument_parser(
        __doc__, invoices=10_000, db="bench_monthend"
    )
    parser.add_argument(
        "--customers",
        type=int,
        help="customers, one overdue invoice each (default: --invoices)",
    )
    parser.add_argument(
        "--baseline-sample",
        type=int,
        default=100,
        help="invoices Odoo sends for its baseline (default 100)",
    )
    parser.add_argument(
        "--only",
        choices=("all", "interest"),
        default="all",
        help="interest: the interest run, its split and Odoo's plain create alone",
    )
    parser.add_argument(
        "--post",
        action="store_true",
        help="the interest run posts its invoices (by default it leaves drafts)",
    )
    parser.add_argument(
        "--profile", help="write the interest run's cProfile statistics to this file"
    )
    return parser.parse_args()


def serve_http(name):
    """Odoo's HTTP server in a thread of this process, for wkhtmltopdf to fetch the
    style sheets of the PDFs from, as it does from a running Odoo."""
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config["http_port"] = port
    config["dbfilter"] = f"^{name}$"
    server.ThreadedServer(odoo.http.root).http_spawn()
    return f"http://127.0.0.1:{port}"


def populate(env, customers):
    """``customers`` customers of the DOM group, each with an email address and one
    posted invoice overdue at the statement date; the group charges 12 % a year."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
    group = env["account.customer.group"].search(
        [("code", "=", "DOM"), ("company_id", "=", company.id)]
    )
    income = env["account.account"].create(
        {"code": "789000", "name": "Interest", "account_type": "income_other"}
    )
    group.write(
        {
            "print_statements": True,
            "interest_profile_id": env["account.customer.interest.profile"]
            .create(
                {
                    "code": "BENCH",
                    "name": "12 % a year",
                    "annual_rate": 12.0,
                    "income_account_id": income.id,
                }
            )
            .id,
        }
    )
    partner_ids = []
    for start in range(0, customers, 2000):
        partner_ids += (
            env["res.partner"]
            .create(
                [
                    {
                        "name": f"Month-end customer {index}",
                        "is_company": True,
                        "email": f"customer{index}@example.com",
                        "customer_group_id": group.id,
                        "invoice_sending_method": "email",
                    }
                    for index in range(start, min(start + 2000, customers))
                ]
            )
            .ids
        )
    templates = min(TEMPLATE_INVOICES, customers)
    moves = env["account.move"].create(
        [
            _shared.invoice_vals(partner_ids[index], index, year=2025)
            for index in range(templates)
        ]
    )
    moves.action_post()
    env.flush_all()
    # Copy n of the k-th invoice goes to customer (k - 1 + n * templates): one each.
    customer = f"(ARRAY{partner_ids})[m.k + m.n * {templates}]"
    if customers > templates:
        _shared.copy_invoices(
            env,
            moves.ids,
            customers // templates - 1,
            moves={"partner_id": customer, "commercial_partner_id": customer},
            lines={"partner_id": customer},
        )
    return group, env["res.partner"].browse(partner_ids), moves


@contextmanager
def transactions():
    """The durations between two commits of a cron job (its batches), longest
    last, in the list it yields."""
    durations = []
    last = [time.perf_counter()]
    commit_progress = IrCron._commit_progress

    def timed(self, *args, **kwargs):
        result = commit_progress(self, *args, **kwargs)
        now = time.perf_counter()
        durations.append(now - last[0])
        last[0] = now
        return result

    with patch.object(IrCron, "_commit_progress", timed):
        yield durations, last
    durations.sort()


def run_cron(env, xmlid, pending, last):
    """Run the cron job as the scheduler does, until ``pending()`` is 0."""
    cron = env.ref(xmlid)
    left = pending()
    while left:
        last[0] = time.perf_counter()
        cron.method_direct_trigger()
        # The job committed in a cursor of its own: see what it did.
        env.cr.commit()
        env.invalidate_all()
        left, before = pending(), left
        if left >= before:
            raise RuntimeError(f"{cron.name}: nothing done in a pass, {left} left")


def report(label, customers, elapsed, durations, unit="customer"):
    longest = max(durations, default=elapsed)
    each = elapsed / customers
    print(
        f"{label}: {customers} {unit}s in {elapsed:.1f} s, {each * 1000:.0f} ms per "
        f"{unit}; longest transaction {longest:.1f} s",
        flush=True,
    )
    return each


def bench_odoo(env, moves, patched):
    """Odoo's batch sending of ``moves``: seconds per invoice."""
    if not patched:
        env.ref(
            "account.ir_cron_account_move_send"
        ).code = "model._cron_account_move_send(job_count=1)"
        print(
            "Odoo's cron renders 10 invoices per wkhtmltopdf run, which Debian's "
            'build refuses ("Tried to convert multiple documents in wkhtmltopdf '
            "using unpatched QT\", and the cron fails); the baseline is Odoo's cron "
            "sending one invoice per pass, the only way it sends here.",
            flush=True,
        )
    env["account.move.send.batch.wizard"].create(
        {"move_ids": [Command.set(moves.ids)]}
    ).action_send_and_print()
    env.cr.commit()
    Move = env["account.move"]
    began = time.perf_counter()
    with transactions() as (durations, last):
        run_cron(
            env,
            "account.ir_cron_account_move_send",
            lambda: Move.search_count(
                [("id", "in", moves.ids), ("sending_data", "!=", False)]
            ),
            last,
        )
    elapsed = time.perf_counter() - began
    sent = len(moves.filtered("invoice_pdf_report_id"))
    mails = env["mail.mail"].search_count(
        [("model", "=", "account.move"), ("res_id", "in", moves.ids)]
    )
    print(
        f"Odoo sent {sent} of {len(moves)} invoices ({mails} mails); "
        f"account.pdf_generation_batch "
        f"{env['ir.config_parameter'].get_param('account.pdf_generation_batch', '80')}",
        flush=True,
    )
    return report(
        "Odoo's batch sending (sample)", len(moves), elapsed, durations, "invoice"
    )


# The steps of an interest run timed on their own: (label, model, method), or
# (label, class, method) for a class of Odoo's that is no model. A step's time is
# its own, less that of the steps it calls; the run's bookkeeping is what is left.
INTEREST_STEPS = (
    ("addon's computation", "account.customer.interest.run", "_interest_invoices_vals"),
    ("account.move create", "account.move", "create"),
    ("action_post", "account.move", "action_post"),
    (
        "posting hook: credit check",
        "account.move",
        "_check_customer_group_credit_block",
    ),
    ("posting hook: statistics", "account.customer.statistic", "_apply_contributions"),
    ("posting hook: salesperson split", "account.move", "_record_salesperson_split"),
    ("flushes (ORM writes sent)", Environment, "flush_all"),
    ("commits (_commit_progress)", "ir.cron", "_commit_progress"),
)


@contextmanager
def timed_steps(env, steps):
    """Seconds spent in each of ``steps``, by label, in the dictionary it yields:
    each step's own time, less that of the steps it calls."""
    spent = dict.fromkeys((label for label, _owner, _method in steps), 0.0)
    # [label, start, time of the steps it called] of the steps under way.
    stack = []

    def timing(label, call):
        stack.append([label, time.perf_counter(), 0.0])
        try:
            return call()
        finally:
            label, began, inner = stack.pop()
            elapsed = time.perf_counter() - began
            spent[label] += elapsed - inner
            if stack:
                stack[-1][2] += elapsed

    with ExitStack() as stack_of_patches:
        for label, owner, method in steps:
            if isinstance(owner, str):
                # The model's class in the registry defines no method: the call
                # goes on to its bases, as patched then (by transactions()).
                cls = type(env[owner])

                def timed(self, *args, _c=cls, _m=method, _l=label, **kwargs):
                    return timing(
                        _l, lambda: getattr(super(_c, self), _m)(*args, **kwargs)
                    )

            else:
                cls = owner
                original = getattr(owner, method)

                def timed(self, *args, _o=original, _l=label, **kwargs):
                    return timing(_l, lambda: _o(self, *args, **kwargs))

            stack_of_patches.enter_context(patch.object(cls, method, timed))
        yield spent


def run_pending(run, customers):
    """What is left of ``run``: every customer and one until the cron has listed
    them, then those to do."""
    run.invalidate_recordset()
    if run.state != "running":
        return 0
    return run.todo_count if run.lines_ready else customers + 1


def bench_run(env, label, model, customers, profile=None, **vals):
    """A run created and started as a user does, processed by its cron: the run and
    seconds per customer. With ``profile``, a cProfile.Profile, the cron's passes
    are profiled."""
    run = env[model].with_user(env.ref("base.user_admin")).create(vals)
    began = time.perf_counter()
    run.action_start()
    env.cr.commit()
    started = time.perf_counter() - began
    with transactions() as (durations, last):
        if profile:
            profile.enable()
        try:
            run_cron(env, RUN_CRON, lambda: run_pending(run, customers), last)
        finally:
            if profile:
                profile.disable()
    elapsed = time.perf_counter() - began
    print(
        f"{run.display_name}: {run.state}, {run.done_count} done, "
        f"{run.skipped_count} skipped, {run.failed_count} failed; the request "
        f"starting it took {started:.2f} s",
        flush=True,
    )
    each = report(label, customers, elapsed, durations)
    return run, each


def bench_runs(env, group, customers):
    """The month-end by runs: statements printed, statements emailed, interest
    charged; seconds per customer of each."""
    statement = {
        "customer_group_ids": [Command.set(group.ids)],
        "statement_date": STATEMENT_DATE,
    }
    run, printed = bench_run(
        env,
        "statement run, printed",
        "account.customer.statement.run",
        customers,
        **statement,
    )
    print(
        f"  printed {run.printed_count}, merged PDF "
        f"{len(run.attachment_id.raw or b'') / 1e6:.1f} MB",
        flush=True,
    )
    run, emailed = bench_run(
        env,
        "statement run, emailed",
        "account.customer.statement.run",
        customers,
        send_by_email=True,
        **statement,
    )
    queued = env["mail.mail"].search_count(
        [("model", "=", "res.partner"), ("state", "=", "outgoing")]
    )
    print(f"  emailed {run.emailed_count}, {queued} mails queued", flush=True)
    return printed, emailed


def bench_interest(env, group, customers, profile_file=None, post=False):
    """The interest run, its time split by step: seconds per customer."""
    profile = cProfile.Profile() if profile_file else None
    with timed_steps(env, INTEREST_STEPS) as spent:
        run, interest = bench_run(
            env,
            "interest run",
            "account.customer.interest.run",
            customers,
            profile=profile,
            customer_group_ids=[Command.set(group.ids)],
            run_date=STATEMENT_DATE,
            post_invoices=post,
        )
    print(
        f"  {len(run.move_ids)} interest invoices, "
        + ("posted" if post else "drafts (as the run makes them by default)"),
        flush=True,
    )
    total = interest * customers
    accounted = sum(spent.values())
    for label, seconds in [*spent.items(), ("run's bookkeeping", total - accounted)]:
        print(
            f"  {label}: {seconds * 1000 / customers:.1f} ms per customer", flush=True
        )
    if profile:
        profile.dump_stats(profile_file)
        print(f"  cProfile statistics in {profile_file}", flush=True)
    return interest


def bench_plain_create(env, partners):
    """Odoo's plain create, to compare the interest run with: one-line customer
    invoices, one per customer, created then posted in batches of the run's size,
    with no interest code (the addon's hooks on posting still run). Rolled back.
    (seconds per invoice to create, seconds per invoice to post)."""
    company = env.company
    journal = env["account.journal"].search(
        [*env["account.journal"]._check_company_domain(company), ("type", "=", "sale")],
        limit=1,
    )
    account = env["account.account"].search([("code", "=", "789000")], limit=1)
    size = env["account.customer.interest.run"]._run_batch_size
    Move = env["account.move"].with_user(env.ref("base.user_admin"))
    created = posted = 0.0
    for start in range(0, len(partners), size):
        began = time.perf_counter()
        moves = Move.create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "journal_id": journal.id,
                    "invoice_date": STATEMENT_DATE,
                    "invoice_date_due": STATEMENT_DATE,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Floor",
                                "account_id": account.id,
                                "quantity": 1,
                                "price_unit": 1.23,
                                "tax_ids": [Command.set([])],
                            }
                        )
                    ],
                }
                for partner in partners[start : start + size]
            ]
        )
        env.flush_all()
        middle = time.perf_counter()
        moves.action_post()
        env.flush_all()
        created += middle - began
        posted += time.perf_counter() - middle
    env.cr.rollback()
    env.invalidate_all()
    count = len(partners)
    print(
        f"Odoo's plain create: {count} one-line invoices in batches of {size}: "
        f"created in {created * 1000 / count:.1f} ms per invoice, posted in "
        f"{posted * 1000 / count:.1f} ms more ({(created + posted) * 1000 / count:.1f}"
        " ms created and posted)",
        flush=True,
    )
    return created / count, posted / count


def main():
    args = parse_args()
    customers = args.customers or args.invoices
    cr, env = _shared.fresh_env(args, args.db)
    try:
        env = env(context={"allowed_company_ids": env.company.ids})
        began = time.perf_counter()
        group, partners, originals = populate(env, customers)
        cr.commit()
        print(
            f"populated {len(partners)} customers of group {group.code}, one overdue "
            f"invoice each, in {time.perf_counter() - began:.0f} s",
            flush=True,
        )
        if args.only == "interest":
            interest_each = bench_interest(
                env, group, len(partners), args.profile, args.post
            )
            plain = bench_plain_create(env, partners)
            report_interest(customers, interest_each, plain, args.post)
            return
        env["ir.config_parameter"].set_param("report.url", serve_http(args.db))
        patched = _wkhtml().is_patched_qt
        print(
            "wkhtmltopdf: "
            + (
                "Odoo's patched build (patched Qt)"
                if patched
                else "Debian's build (unpatched Qt, one document per run)"
            ),
            flush=True,
        )
        # The first PDF makes the style sheets' bundles: not timed.
        env["ir.actions.report"]._render_customer_statements(
            partners[:1], {"statement_date": STATEMENT_DATE}
        )
        cr.commit()
        sample = originals[: args.baseline_sample]
        odoo_each = bench_odoo(env, sample, patched)
        print(
            f"(Odoo's baseline measured on {len(sample)} of the {customers} invoices)",
            flush=True,
        )
        printed, emailed = bench_runs(env, group, len(partners))
        interest_each = bench_interest(
            env, group, len(partners), args.profile, args.post
        )
        plain = bench_plain_create(env, partners)
    finally:
        cr.close()
    print(
        f"size: {customers} customers; Odoo's baseline on {len(sample)} invoices; "
        f"wkhtmltopdf {'patched' if patched else 'Debian (unpatched Qt)'}",
        flush=True,
    )
    for label, each in (("printed", printed), ("emailed", emailed)):
        print(
            f"statements {label} ratio (per customer / Odoo per invoice sent): "
            f"{each / odoo_each:.3f} (goal <= 0.25)",
            flush=True,
        )
    report_interest(customers, interest_each, plain, args.post)


def report_interest(customers, each, plain, post):
    """The interest line of the ratios: against the goal, and against Odoo's plain
    create of what the run made (drafts, or posted invoices with --post)."""
    created, posted = plain
    plain_each = created + posted if post else created
    made = "created and posted" if post else "created"
    print(
        f"interest per customer ({customers} customers): {each * 1000:.1f} ms (goal "
        f"<= 10 ms; ratio {each / 0.010:.2f}); Odoo's plain create, a one-line "
        f"invoice {made}: {plain_each * 1000:.1f} ms (ratio to it "
        f"{each / plain_each:.2f}; the goal is {0.010 / plain_each:.2f}x it)",
        flush=True,
    )


if __name__ == "__main__":
    main()
