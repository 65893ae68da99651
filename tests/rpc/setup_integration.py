"""Prepare a database for the integration suite; run through `odoo-bin shell`.

Creates the users the client plays (an integration user with an API key, an
Invoicing clerk, and a manager of a second company) and writes their
credentials as JSON to the file named by ACG_RPC_CREDENTIALS. `env` is given
by the Odoo shell.
"""

import datetime
import json
import os

from odoo import Command

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`

main_company = env.ref("base.main_company")
company_b = env["res.company"].create(
    {"name": "RPC Company B", "currency_id": env.ref("base.EUR").id}
)
env["account.chart.template"].try_loading(
    "generic_coa", company=company_b, install_demo=False
)


def user(login, groups, company):
    return env["res.users"].create(
        {
            "name": login.replace("_", " ").title(),
            "login": login,
            "password": f"{login}-pass",
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            "group_ids": [Command.set([env.ref(xmlid).id for xmlid in groups])],
        }
    )


integration = user(
    "acg_integration",
    ["account.group_account_manager", "base.group_partner_manager"],
    main_company,
)
clerk = user("acg_clerk", ["account.group_account_invoice"], main_company)
# Runs Odoo's scheduled jobs on demand, as the cron worker the suite's server lacks.
scheduler = user("acg_scheduler", ["base.group_system"], main_company)
manager_b = user("acg_manager_b", ["account.group_account_manager"], company_b)
# A customer's own portal user, of a group with credit limits: what it must not read.
env["ir.config_parameter"].set_param("portal.allow_api_keys", True)
portal = user("acg_portal", ["base.group_portal"], main_company)
portal.partner_id.customer_group_id = env["account.customer.group"].search(
    [("company_id", "=", main_company.id)], limit=1
)
credentials = {
    role: {
        "login": account.login,
        "password": f"{account.login}-pass",
        "api_key": env["res.users.apikeys"]
        .with_user(account)
        ._generate(
            None,
            "integration suite",
            datetime.datetime.now() + datetime.timedelta(days=1),
        ),
    }
    for role, account in (
        ("integration", integration),
        ("clerk", clerk),
        ("manager_b", manager_b),
        ("scheduler", scheduler),
        ("portal", portal),
    )
}
env.cr.commit()

with open(os.environ["ACG_RPC_CREDENTIALS"], "w", encoding="utf-8") as out:
    json.dump(credentials, out)
