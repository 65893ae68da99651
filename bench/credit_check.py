"""Time the customer-group credit check on invoice and quotation entry.

Builds 100,000 open invoice lines over 1,000 customers of one customer group (set-based
SQL, committed like real invoices, and deleted again at the end, also when a run is
interrupted and the script is run again), then times, for one customer, the check an
invoice runs while it is entered, and the same figures computed the naive way: browsing
the customer's invoices and summing their lines in Python. Both run on the same data, in
the same process, with an empty cache before every call.

With the sale bridge (account_customer_group_sale) installed, it adds 10,000 confirmed
orders for the same customers, each 40% invoiced by one of those invoices, and times the
group's check on entering a quotation against Odoo's own credit warning on the same data
(the cost every quotation already pays), both with Odoo's credit limit and the pending
transactions on.

Usage (the database must have account_customer_group installed):

    python3 bench/credit_check.py -d DB --db_host HOST --db_port PORT --db_user odoo \
        --addons-path ADDONS_PATH
"""

import statistics
import sys
import time
from datetime import timedelta
from unittest.mock import patch

from _credit_data import (
    BENCH_REF,
    CUSTOMERS,
    OPEN_ITEMS,
    ORDERS,
    cleanup,
    module_installed,
    sale_installed,
    setup,
)

import odoo
from odoo import Command, api, fields
from odoo.modules.registry import Registry
from odoo.tools import SQL, config, get_lang

RUNS = 200


def naive_exposure(partner, company, currency, overdue_days):
    """The straightforward ORM way: browse the invoices, sum their receivable lines in
    Python."""
    partner = partner.commercial_partner_id
    cutoff = fields.Date.context_today(partner) - timedelta(days=overdue_days)
    outstanding = overdue = 0.0
    invoices = partner.env["account.move"].search(
        [
            ("commercial_partner_id", "=", partner.id),
            ("company_id", "=", company.id),
            ("state", "=", "posted"),
        ]
    )
    for line in invoices.line_ids:
        if (
            line.account_type != "asset_receivable"
            or line.reconciled
            or line.currency_id != currency
        ):
            continue
        outstanding += line.amount_residual_currency
        if line.date_maturity and line.date_maturity <= cutoff:
            overdue += line.amount_residual_currency
    if company.customer_group_credit_include_pending:
        moves = partner.env["account.move"]
        outstanding += sum(
            moves.search(
                [
                    ("commercial_partner_id", "=", partner.id),
                    ("company_id", "=", company.id),
                    ("currency_id", "=", currency.id),
                    ("state", "=", "draft"),
                    ("move_type", "in", moves.get_sale_types(include_receipts=True)),
                ]
            ).mapped("amount_total_in_currency_signed")
        )
    return outstanding, overdue


def naive_exposure_method(partner, company, currency, rule, exclude_move=None):
    return naive_exposure(partner, company, currency, rule.overdue_days)


def met(reached):
    return "met" if reached else "NOT MET"


def median_ms(env, calls, warm=None):
    """Median wall time of each of ``calls``, the record cache emptied (then
    ``warm``-ed) before each run.

    The calls take turns, so that a change in the machine's load weighs on all alike.
    """
    timings = [[] for _call in calls]
    for _run in range(RUNS):
        for call, call_timings in zip(calls, timings, strict=True):
            env.invalidate_all()
            if warm:
                warm()
            start = time.perf_counter()
            call()
            call_timings.append((time.perf_counter() - start) * 1000)
    return [statistics.median(call_timings) for call_timings in timings]


def query_count(env, call, warm):
    """The queries ``call`` runs on a cache ``warm``-ed as before it is timed."""
    env.invalidate_all()
    warm()
    before = env.cr.sql_log_count
    call()
    return env.cr.sql_log_count - before


def invoice_form_cache(partner, company, currency):
    """What an invoice form has read before its credit warning is computed.

    Entering an invoice loads the customer, the company, the currency and the
    user's language (to show amounts) in the same request, before the credit
    check runs: only the check's own reads are left to time.
    """

    def warm():
        partner.fetch(["name", "commercial_partner_id"])
        company.fetch(None)
        currency.fetch(None)
        partner.env["res.lang"].browse(get_lang(partner.env).id).fetch(None)

    return warm


