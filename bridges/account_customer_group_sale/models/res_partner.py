from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _get_credit_pending(self, company, currency, exclude_move=None):
        # Sage counts open Order Entry documents among pending transactions.
        return super()._get_credit_pending(
            company, currency, exclude_move
        ) + self._get_credit_pending_orders(company, currency)

    def _get_credit_pending_orders(self, company, currency):
        """What the customers' confirmed sale orders in ``currency`` still have to
        invoice, taxes included.

        Per order: its total less the invoice lines made from it that are not
        cancelled, credit notes deducted; draft invoices are already pending
        transactions of their own, so the part they cover is not counted again.
        Down payment invoices reduce the order the same way, and the final invoice
        that deducts them gives it back. An order invoiced beyond its total counts
        nothing. Orders are the invoiced customer's, as its receivables will be.

        One query whatever the number of orders. The customers' addresses are
        given as an array so that it walks the index of their orders: as a join,
        the planner may scan the orders of every customer instead.
        """
        if not self:
            return 0.0
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
        self.env["account.move.line"].flush_model(["move_id", "price_total"])
        self.env["account.move"].flush_model(["state", "move_type"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(SUM(GREATEST(o.amount_total - COALESCE(
                           invoiced.amount, 0), 0)), 0)
                  FROM sale_order o
                  LEFT JOIN LATERAL (
                        SELECT SUM(CASE WHEN m.move_type = 'out_refund'
                                        THEN -l.price_total
                                        ELSE l.price_total END) AS amount
                          FROM sale_order_line ol
                          JOIN sale_order_line_invoice_rel rel
                            ON rel.order_line_id = ol.id
                          JOIN account_move_line l ON l.id = rel.invoice_line_id
                          JOIN account_move m ON m.id = l.move_id
                         WHERE ol.order_id = o.id
                           AND m.state != 'cancel'
                       ) invoiced ON TRUE
                 WHERE o.state = 'sale'
                   AND o.invoice_status IS DISTINCT FROM 'invoiced'
                   AND o.company_id = %(company)s
                   AND o.currency_id = %(currency)s
                   AND o.partner_invoice_id = ANY(ARRAY(
                           SELECT id FROM res_partner
                            WHERE commercial_partner_id = ANY(%(partners)s)))
                """,
                company=company.id,
                currency=currency.id,
                partners=self.ids,
            )
        )
        return float(self.env.cr.fetchone()[0])
