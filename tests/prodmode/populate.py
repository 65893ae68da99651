"""A month-end to run: customers of two groups charging interest, each owing one
invoice overdue since the summer, half of them with an email address (their
statements are emailed, the others' printed). Run by `odoo-bin shell` on a copy of
the tested database (dev/acg_dev/tier_prodmode.py); writes what the client needs
(login, the groups, the dates) as JSON to ACG_PRODMODE_SETUP."""

import json
import os
import sys
from pathlib import Path

from odoo import Command

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

CUSTOMERS = int(os.environ.get("ACG_PRODMODE_CUSTOMERS", "1000"))
# The customers of the second group, two in five, are those of the runs killed
# half-way: more than a batch of the interest run (200 customers).
BATCH = 100
LOGIN, PASSWORD = "acg_prodmode", "acg_prodmode-pass"
FIRST_RUN, SECOND_RUN = "2026-11-05", "2026-12-05"


def say(text):
    sys.stdout.write(f"{text}\n")


company = env.ref("base.main_company")
if not env["account.journal"].search(
    [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
):
    env["account.chart.template"].try_loading(
        "generic_coa", company, install_demo=False
    )
env = env(context={"allowed_company_ids": company.ids, "tracking_disable": True})
if not company.email:
    company.email = "accounts@prodmode.example.com"
user = env["res.users"].create(
    {
        "name": "Month-end Accountant",
        "login": LOGIN,
        "password": PASSWORD,
        "email": "accountant@prodmode.example.com",
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
sale_journal = env["account.journal"].search(
    [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
)
income = env["account.account"].create(
    {"code": "789100", "name": "Month-end Interest", "account_type": "income_other"}
)
profile = env["account.customer.interest.profile"].create(
    {
        "code": "ME12",
        "name": "Month-end 12 %",
        "annual_rate": 12.0,
        "journal_id": sale_journal.id,
        "income_account_id": income.id,
    }
)
template_group = env["account.customer.group"].search(
    [("code", "=", "DOM"), ("company_id", "=", company.id)]
)
term = env.ref("account.account_payment_term_30days")
groups = env["account.customer.group"].create(
    [
        {
            "code": code,
            "name": f"Month-end {code}",
            "company_id": company.id,
            "account_set_id": template_group.account_set_id.id,
            "billing_cycle_id": template_group.billing_cycle_id.id,
            "interest_profile_id": profile.id,
            "payment_term_id": term.id,
        }
        for code in ("MEA", "MEK")
    ]
)
partners = env["res.partner"].create(
    [
        {
            "name": f"Month-end customer {index:05d}",
            "is_company": True,
            "customer_group_id": groups[index % 5 < 2].id,
            "email": f"customer{index}@prodmode.example.com" if index % 2 else False,
        }
        for index in range(CUSTOMERS)
    ]
)
product_income = env["account.account"].search(
    [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
)
for start in range(0, CUSTOMERS, BATCH):
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2026-08-01",
                "invoice_date_due": "2026-08-31",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Service",
                            "quantity": 1,
                            "price_unit": 1000.0 + partner.id % 500,
                            "account_id": product_income.id,
                            "tax_ids": [],
                        }
                    )
                ],
            }
            for partner in partners[start : start + BATCH]
        ]
    )
    moves.action_post()
    env.cr.commit()
# The mail queue is left to queue: this machine has no mail server, and the checks
# count the statements queued.
env.ref("mail.ir_cron_mail_scheduler_action").active = False
env.cr.commit()
Path(os.environ["ACG_PRODMODE_SETUP"]).write_text(
    json.dumps(
        {
            "login": LOGIN,
            "password": PASSWORD,
            "company_id": company.id,
            "group_ids": groups.ids,
            "killed_group_id": groups[1].id,
            "customers": CUSTOMERS,
            "killed_customers": len(
                partners.filtered(lambda p: p.customer_group_id == groups[1])
            ),
            "first_run": FIRST_RUN,
            "second_run": SECOND_RUN,
            "user_id": user.id,
        }
    ),
    encoding="utf-8",
)
say(f"populated: {CUSTOMERS} customers with an overdue invoice each")
