from odoo import fields, models


class AccountCustomerStatementRunLine(models.Model):
    _name = "account.customer.statement.run.line"
    _description = "Statement Run: Customer"
    _inherit = "account.customer.run.line.mixin"

    run_id = fields.Many2one(
        "account.customer.statement.run",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    delivery = fields.Selection(
        [("email", "Email"), ("print", "Print")],
        readonly=True,
        help="Emailed to the customer, or printed into the run's PDF.",
    )
    attachment_id = fields.Many2one(
        "ir.attachment",
        string="Statement",
        readonly=True,
        help="The customer's statement, kept in its chatter.",
    )
