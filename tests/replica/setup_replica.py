"""Prepare the tested database for the replica part; run through `odoo-bin shell`.

A fresh group (a copy of DOM) with its customers, an integration user with an API
key, and what an invoice and a payment need, written as JSON to the file named by
ACG_REPLICA_SETUP. `env` is given by the Odoo shell.
"""

import datetime
import json
import os
import random

from odoo import Command

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

CUSTOMERS = 20

company = env.ref("base.main_company")
code = "R" + "".join(random.choices("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", k=5))
dom = env["account.customer.group"].search(
    [("code", "=", "DOM"), ("company_id", "=", company.id)]
)
group = dom.copy({"code": code, "name": f"Replica {code}"})
customers = env["res.partner"].create(
    [
        {"name": f"Replica {code} customer {i}", "customer_group_id": group.id}
        for i in range(CUSTOMERS)
    ]
)
user = env["res.users"].create(
    {
        "name": f"Replica integration {code}",
        "login": f"acg_replica_{code.lower()}",
        "company_id": company.id,
        "company_ids": [Command.set(company.ids)],
        "group_ids": [
            Command.set(
                [
                    env.ref("account.group_account_manager").id,
                    env.ref("base.group_partner_manager").id,
                ]
            )
        ],
    }
)


def first(model, domain):
    return env[model].search([*domain, ("company_id", "=", company.id)], limit=1).id


setup = {
    "group_id": group.id,
    "dom_group_id": dom.id,
    "dom_customers": (
        env["res.partner"].search([("customer_group_id", "=", dom.id)], limit=3)
        or customers[:3]
    ).ids,
    "customers": customers.ids,
    "income_id": env["account.account"]
    .search(
        [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
    )
    .id,
    "journal_id": first("account.journal", [("type", "=", "sale")]),
    "bank_journal_id": first("account.journal", [("type", "=", "bank")]),
    "api_key": env["res.users.apikeys"]
    .with_user(user)
    ._generate(None, "replica part", datetime.datetime.now() + datetime.timedelta(1)),
}
env.cr.commit()

with open(os.environ["ACG_REPLICA_SETUP"], "w", encoding="utf-8") as out:
    json.dump(setup, out)
