"""Benchmark of bringing a live database's history into customer groups.

1. Backfill: 20,000 customers with 100,000 posted invoices and no group (posted
   before the addon was installed) join groups; recording the group on their
   documents and rebuilding the statistics (``res.partner._record_group_in_history``,
   what joining a group runs) is timed against one bare SQL ``UPDATE ... FROM`` plus
   one ``GROUP BY`` over the same rows.
2. Wizard: the same 20,000 customers, back out of any group, are assigned by the
   Assign Customer Groups wizard (by country, preview included, a chatter note on
   each customer, batches committed as in the user interface).

Usage (the database starts from a template with the addon installed, which
click-odoo-initdb makes on the first run in about a minute):

    python3 bench/backfill.py --db-host /tmp/pg5502 --db-port 5502 --db-user odoo \
        --addons-path /tmp/addons5502,/opt/odoo19/addons,/opt/odoo19/odoo/addons

This is a benchmark, not a test: nothing is asserted; the ratio and the wizard's time
are printed last.
"""

import time

import _shared

TEMPLATE_INVOICES = 200
COUNTRIES = ("be", "fr", "de", "us", "jp")


def parse_args():
    parser = _shared.cluster_argument_parser(
        __doc__, invoices=100_000, db="bench_backfill"
    )
    parser.add_argument("--customers", type=int, default=20_000)
    return parser.parse_args()


def populate(env, customers, invoices):
    """``customers`` customers in no group, in five countries, and ``invoices`` posted
    invoices spread evenly over them: a few posted through the ORM, the rest copied
    in SQL onto the other customers."""
    company = env.company
    if not company.chart_template:
        env["account.chart.template"].try_loading(
            "generic_coa", company, install_demo=False
        )
    company.country_id = env.ref("base.be")
    countries = [env.ref(f"base.{code}").id for code in COUNTRIES]
    term = env.ref("account.account_payment_term_30days")
    partner_ids = []
    for start in range(0, customers, 2000):
        partner_ids += (
            env["res.partner"]
            .create(
                [
                    {
                        "name": f"Backfill customer {index}",
                        "is_company": True,
                        "country_id": countries[index % len(countries)],
                        "property_payment_term_id": term.id,
                    }
                    for index in range(start, min(start + 2000, customers))
                ]
            )
            .ids
        )
    moves = env["account.move"].create(
        [
            _shared.invoice_vals(partner_ids[index], index, 2025 + index % 2)
            for index in range(TEMPLATE_INVOICES)
        ]
    )
    moves.action_post()
    env.flush_all()
    # Copy n of the k-th invoice goes to customer (k + n * TEMPLATE_INVOICES).
    rank = f"(m.k - 1 + m.n * {TEMPLATE_INVOICES}) % {len(partner_ids)} + 1"
    customer = f"(ARRAY{partner_ids})[{rank}]"
    _shared.copy_invoices(
        env,
        moves.ids,
        invoices // TEMPLATE_INVOICES - 1,
        moves={"partner_id": customer, "commercial_partner_id": customer},
        lines={"partner_id": customer},
    )
    return partner_ids


def groups_of(env):
    return [
        env["account.customer.group"].search(
            [("code", "=", code), ("company_id", "=", env.company.id)]
        )
        for code in ("DOM", "EUR", "OVS")
    ]


def set_members(env, partner_ids, groups):
    """Customers into groups, in SQL (the group field only, nothing stamped): the
    state in which joining a group records it on the history."""
    cr = env.cr
    cr.execute(
        """
        UPDATE res_partner p
           SET customer_group_id = jsonb_build_object(
                   %(company)s::text, (%(groups)s::int[])[p.id %% 3 + 1])
         WHERE p.id = ANY(%(partners)s)
        """,
        {
            "company": env.company.id,
            "groups": [group.id for group in groups],
            "partners": partner_ids,
        },
    )
    env.invalidate_all()


