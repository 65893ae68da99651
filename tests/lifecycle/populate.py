"""A live database before the addon: customers in Belgium (the company's country),
France, Germany, the United States and Japan, with invoices, credit notes and
payments over two years. Run by `odoo-bin shell` on a database with only `account`
(dev/acg_dev/tier_lifecycle.py); writes the customers' invoicing settings to
ACG_LIFECYCLE_JSON."""

import importlib
import json
import os
import sys
from pathlib import Path

from odoo.fields import Command

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`


def say(text):
    sys.stdout.write(f"{text}\n")


sys.path.insert(0, os.environ["ACG_LIFECYCLE_DIR"])
common = importlib.import_module("common")
company = env.ref("base.main_company")
company.country_id = env.ref("base.be")
env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
env = env(context={"allowed_company_ids": company.ids})
term = env.ref("account.account_payment_term_30days")
position = env["account.fiscal.position"].create({"name": "Lifecycle export"})
income = env["account.account"].search(
    [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
)
documents = 0
for index, (code, _group) in enumerate(sorted(common.COUNTRIES.items())):
    for number in range(2):
        partner = env["res.partner"].create(
            {
                "name": f"{common.PREFIX} {code} {number}",
                "is_company": True,
                "country_id": env.ref(f"base.{code.lower()}").id,
                "property_payment_term_id": term.id,
                "property_account_position_id": position.id if code == "JP" else False,
            }
        )
        env["res.partner"].create(
            {"name": f"Buyer of {partner.name}", "parent_id": partner.id}
        )
        for year in (2025, 2026):
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_date": f"{year}-0{index + 1}-10",
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Service",
                                "quantity": 1,
                                "price_unit": 100.0 * (index + 1) + number,
                                "account_id": income.id,
                                "tax_ids": [],
                            }
                        )
                    ],
                }
            )
            invoice.action_post()
            refund = invoice._reverse_moves(
                [
                    {
                        "invoice_date": f"{year}-0{index + 2}-01",
                        "date": f"{year}-0{index + 2}-01",
                    }
                ]
            )
            refund.invoice_line_ids.price_unit = 10.0
            refund.action_post()
            env["account.payment.register"].with_context(
                active_model="account.move", active_ids=invoice.ids
            ).create({"payment_date": f"{year}-0{index + 3}-15"})._create_payments()
            documents += 3
env.flush_all()
env.cr.commit()
settings = common.invoicing_settings(env)
Path(os.environ["ACG_LIFECYCLE_JSON"]).write_text(
    json.dumps(settings, indent=1, sort_keys=True), encoding="utf-8"
)
say(f"populated: {len(settings)} customers, {documents} posted documents")
say(f"{len(settings)} passed, {0 if len(settings) == 10 else 1} failed")
