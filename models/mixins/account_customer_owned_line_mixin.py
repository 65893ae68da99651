from odoo import api, fields, models


class AccountCustomerOwnedLineMixin(models.AbstractModel):
    """A line that belongs either to a customer group (the default of its members) or to
    one customer; its company is the group's, or the one the customer's line was made
    in."""

    _name = "account.customer.owned.line.mixin"
    _inherit = "account.customer.typed.values.mixin"
    _description = "Line of a Customer Group or of a Customer"
    _check_company_auto = True

    group_id = fields.Many2one(
        "account.customer.group",
        string="Customer Group",
        ondelete="cascade",
        index="btree_not_null",
        check_company=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        ondelete="cascade",
        index="btree_not_null",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        compute="_compute_company_id",
        store=True,
        precompute=True,
        readonly=False,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("group_id")
    def _compute_company_id(self):
        for line in self.filtered("group_id"):
            line.company_id = line.group_id.company_id

    def _owner_name(self):
        return self.group_id.display_name or self.partner_id.display_name
