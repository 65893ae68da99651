from odoo import api, fields, models
from odoo.tools import SQL

from ..rules import inheritance, periods


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_average_days_to_pay = fields.Float(
        string="Average Days to Pay",
        compute="_compute_customer_days_to_pay",
        digits=(16, 1),
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Days from invoice date to last payment, averaged over the customer's "
        "fully paid invoices in this company.",
    )
    customer_average_days_late = fields.Float(
        string="Average Days Late",
        compute="_compute_customer_days_to_pay",
        digits=(16, 1),
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Days from each installment's due date to its payment, weighted by the installments' "
        "amounts, over the customer's fully paid invoices in this company. Negative when paid early.",
    )

    @api.depends_context("company")
    def _compute_customer_days_to_pay(self):
        figures = {}
        partners = self.filtered("id").commercial_partner_id
        if partners:
            self.env["account.move.line"].flush_model()
            self.env["account.partial.reconcile"].flush_model()
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT m.commercial_partner_id,
                           SUM(GREATEST(inst.paid_on - m.invoice_date, 0)) FILTER (WHERE inst.first),
                           COUNT(*) FILTER (WHERE inst.first),
                           SUM(ABS(inst.balance) * (inst.reconciled_on - inst.due)),
                           SUM(ABS(inst.balance))
                      FROM account_move m
                      JOIN LATERAL (
                          SELECT l.balance, COALESCE(l.date_maturity, m.invoice_date) AS due,
                                 COALESCE(MAX(apr.max_date), m.invoice_date) AS reconciled_on,
                                 MAX(MAX(apr.max_date)) OVER () AS paid_on,
                                 ROW_NUMBER() OVER () = 1 AS first
                            FROM account_move_line l
                            JOIN account_account a ON a.id = l.account_id AND a.account_type = 'asset_receivable'
                            LEFT JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                           WHERE l.move_id = m.id
                           GROUP BY l.id
                      ) inst ON TRUE
                     WHERE m.commercial_partner_id = ANY(%s)
                       AND m.company_id = %s
                       AND m.state = 'posted'
                       AND m.move_type IN ('out_invoice', 'out_receipt')
                       AND m.payment_state IN ('paid', 'in_payment')
                     GROUP BY m.commercial_partner_id
                    """,
                    partners.ids,
                    self.env.company.id,
                )
            )
            figures = {row[0]: row[1:] for row in rows}
        for partner in self:
            days, paid, late, base = figures.get(
                partner.commercial_partner_id.id, (0, 0, 0.0, 0.0)
            )
            partner.customer_average_days_to_pay = periods.average_days_to_pay(
                days or 0, paid or 0
            )
            partner.customer_average_days_late = inheritance.average_days_late(
                float(late or 0), float(base or 0)
            )