def reset_history(env, partner_ids, members_too=False):
    cr = env.cr
    cr.execute("UPDATE account_move SET customer_group_id = NULL")
    # Autovacuum analyzed the documents of the run before, all with a group: with
    # those statistics the planner takes the documents without one for a few rows
    # and joins them to the customers in a nested loop (minutes, not a second).
    cr.execute("ANALYZE account_move")
    cr.execute("DELETE FROM account_customer_statistic")
    if members_too:
        cr.execute(
            "UPDATE res_partner SET customer_group_id = NULL WHERE id = ANY(%s)",
            [partner_ids],
        )
        cr.execute(
            "DELETE FROM mail_message WHERE model = 'res.partner' AND res_id = ANY(%s)",
            [partner_ids],
        )
    env.invalidate_all()


def bench_backfill(env, partner_ids, groups):
    cr = env.cr
    by_group = {group.id: [] for group in groups}
    for partner_id in partner_ids:
        by_group[groups[partner_id % 3].id].append(partner_id)

    def addon():
        env["res.partner"]._record_group_in_history(by_group)

    def bare():
        cr.execute(
            """
            UPDATE account_move m
               SET customer_group_id = (p.customer_group_id ->> %(key)s)::int
              FROM res_partner p
             WHERE p.id = m.commercial_partner_id AND p.id = ANY(%(partners)s)
               AND m.state = 'posted' AND m.customer_group_id IS NULL
               AND m.company_id = %(company)s
            """,
            {
                "key": str(env.company.id),
                "partners": partner_ids,
                "company": env.company.id,
            },
        )
        cr.execute(
            """
            SELECT customer_group_id, date_trunc('month', date), move_type,
                   currency_id, SUM(amount_total_signed), COUNT(*)
              FROM account_move
             WHERE state = 'posted' AND customer_group_id IS NOT NULL
               AND company_id = %s
             GROUP BY 1, 2, 3, 4
            """,
            [env.company.id],
        )
        cr.fetchall()

    timings = {"addon": [], "bare": []}
    for _run in range(3):
        for label, function in (("bare", bare), ("addon", addon)):
            reset_history(env, partner_ids)
            cr.commit()
            began = time.perf_counter()
            function()
            env.flush_all()
            timings[label].append(time.perf_counter() - began)
            cr.commit()
    stamped = env["account.move"].search_count([("customer_group_id", "!=", False)])
    drift = len(env["account.customer.statistic"]._drift(env.company))
    addon_time, bare_time = min(timings["addon"]), min(timings["bare"])
    print(
        f"backfill of {stamped} posted documents of {len(partner_ids)} customers: "
        f"addon {addon_time:.2f} s (stamp + statistics rebuild), bare UPDATE ... FROM "
        f"+ GROUP BY {bare_time:.2f} s; drift after: {drift} buckets",
        flush=True,
    )
    return addon_time / bare_time


def bench_wizard(env, partner_ids):
    reset_history(env, partner_ids, members_too=True)
    env.cr.commit()
    began = time.perf_counter()
    wizard = env["account.customer.group.assign"].create({"rule": "country"})
    count = wizard.customer_count
    previewed = time.perf_counter() - began
    wizard.action_assign()
    env.flush_all()
    env.cr.commit()
    elapsed = time.perf_counter() - began
    notes = env["mail.message"].search_count(
        [("model", "=", "res.partner"), ("res_id", "in", partner_ids)]
    )
    print(
        f"wizard assigned {count} customers in {elapsed:.1f} s (preview "
        f"{previewed:.1f} s), {notes} chatter notes",
        flush=True,
    )
    return elapsed


def main():
    args = parse_args()
    cr, env = _shared.fresh_env(args, args.db)
    try:
        env = env(context={"allowed_company_ids": env.company.ids})
        began = time.perf_counter()
        partner_ids = populate(env, args.customers, args.invoices)
        cr.commit()
        print(
            f"populated {len(partner_ids)} customers and {args.invoices} posted "
            f"invoices in {time.perf_counter() - began:.0f} s",
            flush=True,
        )
        groups = groups_of(env)
        set_members(env, partner_ids, groups)
        cr.commit()
        ratio = bench_backfill(env, partner_ids, groups)
        wizard_time = bench_wizard(env, partner_ids)
    finally:
        cr.close()
    print(f"backfill ratio (addon / bare SQL): {ratio:.2f} (target <= 2)", flush=True)
    print(
        f"wizard, {args.customers} customers with chatter notes: {wizard_time:.1f} s "
        "(target < 60 s on 2 cores)",
        flush=True,
    )


if __name__ == "__main__":
    main()
