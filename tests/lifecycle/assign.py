"""After installing the addon on the populated database: the Assign Customer Groups
wizard by country puts each customer in the right group without changing how it
is invoiced, the statistics equal the ledger, and a second run changes nothing.
Run by `odoo-bin shell` (dev/acg_dev/tier_lifecycle.py)."""

import importlib
import json
import os
import sys
from pathlib import Path

from odoo.exceptions import UserError

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`


sys.path.insert(0, os.environ["ACG_LIFECYCLE_DIR"])
common = importlib.import_module("common")
results = []


def check(what, ok, detail=""):
    results.append(ok)
    shown = f": {detail}" if detail and not ok else ""
    sys.stdout.write(f"{'ok  ' if ok else 'FAIL'} {what}{shown}\n")


company = env.ref("base.main_company")
env = env(context={"allowed_company_ids": company.ids})
statistics = env["account.customer.statistic"]
before = json.loads(Path(os.environ["ACG_LIFECYCLE_JSON"]).read_text(encoding="utf-8"))
customers = common.customers(env).with_company(company).filtered("is_company")
check("no customer in a group after the install", not customers.customer_group_id)
wizard = env["account.customer.group.assign"].create({"rule": "country"})
preview = {line.group_id.code: len(line.partner_ids) for line in wizard.line_ids}
check("preview by country", preview == {"DOM": 2, "EUR": 4, "OVS": 4}, preview)
wizard.action_assign()
customers.invalidate_recordset()
for partner in customers:
    country = partner.country_id.code
    check(
        f"{partner.name} in {common.COUNTRIES[country]}",
        partner.customer_group_id.code == common.COUNTRIES[country],
        partner.customer_group_id.code,
    )
    contacts = partner.child_ids
    check(
        f"contacts of {partner.name} follow it",
        contacts.customer_group_id == partner.customer_group_id,
    )
after = common.invoicing_settings(env)
check(
    "receivable accounts, payment terms, fiscal positions unchanged",
    after == before,
    after,
)
moves = env["account.move"].search(
    [("commercial_partner_id", "in", customers.ids), ("state", "=", "posted")]
)
check(
    "every posted document records its customer's group",
    all(
        move.customer_group_id == move.commercial_partner_id.customer_group_id
        for move in moves
    ),
    len(moves),
)
drift = statistics._drift(company)
check("statistics equal the ledger (drift check empty)", not drift, drift[:3])
invoices = sum(
    statistics.search([("transaction_type", "=", "invoice")]).mapped("count")
)
check("statistics count the 20 invoices", invoices == 20, invoices)
paid = sum(statistics.search([]).mapped("paid_count"))
check("days to pay of the 20 paid invoices", paid == 20, paid)
env.cr.commit()


def stored_buckets():
    """Each bucket's figures: the sums of its rows, however many it has."""
    return sorted(
        (group.id, year, period, ttype, amount, count)
        for group, year, period, ttype, amount, count in statistics._read_group(
            [],
            ["group_id", "year", "period", "transaction_type"],
            ["amount:sum", "count:sum"],
        )
    )


buckets = stored_buckets()
messages = env["mail.message"].search_count([("model", "=", "res.partner")])
second = env["account.customer.group.assign"].create({"rule": "country"})
check(
    "second run: nothing to assign",
    not second.line_ids.group_id,
    second.line_ids.mapped("partner_count"),
)
try:
    second.action_assign()
    check("second run refused", False)
except UserError as error:
    check("second run refused, saying so", "finds no customer" in str(error), error)
env.cr.rollback()
check(
    "second run changed nothing",
    buckets == stored_buckets()
    and messages == env["mail.message"].search_count([("model", "=", "res.partner")]),
)
failed = results.count(False)
sys.stdout.write(f"{len(results) - failed} passed, {failed} failed\n")
