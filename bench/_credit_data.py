"""The credit check benchmark's data: a customer group's 1,000 customers with
100,000 open invoice lines and, with the sale bridge, 10,000 confirmed orders, made in
set-based SQL and removed again."""

CUSTOMERS = 1_000
OPEN_ITEMS = 100_000
BENCH_REF = "BENCH-CREDIT-CHECK"
# With the sale bridge: confirmed orders for the same customers, partly invoiced.
ORDERS = 10_000
ORDER_QUANTITY = 10
ORDER_INVOICED_QUANTITY = 4


def cleanup(env):
    """Remove what a previous run of this script created."""
    if "sale.order" in env:
        # Their lines and links to invoice lines go with them (ON DELETE CASCADE).
        env.cr.execute("DELETE FROM sale_order WHERE name LIKE 'BENCH/%%'")
        env["product.product"].with_context(active_test=False).search(
            [("default_code", "=", BENCH_REF)]
        ).product_tmpl_id.unlink()
    env.cr.execute(
        """
        DELETE FROM account_move_line WHERE move_name LIKE 'BENCH/%%';
        DELETE FROM account_move WHERE name LIKE 'BENCH/%%';
        """
    )
    env.invalidate_all()
    env["res.partner"].with_context(active_test=False).search(
        [("ref", "=", BENCH_REF)]
    ).unlink()
    env["account.customer.group"].with_context(active_test=False).search(
        [("code", "=", "BENCH")]
    ).unlink()


