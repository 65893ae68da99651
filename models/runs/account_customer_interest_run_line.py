from odoo import fields, models


class AccountCustomerInterestRunLine(models.Model):
    _name = "account.customer.interest.run.line"
    _description = "Interest Run: Customer"
    _inherit = "account.customer.run.line.mixin"

    run_id = fields.Many2one(
        "account.customer.interest.run",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    move_ids = fields.Many2many(
        "account.move",
        string="Interest Invoices",
        readonly=True,
        help="Interest invoices created for the customer.",
    )
    currency_id = fields.Many2one(related="run_id.company_id.currency_id")
    amount = fields.Monetary(
        string="Interest",
        readonly=True,
        help="Total of the customer's interest invoices, in the company currency.",
    )
