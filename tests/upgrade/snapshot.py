"""What the upgrade must keep, read the same way before and after it.

`snapshot(env)` returns plain data (JSON-ready), keyed by the working tree's
field names whatever release the database holds: `field_names(env)` reads each
field under the name of the installed release (renames.py). Loaded by path from
the runner's shell scripts (dump.py, check.py, populate.py), so it finds
renames.py beside itself.
"""

import importlib.util
import os

CUSTOMER_PREFIX = "Upgrade customer"
GROUP_CODES = ("UPGA", "UPGB")


def _code(record):
    return record.code or None if record else None


def _credit_lines(lines):
    return sorted(
        [
            line.currency_id.name,
            round(line.credit_limit, 2),
            round(line.overdue_limit, 2),
        ]
        for line in lines
    )


def installed_version(env):
    module = env["ir.module.module"].search([("name", "=", "account_customer_group")])
    return module.latest_version


def field_names(env):
    """field(model, name now) -> its name in this database; a name the installed
    release lacks (a rename missing from renames.py or from a migration) raises."""
    path = os.path.join(os.path.dirname(__file__), "renames.py")
    spec = importlib.util.spec_from_file_location("acg_upgrade_renames", path)
    renames = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(renames)
    names = renames.names_at(installed_version(env))

    def field(model, name):
        installed = names.get(model, {}).get(name, name)
        if installed not in env[model]._fields:
            raise KeyError(f"{model} has no field {installed} (now {name})")
        return installed

    return field


def snapshot(env):
    field = field_names(env)
    company = env.ref("base.main_company")
    env = env(context={"allowed_company_ids": company.ids, "active_test": False})
    partner_fields = {
        name: field("res.partner", name)
        for name in (
            "customer_account_set_id",
            "customer_interest_profile_id",
            "customer_billing_cycle_id",
            "customer_account_type",
            "customer_print_statements",
        )
    }
    now_name = {name: now for now, name in partner_fields.items()}
    customers = {}
    partners = env["res.partner"].search(
        [("name", "=like", f"{CUSTOMER_PREFIX}%")], order="name"
    )
    for partner in partners:
        values = {now: partner[name] for now, name in partner_fields.items()}
        customers[partner.name] = {
            "group": _code(partner.customer_group_id),
            "account_set": _code(values["customer_account_set_id"]),
            "interest_profile": _code(values["customer_interest_profile_id"]),
            "billing_cycle": _code(values["customer_billing_cycle_id"]),
            "account_type": values["customer_account_type"] or None,
            "print_statements": bool(values["customer_print_statements"]),
            "credit_lines": _credit_lines(partner.customer_credit_limit_ids),
        }
    groups = env["account.customer.group"].search([("company_id", "=", company.id)])
    settings = {
        name: company[field("res.company", name)]
        for name in (
            "customer_statistics_period_type",
            "customer_statistics_year_basis",
            "customer_statistics_allow_edit",
        )
    }
    # Per bucket: from 19.0.1.3.0 on, a bucket may have several rows.
    statistics = sorted(
        [
            group.code,
            year,
            period,
            transaction_type,
            currency.name,
            round(amount, 2),
            count,
        ]
        for group, year, period, transaction_type, currency, amount, count in env[
            "account.customer.statistic"
        ]._read_group(
            [("company_id", "=", company.id)],
            ["group_id", "year", "period", "transaction_type", "currency_id"],
            ["amount:sum", "count:sum"],
        )
    )
    adjustments = sorted(
        [
            row.group_id.code,
            row.year,
            row.period,
            row.transaction_type,
            round(row.amount, 2),
            row.count,
            row.note or "",
        ]
        for row in env["account.customer.statistic.adjustment"].search(
            [("company_id", "=", company.id)]
        )
    )
    return {
        "customers": customers,
        "groups": {
            group.code: {
                "account_set": _code(group.account_set_id),
                "account_type": group.account_type,
                "currency": group.currency_id.name or None,
                "credit_lines": _credit_lines(group.credit_limit_ids),
                # The customer fields a roll-down still offers, under today's names.
                "rolldown_pending": {
                    now_name.get(key, key): value
                    for key, value in (group.rolldown_previous_values or {}).items()
                },
            }
            for group in groups
            if group.code in GROUP_CODES
        },
        "company": settings,
        "documents": sorted(
            [
                move.partner_id.name,
                move.move_type,
                str(move.invoice_date),
                move.state,
                round(move.amount_total, 2),
                round(move.amount_residual, 2),
                move.payment_state,
            ]
            for move in env["account.move"].search([("partner_id", "in", partners.ids)])
        ),
        "customer_defaults": sorted(
            [now_name[default.field_id.name], default.json_value]
            for default in env["ir.default"].search(
                [
                    ("field_id.model", "=", "res.partner"),
                    ("field_id.name", "in", list(now_name)),
                ]
            )
        ),
        "statistics": statistics,
        "adjustments": adjustments,
        "counts": {
            "groups": len(groups),
            "account_sets": env["account.customer.account.set"].search_count(
                [("company_id", "=", company.id)]
            ),
            "credit_lines": env["account.customer.credit.limit"].search_count([]),
            "statistic_rows": len(statistics),
        },
    }
