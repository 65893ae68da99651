from odoo import fields, models


class AccountCustomerGroupAssignLine(models.TransientModel):
    _name = "account.customer.group.assign.line"
    _description = "Customers an Assign Customer Groups Run Puts in One Group"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "account.customer.group.assign", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    target_key = fields.Char(string="Technical Key", readonly=True)
    group_id = fields.Many2one(
        "account.customer.group",
        string="Target Group",
        readonly=True,
        help="The group these customers join; empty for the customers the rule finds "
        "no group for, which stay out of any group.",
    )
    reason = fields.Char(
        string="Why Left Apart",
        readonly=True,
        help="Why the rule finds no group for these customers.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "account_customer_group_assign_line_partner_rel",
        "line_id",
        "partner_id",
        string="Customers",
        readonly=True,
    )
    partner_count = fields.Integer(string="Number of Customers", readonly=True)
    examples = fields.Char(string="Among Them", readonly=True)
    changes = fields.Html(
        string="What Changes",
        sanitize=False,
        readonly=True,
        help="Per field the group hands down: how many of these customers have "
        "another value, and whether they keep it or take the group's.",
    )

    def action_view_customers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.group_id.display_name or self.reason,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.partner_ids.ids)],
            "target": "new",
        }
