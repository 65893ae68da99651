from odoo import api, fields, models
from odoo.tools import SQL

from ...rules import inheritance, periods
from . import statistic_queries


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
        help="Days from each installment's due date to its payment, weighted by the "
        "installments' amounts, over the customer's fully paid invoices in this "
        "company. Negative when paid early.",
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
                    SELECT paid.partner_id, SUM(paid.days_to_pay), COUNT(*),
                           SUM(paid.late_weighted), SUM(paid.late_base)
                      FROM (%s) paid
                     WHERE paid.installments > 0
                     GROUP BY paid.partner_id
                    """,
                    statistic_queries.paid_invoices_query(
                        self.env,
                        SQL(
                            "m.commercial_partner_id = ANY(%s) AND m.company_id = %s"
                            " AND m.state = 'posted'",
                            partners.ids,
                            self.env.company.id,
                        ),
                    ),
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
