from odoo import fields, models


class AccountCustomerRunLineMixin(models.AbstractModel):
    """One customer of a run: whether it is done, and why not."""

    _name = "account.customer.run.line.mixin"
    _description = "Customer of a Run"
    _order = "id"

    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, index=True
    )
    state = fields.Selection(
        [
            ("todo", "To Do"),
            ("done", "Done"),
            ("skipped", "Skipped"),
            ("failed", "Failed"),
        ],
        required=True,
        default="todo",
        readonly=True,
        index=True,
    )
    error = fields.Text(
        readonly=True, help="Why the customer was skipped, or what went wrong."
    )
