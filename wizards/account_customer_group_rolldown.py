from odoo import api, fields, models
from odoo.fields import Command


class AccountCustomerGroupRolldown(models.TransientModel):
    """Preview of what applying a group's defaults changes on its members.

    Nothing is written before "Apply": closing the preview leaves every member
    as it was, and the group keeps offering the roll-down.
    """

    _name = "account.customer.group.rolldown"
    _description = "Apply Customer Group Defaults to Members"
    _inherit = "account.customer.typed.values.mixin"

    group_id = fields.Many2one(
        "account.customer.group",
        string="Customer Group",
        required=True,
        ondelete="cascade",
    )
    line_ids = fields.One2many(
        "account.customer.group.rolldown.line",
        "wizard_id",
        string="Changes",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        help="One line per member and field that differs from the group. Tick the "
        "changes to apply.",
    )
    selected_count = fields.Integer(
        string="Changes Selected", compute="_compute_selected_count"
    )

    @api.depends("group_id")
    def _compute_display_name(self):
        for wizard in self:
            wizard.display_name = self.env._(
                "Apply defaults of %s to members", wizard.group_id.display_name
            )

    @api.depends("group_id")
    def _compute_line_ids(self):
        for wizard in self:
            commands = [Command.clear()]
            # A wizard without its group (being refused as such) has nothing to apply.
            candidates = (
                wizard.group_id._rolldown_candidates() if wizard.group_id else {}
            )
            for member, diff in candidates.items():
                for name, (current, group_value, overridden) in diff.items():
                    commands.append(
                        Command.create(
                            {
                                "partner_id": member.id,
                                "field_name": name,
                                "field_label": member._fields[name].get_description(
                                    self.env
                                )["string"],
                                "current_value": member._customer_group_display(
                                    name, current
                                ),
                                "group_value": member._customer_group_display(
                                    name, group_value
                                ),
                                "overridden": overridden,
                                "apply": not overridden,
                            }
                        )
                    )
            wizard.line_ids = commands

    @api.depends("line_ids.apply")
    def _compute_selected_count(self):
        for wizard in self:
            wizard.selected_count = len(wizard.line_ids.filtered("apply"))

    def _set_apply(self, value, overridden=None):
        for line in self.line_ids:
            if overridden is None or line.overridden == overridden:
                line.apply = value
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Apply Defaults to Members"),
        }

    def action_select_all(self):
        return self._set_apply(True)

    def action_select_none(self):
        return self._set_apply(False)

    def action_apply(self):
        """Write the ticked changes, all in this one transaction, and close the
        preview."""
        self.ensure_one()
        group = self.group_id
        group.check_access("write")
        fields_by_member = {}
        for line in self.line_ids.filtered("apply"):
            fields_by_member.setdefault(line.partner_id, []).append(line.field_name)
        if fields_by_member:
            group._apply_defaults(fields_by_member)
        group.rolldown_previous_values = False
        return {"type": "ir.actions.act_window_close"}


class AccountCustomerGroupRolldownLine(models.TransientModel):
    _name = "account.customer.group.rolldown.line"
    _description = "Customer Group Default to Apply to a Member"
    _inherit = "account.customer.typed.values.mixin"
    _order = "partner_id, id"

    wizard_id = fields.Many2one(
        "account.customer.group.rolldown", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Member", required=True, readonly=True
    )
    field_name = fields.Char(
        string="Technical Field Name", required=True, readonly=True
    )
    field_label = fields.Char(string="Field", readonly=True)
    current_value = fields.Char(readonly=True, help="The member's value today.")
    group_value = fields.Char(
        readonly=True, help="The group's value, which applying writes on the member."
    )
    overridden = fields.Boolean(
        string="Overridden by the Member",
        readonly=True,
        help="The member already had a value of its own before the group changed; such "
        "changes are not ticked at first.",
    )
    apply = fields.Boolean(help="Write the group's value on this member.")