def main():
    config.parse_config(sys.argv[1:])
    registry = Registry(
        config["db_name"][0]
        if isinstance(config["db_name"], list)
        else config["db_name"]
    )

    def environment(cr):
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        env = env(user=env.ref("base.user_admin").id)
        return env(context=env["res.users"].context_get())

    with registry.cursor() as cr:
        env = environment(cr)
        cleanup(env)
        start = time.perf_counter()
        company, partner = setup(env)
        print(
            f"setup: {CUSTOMERS} customers, {OPEN_ITEMS} open invoice lines in "
            f"{time.perf_counter() - start:.1f} s"
        )
        company_id, partner_id = company.id, partner.id
    try:
        with registry.cursor() as cr:
            env = environment(cr)
            company, partner = (
                env["res.company"].browse(company_id),
                env["res.partner"].browse(partner_id),
            )
            measure(env, company, partner)
    finally:
        with registry.cursor() as cr:
            cleanup(environment(cr))


def measure(env, company, partner):
    currency = company.currency_id
    rule = partner._get_credit_rules(company)[currency]
    fast = partner._get_credit_exposure(company, currency, rule)
    naive = naive_exposure(partner, company, currency, rule.overdue_days)
    close = (abs(a - b) < 0.005 for a, b in zip(fast, naive, strict=True))
    assert all(close), (fast, naive)
    print(f"customer {partner.name}: outstanding {fast[0]:.2f}, overdue {fast[1]:.2f}")
    print(
        "warning:",
        partner._get_credit_warning(company, currency, amount=100.0) or "(none)",
    )

    def check():
        return partner._get_credit_warning(company, currency, amount=100.0)

    def naive_check():
        with patch.object(type(partner), "_get_credit_exposure", naive_exposure_method):
            return check()

    assert check() == naive_check()
    warm = invoice_form_cache(partner, company, currency)
    cold_ms, naive_cold_ms = median_ms(env, [check, naive_check])
    check_ms, naive_ms, sum_ms, naive_sum_ms = median_ms(
        env,
        [
            check,
            naive_check,
            lambda: partner._get_credit_exposure(company, currency, rule),
            lambda: naive_exposure(partner, company, currency, rule.overdue_days),
        ],
        warm,
    )
    print(
        f"amounts only:     grouped query {sum_ms:.2f} ms, naive sum "
        f"{naive_sum_ms:.2f} ms (median of {RUNS})"
    )
    print(
        f"empty cache:      credit check {cold_ms:.2f} ms, naive {naive_cold_ms:.2f} "
        f"ms (median of {RUNS})"
    )
    print(
        f"on invoice entry: credit check {check_ms:.2f} ms, naive {naive_ms:.2f} ms "
        f"(median of {RUNS})"
    )
    print(
        "target: credit check <= 5 ms on invoice entry, >= 10x faster than naive: "
        + met(check_ms <= 5 and naive_ms / check_ms >= 10)
    )
    print(f"ratio naive / credit check: {naive_ms / check_ms:.1f}x")
    if sale_installed(env):
        measure_quotation(env, company, partner)
    if module_installed(env, "account_financial_risk"):
        measure_oca_risk(env, company, partner)


def bench_quotation(env, partner):
    """A quotation of 100.00 of the bench product for ``partner``."""
    return env["sale.order"].create(
        {
            "name": "BENCH/QUOTATION",
            "partner_id": partner.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": env["product.product"]
                        .search([("default_code", "=", BENCH_REF)])
                        .id,
                        "price_unit": 100.0,
                        "tax_ids": [],
                    }
                )
            ],
        }
    )


def measure_quotation(env, company, partner):
    """The group's check on entering a quotation against Odoo's own credit warning
    (what every quotation already computes), on the same orders, pending
    transactions and Odoo's credit limit both on."""
    currency = company.currency_id
    settings = company.read(
        ["customer_group_credit_include_pending", "account_use_credit_limit"]
    )[0]
    company.write(
        {
            "customer_group_credit_include_pending": True,
            "account_use_credit_limit": True,
        }
    )
    partner.credit_limit = 10_000.0
    quotation = bench_quotation(env, partner)
    env.flush_all()
    env.cr.execute(
        SQL("SELECT %s", partner._credit_pending_orders_sql(company, currency))
    )
    orders = float(env.cr.fetchone()[0])
    assert abs(orders - partner.credit_to_invoice) < 0.005, (
        orders,
        partner.credit_to_invoice,
    )
    print(
        f"with {ORDERS} confirmed orders 40% invoiced: {partner.name} has "
        f"{orders:.2f} still to invoice (Odoo's credit to invoice: "
        f"{partner.credit_to_invoice:.2f})"
    )
    print("quotation warning:", quotation.partner_credit_warning or "(none)")

    def odoo_warning():
        return env["account.move"]._build_credit_warning_message(
            quotation.sudo(),
            current_amount=quotation.amount_total / quotation.currency_rate,
        )

    def warm():
        quotation.fetch(
            [
                "partner_id",
                "partner_invoice_id",
                "company_id",
                "currency_id",
                "currency_rate",
                "state",
                "amount_total",
            ]
        )
        invoice_form_cache(partner, company, currency)()

    check_ms, odoo_ms = median_ms(
        env, [quotation._customer_group_credit_warning, odoo_warning], warm
    )
    print(
        f"on quotation entry: group credit check {check_ms:.2f} ms, Odoo's credit "
        f"warning {odoo_ms:.2f} ms (median of {RUNS}); "
        f"{query_count(env, quotation._customer_group_credit_warning, warm)} and "
        f"{query_count(env, odoo_warning, warm)} queries"
    )
    print(
        "target: group credit check <= 5 ms on quotation entry: " + met(check_ms <= 5)
    )
    print(
        f"ratio Odoo's credit warning / group credit check: {odoo_ms / check_ms:.1f}x"
    )
    quotation.unlink()
    company.write({key: value for key, value in settings.items() if key != "id"})


