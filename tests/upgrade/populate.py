"""Fill a database of a release that has no populate script of its own.

Run through `odoo-bin shell` (`env` is given by the shell) on a database where
an older release of account_customer_group is installed, before its snapshot
(dump.py); the runner's upgrade part does it (dev/acg_dev/tier_upgrade.py) when
the release's tree lacks tests/upgrade/populate.py, as 19.0.1.0.0 does, or when
the release's own cannot fill it (POPULATED_BY_WORKING_TREE there). Fields
are named as in the working tree and written under the installed release's
names (snapshot.field_names, renames.py).
ACG_UPGRADE_DIR names this folder.
"""

import importlib
import os
import sys

env = env  # noqa: F821, PLW0127 -- provided by `odoo-bin shell`


def say(text):
    # The shell's stdout is what the runner reads (pylint-odoo frowns on print).
    sys.stdout.write(f"{text}\n")


sys.path.insert(0, os.environ["ACG_UPGRADE_DIR"])
snapshot = importlib.import_module("snapshot")
field = snapshot.field_names(env)
company = env.ref("base.main_company")
env = env(context={"allowed_company_ids": company.ids})
eur = env.ref("base.EUR")
eur.active = True

# Company settings first: the statistics buckets follow them.
company.write(
    {
        field("res.company", "customer_statistics_period_type"): "quarterly",
        field("res.company", "customer_statistics_year_basis"): "fiscal",
        field("res.company", "customer_statistics_allow_edit"): True,
    }
)
receivable = env["account.account"].search(
    [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.ids)],
    limit=1,
)
income = env["account.account"].search(
    [("account_type", "=", "income"), ("company_ids", "in", company.ids)], limit=1
)
journal = env["account.journal"].search(
    [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
)
term = env.ref("account.account_payment_term_immediate")
account_set = env["account.customer.account.set"].create(
    {"code": "UPGSET", "name": "Upgrade set", "receivable_account_id": receivable.id}
)
profile_values = {"code": "UPGINT", "name": "Upgrade interest", "annual_rate": 12.0}
Profile = env["account.customer.interest.profile"]
# From 19.0.1.5.0 a profile that charges interest needs an income account.
if "income_account_id" in Profile._fields:
    profile_values["income_account_id"] = income.id
profile = Profile.create(profile_values)
cycle = env["account.customer.billing.cycle"].create(
    {"code": "UPGCYC", "name": "Upgrade cycle", "frequency": "weekly"}
)
group_a, group_b = env["account.customer.group"].create(
    [
        {
            "code": code,
            "name": f"Upgrade group {code}",
            "account_set_id": account_set.id,
            "interest_profile_id": profile.id,
            "billing_cycle_id": cycle.id,
            "payment_term_id": term.id,
            "account_type": account_type,
            "print_statements": True,
            "allow_edit_credit_limit": True,
            # Before 19.0.1.2.0 the group had its own customer currency; the
            # migration gives it to the account set, which now holds it.
            "currency_id": eur.id,
        }
        for code, account_type in zip(
            snapshot.GROUP_CODES, ("open_item", "balance_forward"), strict=True
        )
    ]
)


def credit_limit(owner, field_name, currency, credit, overdue=0.0):
    """Set the owner's line in that currency (a group may come with one)."""
    lines = env["account.customer.credit.limit"]
    line = lines.search(
        [(field_name, "=", owner.id), ("currency_id", "=", currency.id)]
    )
    values = {"credit_limit": credit, "overdue_limit": overdue}
    if line:
        line.write(values)
    else:
        lines.create({field_name: owner.id, "currency_id": currency.id, **values})


credit_limit(group_a, "group_id", company.currency_id, 50000, 5000)
credit_limit(group_a, "group_id", eur, 20000)
credit_limit(group_b, "group_id", company.currency_id, 10000)
prefix = snapshot.CUSTOMER_PREFIX
customer_1, customer_2, customer_3 = env["res.partner"].create(
    [
        {
            "name": f"{prefix} 1",
            "customer_group_id": group_a.id,
            field("res.partner", "customer_account_type"): "balance_forward",
            field("res.partner", "customer_print_statements"): True,
        },
        {"name": f"{prefix} 2", "customer_group_id": group_a.id},
        {
            "name": f"{prefix} 3",
            "customer_group_id": group_b.id,
            field("res.partner", "customer_print_statements"): False,
        },
    ]
)
# The customer's own credit line (its group allows its own limits).
credit_limit(customer_1, "partner_id", company.currency_id, 7500, 750)


def document(partner, amount, date, move_type="out_invoice"):
    move = env["account.move"].create(
        {
            "move_type": move_type,
            "partner_id": partner.id,
            "journal_id": journal.id,
            "invoice_date": date,
            "invoice_line_ids": [
                (
                    0,
                    0,
                    {
                        "name": f"upgrade {move_type} {amount}",
                        "account_id": income.id,
                        "quantity": 1,
                        "price_unit": amount,
                        "tax_ids": [],
                    },
                )
            ],
        }
    )
    move.action_post()
    return move


invoice_1 = document(customer_1, 1000, "2026-01-15")
invoice_2 = document(customer_2, 400, "2026-02-10")
document(customer_3, 250, "2026-04-20")
document(customer_1, 120, "2026-01-25", move_type="out_refund")
(
    env["account.payment.register"]
    .with_context(active_model="account.move", active_ids=invoice_2.ids)
    .create({"payment_date": "2026-03-01"})
    ._create_payments()
)
env["account.customer.statistic.adjustment"].create(
    {
        "group_id": group_b.id,
        "year": 2026,
        "period": 1,
        "transaction_type": "invoice",
        "amount": 300,
        "count": 2,
        "note": "history from the old system",
    }
)
# A change of the group's defaults leaves a roll-down pending, keyed by the
# customer fields' names of this release (19.0.1.1.0 renames those keys).
group_b.write({"print_statements": False, "billing_cycle_id": False})
# A default saved on a customer field points at the field's row, which 19.0.1.1.0
# renames in place.
env["ir.default"].set(
    "res.partner",
    field("res.partner", "customer_account_type"),
    "balance_forward",
    company_id=company.id,
)
env.flush_all()
env.cr.commit()
say(f"populated {snapshot.installed_version(env)}")
