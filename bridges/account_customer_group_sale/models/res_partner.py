from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

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

        Every step from the orders to their invoice lines is a sub-query over
        one table, its ids given to the next as an array: no join for the
        planner to weigh (which cost more than running the query), and the
        orders are found through the index of their customers' open orders.
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
            """
            (SELECT COALESCE(SUM(GREATEST(o.amount_total - COALESCE((
                        SELECT SUM(CASE WHEN (SELECT m.move_type
                                                FROM account_move m
                                               WHERE m.id = l.move_id)
                                             = 'out_refund'
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
                           AND l.parent_state != 'cancel'
                    ), 0), 0)), 0)
               FROM sale_order o
              WHERE o.state = 'sale'
                AND o.invoice_status IS DISTINCT FROM 'invoiced'
                AND o.company_id = %(company)s
                AND o.currency_id = %(currency)s
                AND o.partner_invoice_id = ANY(ARRAY(
                        SELECT id FROM res_partner
                         WHERE commercial_partner_id = ANY(%(partners)s))))
            """,
            company=company.id,
            currency=currency.id,
            partners=self.ids,
        )
