from odoo import api, fields, models


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    salesperson_ids = fields.One2many(
        "account.customer.group.salesperson",
        "group_id",
        string="Salespersons",
        copy=True,
        help="Up to five salespersons sharing the sales of the group's customers; the "
        "shares add up to 100%. New members get these lines, and the first one becomes "
        "their salesperson.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        help="The first salesperson of the split: the members' salesperson in Odoo.",
    )

    @api.depends("salesperson_ids.user_id", "salesperson_ids.sequence")
    def _compute_user_id(self):
        for group in self:
            group.user_id = group.salesperson_ids[:1].user_id

    @api.constrains("salesperson_ids")
    def _check_salesperson_split(self):
        splits = self.env["account.customer.group.salesperson"]
        for group in self:
            splits._check_split(group.salesperson_ids, group.display_name)

    # Salesperson lines are checked once the whole save is applied, by the group
    # itself.
    @api.model_create_multi
    def create(self, vals_list):
        groups = super(
            AccountCustomerGroup,
            self.with_context(salesperson_split_checked_by_owner=True),
        ).create(vals_list)
        return self.browse(groups.ids)

    def write(self, vals):
        return super(
            AccountCustomerGroup,
            self.with_context(salesperson_split_checked_by_owner=True),
        ).write(vals)
