from odoo import fields, models


class AccountMoveSalespersonSplit(models.Model):
    """A salesperson's share of a posted customer invoice, frozen at posting.

    Later changes to the customer's split do not rewrite history: revenue is
    allocated the way it was split when the invoice was posted.
    """

    _name = "account.move.salesperson.split"
    _description = "Sales by Salesperson Share"
    _inherit = "account.customer.typed.values.mixin"
    _order = "date desc, move_id, sequence"

    move_id = fields.Many2one(
        "account.move",
        string="Invoice",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    sequence = fields.Integer(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Salesperson", required=True, readonly=True
    )
    percent = fields.Float(
        string="Share (%)", digits=(5, 2), readonly=True, aggregator="avg"
    )
    amount = fields.Monetary(
        string="Untaxed Amount Share",
        currency_field="company_currency_id",
        readonly=True,
        help="The salesperson's share of the invoice's untaxed amount, in company "
        "currency; negative for credit notes.",
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)
    company_currency_id = fields.Many2one(
        related="move_id.company_currency_id", store=True
    )
    partner_id = fields.Many2one(
        related="move_id.commercial_partner_id",
        string="Customer",
        store=True,
        index=True,
    )
    customer_group_id = fields.Many2one(
        "account.customer.group",
        readonly=True,
        help="The customer's group when the invoice was posted.",
    )
    date = fields.Date(
        related="move_id.invoice_date", string="Invoice Date", store=True, index=True
    )
    move_type = fields.Selection(related="move_id.move_type", store=True)
