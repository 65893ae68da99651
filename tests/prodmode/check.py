"""After the month-end of client.py, with the server stopped: nothing charged or
emailed twice, although the cron worker was killed in the middle of the second
month's runs, and the statistics equal the ledger. Run by `odoo-bin shell`; reads
the setup (ACG_PRODMODE_SETUP) and the runs (ACG_PRODMODE_RUNS). Ends with
"N passed, N failed"."""

import itertools
import json
import os
import sys
from collections import Counter
from pathlib import Path

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

setup = json.loads(Path(os.environ["ACG_PRODMODE_SETUP"]).read_text(encoding="utf-8"))
runs = json.loads(Path(os.environ["ACG_PRODMODE_RUNS"]).read_text(encoding="utf-8"))
company = env["res.company"].browse(setup["company_id"])
results = Counter()


def check(condition, message):
    results["passed" if condition else "failed"] += 1
    sys.stdout.write(f"{'ok  ' if condition else 'FAIL'} {message}\n")


customers = env["res.partner"].search([("customer_group_id", "in", setup["group_ids"])])
killed = customers.filtered(
    lambda partner: partner.customer_group_id.id == setup["killed_group_id"]
)
# Interest: every period charged on an item once, and no two periods overlapping.
charges = env["account.move.line"].search(
    [
        ("interest_source_line_id", "!=", False),
        ("parent_state", "!=", "cancel"),
        ("partner_id", "in", customers.ids),
    ],
    order="interest_source_line_id, interest_date_from",
)
overlaps = [
    (
        before.interest_source_line_id.id,
        before.interest_date_to,
        after.interest_date_from,
    )
    for before, after in itertools.pairwise(charges)
    if before.interest_source_line_id == after.interest_source_line_id
    and after.interest_date_from < before.interest_date_to
]
check(not overlaps, f"no item charged twice for the same days ({overlaps[:3]})")
per_customer = Counter(move.partner_id.id for move in charges.move_id)
expected = {p.id: 2 if p in killed else 1 for p in customers}
wrong = {p: n for p, n in per_customer.items() if n != expected.get(p)}
check(
    set(per_customer) == set(expected) and not wrong,
    f"each customer charged once a month: {len(charges.move_id)} interest invoices "
    f"for {len(customers)} customers, {len(killed)} of them twice "
    f"({len(wrong)} wrong, {len(set(expected) - set(per_customer))} missing)",
)
# Statements: one per customer and date, queued for sending once or printed once.
for key, statement_id in (("first", runs["first"][1]), ("second", runs["second"][1])):
    run = env["account.customer.statement.run"].browse(statement_id)
    date = str(run.statement_date)
    attachments = env["ir.attachment"].search(
        [
            ("res_model", "=", "res.partner"),
            ("res_id", "in", customers.ids),
            ("name", "=like", f"Statement - % - {date}.pdf"),
        ]
    )
    per_partner = Counter(attachments.mapped("res_id"))
    run_customers = run.line_ids.partner_id
    check(
        set(per_partner) == set(run_customers.ids) and set(per_partner.values()) == {1},
        f"{key} run: one statement per customer ({len(attachments)} for "
        f"{len(run_customers)}; {sum(n > 1 for n in per_partner.values())} twice)",
    )
    messages = (
        env["mail.message"]
        .search([("attachment_ids", "in", attachments.ids)])
        .filtered(lambda message: message.model == "res.partner")
    )
    mails = env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
    emailed = run.line_ids.filtered(lambda line: line.delivery == "email").partner_id
    per_mail = Counter(mail.mail_message_id.res_id for mail in mails)
    check(
        set(per_mail) == set(emailed.ids) and set(per_mail.values()) == {1},
        f"{key} run: one mail queued per emailed customer ({len(mails)} for "
        f"{len(emailed)}; states {dict(Counter(mails.mapped('state')))})",
    )
    check(
        all(line.state == "done" for line in run.line_ids),
        f"{key} run: every customer done",
    )
drift = env["account.customer.statistic"]._drift(company)
check(not drift, f"statistics equal the ledger ({drift[:2]})")
aging = env["account.customer.aging.movement"]._drift()
check(not aging, f"aged receivables' movements equal the ledger ({aging[:2]})")
sys.stdout.write(f"{results['passed']} passed, {results['failed']} failed\n")
