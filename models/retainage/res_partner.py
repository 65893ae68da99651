from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    customer_retainage_percent = fields.Float(
        string="Retainage (%)",
        digits=(5, 2),
        company_dependent=True,
        help="Share of this customer's invoices withheld until the work is accepted, "
        "posted on its account set's retainage account.",
    )
    customer_retainage_days = fields.Integer(
        string="Retainage Period (days)",
        company_dependent=True,
        help="Days after the invoice date the retained amount falls due.",
    )
