from odoo import models
from odoo.tools import SQL

# Every step from the orders to their invoice lines is a sub-query over one table,
# its ids given to the next as an array: no join for the planner to weigh, and the
# orders are found through the index of their customers' open orders.
SALE_FUNCTIONS = """
DROP FUNCTION IF EXISTS account_customer_group_sale_orders_to_invoice(int[], int, int);
CREATE FUNCTION account_customer_group_sale_orders_to_invoice(
    _partners int[], _company int, _currency int)
RETURNS numeric
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN (
        SELECT COALESCE(SUM(GREATEST(o.amount_total - COALESCE((
                   SELECT SUM(CASE WHEN (SELECT m.move_type
                                           FROM account_move m
                                          WHERE m.id = l.move_id) = 'out_refund'
                                   THEN -l.price_total
                                   ELSE l.price_total END)
                     FROM account_move_line l
                    WHERE l.id = ANY(ARRAY(
                              SELECT rel.invoice_line_id
                                FROM sale_order_line_invoice_rel rel
                               WHERE rel.order_line_id = ANY(ARRAY(
                                         SELECT ol.id
                                           FROM sale_order_line ol
                                          WHERE ol.order_id = o.id))))
                      AND l.parent_state != 'cancel'), 0), 0)), 0)
          FROM sale_order o
         WHERE o.state = 'sale'
           AND o.invoice_status IS DISTINCT FROM 'invoiced'
           AND o.company_id = _company
           AND o.currency_id = _currency
           AND o.partner_invoice_id = ANY(ARRAY(
                   SELECT p.id FROM res_partner p
                    WHERE p.commercial_partner_id = ANY(_partners))));
END
$$;
"""
SALE_FUNCTION_SIGNATURES = [
    "account_customer_group_sale_orders_to_invoice(int[], int, int)",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # init() returns nothing; pylint-odoo expects super()'s result to be passed on.
    def init(self):  # pylint: disable=missing-return
        super().init()
        self.env.cr.execute(SALE_FUNCTIONS)

    def _credit_pending_sql(self, company, currency, exclude_move=None):
        # Sage counts open Order Entry documents among pending transactions.
        return [
            *super()._credit_pending_sql(company, currency, exclude_move),
            self._credit_pending_orders_sql(company, currency),
        ]

    def _credit_pending_orders_sql(self, company, currency):
        """What the customers' confirmed sale orders in ``currency`` still have to
        invoice, taxes included, as an SQL expression.

        Per order: its total less the invoice lines made from it that are not
        cancelled, credit notes deducted; draft invoices are already pending
        transactions of their own, so the part they cover is not counted again.
        Down payment invoices reduce the order the same way, and the final invoice
        that deducts them gives it back. An order invoiced beyond its total counts
        nothing. Orders are the invoiced customer's, as its receivables will be.

        One call of a PL/pgSQL function, planned once per database connection.
        """
        self.env["sale.order"].flush_model(
            [
                "partner_invoice_id",
                "company_id",
                "currency_id",
                "state",
                "invoice_status",
                "amount_total",
            ]
        )
        self.env["sale.order.line"].flush_model(["order_id", "invoice_lines"])
        self.env["account.move.line"].flush_model(
            ["move_id", "parent_state", "price_total"]
        )
        self.env["account.move"].flush_model(["move_type"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        return SQL(
            "account_customer_group_sale_orders_to_invoice(%s, %s, %s)",
            self.ids,
            company.id,
            currency.id,
        )