def measure_oca_risk(env, company, partner):
    """OCA's risk on the same data (with `bench --oca`): account_financial_risk's
    exposure and its warning on an invoice of 100.00, sale_financial_risk's on a
    quotation of 100.00 with the confirmed orders counted, against the group's check
    on the same documents."""
    currency = company.currency_id
    with_sale = module_installed(env, "sale_financial_risk")
    partner.write(
        {
            "risk_invoice_draft_include": True,
            "risk_invoice_open_include": True,
            "risk_invoice_unpaid_include": True,
            "risk_sale_order_include": with_sale,
            "credit_limit": 10_000.0,
        }
    )
    if with_sale:
        # The orders were written in SQL: OCA's stored risk of their lines is what
        # its compute gives for lines 40% invoiced.
        env.cr.execute(
            """
            UPDATE sale_order_line l
               SET risk_amount = l.price_total
                       * (l.product_uom_qty - l.qty_invoiced) / l.product_uom_qty,
                   risk_partner_id = l.order_partner_id
              FROM sale_order o
             WHERE o.id = l.order_id AND o.name LIKE 'BENCH/SO/%%'
            """
        )
        env.invalidate_all()
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_line_ids": [
                Command.create({"name": "bench", "price_unit": 100.0, "tax_ids": []})
            ],
        }
    )
    env.flush_all()
    print(
        f"OCA's risk of {partner.name}: total {partner.risk_total:.2f} (open "
        f"{partner.risk_invoice_open:.2f}, unpaid {partner.risk_invoice_unpaid:.2f}"
        + (f", orders {partner.risk_sale_order:.2f})" if with_sale else ")")
    )
    print("invoice, OCA's warning:", invoice.risk_exception_msg() or "(none)")

    def warm():
        invoice.fetch(["partner_id", "company_id", "currency_id", "state"])
        invoice_form_cache(partner, company, currency)()

    check_ms, exposure_ms, oca_ms = median_ms(
        env,
        [
            invoice._customer_group_credit_warning,
            lambda: partner.risk_total,
            invoice.risk_exception_msg,
        ],
        warm,
    )
    print(
        f"on invoice entry: group credit check {check_ms:.2f} ms, OCA's risk exposure "
        f"{exposure_ms:.2f} ms, OCA's risk warning {oca_ms:.2f} ms (median of {RUNS})"
    )
    print(f"ratio OCA's risk warning / group credit check: {oca_ms / check_ms:.1f}x")
    invoice.unlink()
    if with_sale:
        measure_oca_quotation_risk(env, company, partner)


def measure_oca_quotation_risk(env, company, partner):
    currency = company.currency_id
    quotation = bench_quotation(env, partner)
    env.flush_all()
    print(
        "quotation, OCA's warning:",
        quotation.evaluate_risk_message(partner) or "(none)",
    )

    def warm():
        quotation.fetch(
            ["partner_id", "partner_invoice_id", "company_id", "currency_id", "state"]
        )
        invoice_form_cache(partner, company, currency)()

    check_ms, oca_ms = median_ms(
        env,
        [
            quotation._customer_group_credit_warning,
            lambda: quotation.evaluate_risk_message(partner),
        ],
        warm,
    )
    print(
        f"on quotation entry: group credit check {check_ms:.2f} ms, OCA's risk "
        f"warning {oca_ms:.2f} ms (median of {RUNS})"
    )
    print(
        f"ratio OCA's quotation risk warning / group credit check: "
        f"{oca_ms / check_ms:.1f}x"
    )
    quotation.unlink()


if __name__ == "__main__":
    main()