def setup(env):
    company = env.company
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
    )
    income = journal.default_account_id
    receivable = env["account.account"].browse(
        env["ir.default"]._get(
            "res.partner", "property_account_receivable_id", company_id=company.id
        )
    )
    group = env["account.customer.group"].create(
        {
            "code": "BENCH",
            "name": "Benchmark",
            "account_set_id": env["account.customer.account.set"]
            .search([("company_id", "=", company.id)], limit=1)
            .id,
            "interest_profile_id": env["account.customer.interest.profile"]
            .search([("company_id", "=", company.id)], limit=1)
            .id,
            "payment_term_id": env.ref("account.account_payment_term_immediate").id,
            "check_credit_limit": True,
            "check_overdue": True,
            "overdue_days": 90,
        }
    )
    group.credit_limit_ids.write({"credit_limit": 10_000.0, "overdue_limit": 2_500.0})
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench customer {i:04d}",
                "ref": BENCH_REF,
                "customer_group_id": group.id,
            }
            for i in range(CUSTOMERS)
        ]
    )
    env.flush_all()
    # One posted invoice per open item: a receivable line (the open item) and
    # its income line, due 0 to 199 days ago, amounts 50.00 to 549.00.
    env.cr.execute(
        """
        CREATE TEMP TABLE bench_moves ON COMMIT DROP AS
        SELECT g AS n,
               (%(partners)s)[1 + g %% %(customers)s] AS partner_id,
               (CURRENT_DATE - (g + g / %(customers)s * 7) %% 200) AS date,
               (50 + (g + g / %(customers)s * 37) %% 500)::numeric AS amount
          FROM generate_series(1, %(items)s) g;

        ALTER TABLE bench_moves ADD COLUMN move_id integer;
        WITH moves AS (
            INSERT INTO account_move (
                journal_id, company_id, currency_id, state, move_type, auto_post, date,
                invoice_date, invoice_date_due, partner_id, commercial_partner_id, name,
                amount_untaxed, amount_total, amount_residual, amount_untaxed_signed,
                amount_total_signed, amount_residual_signed,
                amount_total_in_currency_signed,
                payment_state, create_uid, write_uid, create_date, write_date)
            SELECT %(journal)s, %(company)s, %(currency)s, 'posted', 'out_invoice',
                   'no', date, date, date, partner_id, partner_id, 'BENCH/' || n,
                   amount, amount, amount, amount, amount, amount, amount,
                   'not_paid', 1, 1, now(), now()
              FROM bench_moves ORDER BY n
            RETURNING id, name)
        UPDATE bench_moves b SET move_id = moves.id
          FROM moves WHERE moves.name = 'BENCH/' || b.n;

        INSERT INTO account_move_line (
            move_id, move_name, company_id, journal_id, account_id, partner_id,
            currency_id, company_currency_id, display_type, parent_state, date,
            date_maturity, name, debit, credit, balance, amount_currency,
            amount_residual, amount_residual_currency, quantity, product_uom_id,
            price_subtotal, price_total,
            reconciled, create_uid, write_uid, create_date, write_date)
        SELECT b.move_id, 'BENCH/' || b.n, %(company)s, %(journal)s, line.account_id,
               b.partner_id, %(currency)s, %(currency)s, line.display_type, 'posted',
               b.date, line.due, 'bench',
               line.debit, line.credit,
               line.debit - line.credit, line.debit - line.credit,
               line.residual, line.residual, line.quantity, line.uom,
               line.credit, line.credit,
               line.residual = 0, 1, 1, now(), now()
          FROM bench_moves b,
               LATERAL (VALUES
                   (%(receivable)s, 'payment_term', b.date, b.amount, 0, b.amount,
                    NULL::numeric, NULL::integer),
                   (%(income)s, 'product', NULL::date, 0, b.amount, 0,
                    %(invoiced_quantity)s, %(uom)s)
               ) AS line(account_id, display_type, due, debit, credit, residual,
                         quantity, uom);
        ANALYZE account_move;
        ANALYZE account_move_line;
        """,
        {
            "partners": partners.ids,
            "customers": CUSTOMERS,
            "items": OPEN_ITEMS,
            "journal": journal.id,
            "company": company.id,
            "currency": company.currency_id.id,
            "receivable": receivable.id,
            "income": income.id,
            "invoiced_quantity": ORDER_INVOICED_QUANTITY,
            "uom": env.ref("uom.product_uom_unit").id,
        },
    )
    if sale_installed(env):
        setup_orders(env, company, journal)
    env.invalidate_all()
    return company, partners[CUSTOMERS // 2]


def module_installed(env, name):
    return bool(
        env["ir.module.module"].search_count(
            [("name", "=", name), ("state", "=", "installed")]
        )
    )


def sale_installed(env):
    return module_installed(env, "account_customer_group_sale")


def setup_orders(env, company, journal):
    """Confirmed orders for the same customers, one per posted invoice of the first
    ``ORDERS``: 10 units, of which that invoice bills 4 (40% invoiced), no taxes."""
    product = env["product.product"].create(
        {"name": "Bench product", "default_code": BENCH_REF, "type": "consu"}
    )
    env.cr.execute(
        """
        CREATE TEMP TABLE bench_orders ON COMMIT DROP AS
        SELECT b.n, b.partner_id, b.date, b.amount / %(invoiced)s AS unit_price,
               l.id AS invoice_line_id
          FROM bench_moves b
          JOIN account_move_line l
            ON l.move_id = b.move_id AND l.display_type = 'product'
         WHERE b.n <= %(orders)s;
        ALTER TABLE bench_orders ADD COLUMN order_id integer,
                                 ADD COLUMN order_line_id integer;

        WITH orders AS (
            INSERT INTO sale_order (
                name, company_id, partner_id, partner_invoice_id, partner_shipping_id,
                currency_id, currency_rate, state, date_order, amount_untaxed,
                amount_tax, amount_total, invoice_status, journal_id,
                create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/SO/' || n, %(company)s, partner_id, partner_id, partner_id,
                   %(currency)s, 1, 'sale', date, unit_price * %(ordered)s, 0,
                   unit_price * %(ordered)s, 'to invoice', %(journal)s,
                   1, 1, now(), now()
              FROM bench_orders ORDER BY n
            RETURNING id, name)
        UPDATE bench_orders b SET order_id = orders.id
          FROM orders WHERE orders.name = 'BENCH/SO/' || b.n;

        WITH lines AS (
            INSERT INTO sale_order_line (
                order_id, sequence, name, product_id, product_uom_id, product_uom_qty,
                qty_delivered, qty_invoiced, qty_to_invoice, price_unit,
                price_subtotal, price_tax, price_total, untaxed_amount_invoiced,
                untaxed_amount_to_invoice, discount, customer_lead, company_id,
                currency_id, order_partner_id, state, invoice_status,
                create_uid, write_uid, create_date, write_date)
            SELECT order_id, 10, 'bench', %(product)s, %(uom)s, %(ordered)s, 0,
                   %(invoiced)s,
                   %(ordered)s - %(invoiced)s, unit_price,
                   unit_price * %(ordered)s, 0, unit_price * %(ordered)s,
                   unit_price * %(invoiced)s,
                   unit_price * (%(ordered)s - %(invoiced)s), 0, 0, %(company)s,
                   %(currency)s, partner_id, 'sale', 'to invoice',
                   1, 1, now(), now()
              FROM bench_orders ORDER BY n
            RETURNING id, order_id)
        UPDATE bench_orders b SET order_line_id = lines.id
          FROM lines WHERE lines.order_id = b.order_id;

        INSERT INTO sale_order_line_invoice_rel (order_line_id, invoice_line_id)
        SELECT order_line_id, invoice_line_id FROM bench_orders;
        ANALYZE sale_order;
        ANALYZE sale_order_line;
        ANALYZE sale_order_line_invoice_rel;
        """,
        {
            "orders": ORDERS,
            "ordered": ORDER_QUANTITY,
            "invoiced": ORDER_INVOICED_QUANTITY,
            "company": company.id,
            "currency": company.currency_id.id,
            "journal": journal.id,
            "product": product.id,
            "uom": env.ref("uom.product_uom_unit").id,
        },
    )
