from markupsafe import Markup

from odoo import api, fields, models

from ...rules import codes, handed_down, inheritance

# How a customer's receipts and statements work, on the group and on the customer.
ACCOUNT_TYPES = [("open_item", "Open item"), ("balance_forward", "Balance forward")]
_INHERIT_MODES = [
    (inheritance.INHERIT_COPY, "Copy at creation"),
    (inheritance.INHERIT_FOLLOW, "Follow unless overridden"),
    (inheritance.INHERIT_LOCKED, "Locked"),
]
_INHERIT_MODE_HELP = (
    "Copy at creation: members get the group's value when they join, later changes are "
    "offered through 'Apply to Members'. Follow unless overridden: members who still "
    "have the group's value get every change at once. Locked: members always have the "
    "group's value and cannot change it."
)


def inheritance_mode_field(entries):
    """The group's inheritance-mode field of the setting of ``entries`` (a module
    extending the table declares its settings' fields with it)."""
    return fields.Selection(
        _INHERIT_MODES,
        string=f"{handed_down.setting_label(entries)} Inheritance",
        required=True,
        default=inheritance.INHERIT_COPY,
        tracking=True,
        help=_INHERIT_MODE_HELP + handed_down.setting_note(entries),
    )


def _inheritance_mode_fields():
    """The group's inheritance-mode field of each setting of ``HANDED_DOWN``."""
    return {
        entries[0].mode_field: inheritance_mode_field(entries)
        for entries in handed_down.settings().values()
    }


class AccountCustomerGroup(models.Model):
    _name = "account.customer.group"
    _description = "Customer Group"
    _inherit = ("account.customer.code.mixin", "mail.thread")
    _check_company_auto = True

    code = fields.Char(
        tracking=True,
        help="Up to six letters and digits identifying the group, e.g. DOM.",
    )
    description = fields.Text(
        string="Notes", help="Internal notes on what the group is for."
    )
    active = fields.Boolean(
        tracking=True,
        help="Archive a group (make it inactive) to stop posting to its customers. "
        "Only possible once every member has a zero balance and no open transaction.",
    )
    account_set_id = fields.Many2one(
        "account.customer.account.set",
        required=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="General ledger accounts of the group's customers; its receivables "
        "control account becomes each member's receivable account.",
    )
    receivable_account_id = fields.Many2one(
        related="account_set_id.receivable_account_id", string="Receivables Control"
    )
    account_type = fields.Selection(
        ACCOUNT_TYPES,
        required=True,
        default="open_item",
        tracking=True,
        help="Default account type of the members: open item customers match receipts "
        "to invoices; balance forward customers pay against their oldest balance.",
    )
    billing_cycle_id = fields.Many2one(
        "account.customer.billing.cycle",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="Default statement run of the members.",
    )
    interest_profile_id = fields.Many2one(
        "account.customer.interest.profile",
        required=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="How interest is charged on the members' overdue amounts. Use a zero-rate "
        "profile for customers who are never charged interest.",
    )
    payment_term_id = fields.Many2one(
        "account.payment.term",
        string="Payment Terms",
        required=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="Default payment terms of the members' invoices.",
    )
    print_statements = fields.Boolean(
        default=True,
        tracking=True,
        help="New members are included in statement runs.",
    )
    # Stored, so the column and the statements reading it stay; its one source is
    # the account set.
    currency_id = fields.Many2one(
        related="account_set_id.currency_id",
        store=True,
        readonly=False,
        string="Customer Currency",
        help="Currency the group's customers are invoiced in, from its account set "
        "(changing it here changes the account set). Odoo keeps a single rate table "
        "per currency, so documents use the rate of their date.",
    )
    last_maintained = fields.Date(
        readonly=True,
        copy=False,
        default=fields.Date.context_today,
        help="Date of the last change to the group.",
    )
    member_ids = fields.Many2many(
        "res.partner",
        string="Members",
        compute="_compute_member_ids",
        help="Customers whose customer group, in this group's company, is this group.",
    )
    member_count = fields.Integer(compute="_compute_member_ids")
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        string="Tax Group",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="Fiscal position handed down to the members: it maps the taxes of the "
        "products to the tax classes that apply to these customers.",
    )
    fiscal_position_tax_ids = fields.Many2many(
        related="fiscal_position_id.tax_ids",
        string="Mapped Taxes",
    )
    customer_properties_definition = fields.PropertiesDefinition(
        string="Optional Fields",
        help="Extra fields every customer of this group carries.",
    )
    customer_properties_summary = fields.Html(
        string="Optional Fields Defined",
        compute="_compute_customer_properties_summary",
        sanitize=False,
    )
    # Declared from the table of what a group hands down: a class body's namespace is
    # the dict locals() returns, so the fields are the class's own, as if written out.
    locals().update(_inheritance_mode_fields())

    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)",
        "A customer group with this code already exists in this company.",
    )

    def _compute_member_ids(self):
        members_by_group = {}
        customers_by_group = {}
        for company, groups in self.grouped("company_id").items():
            partners = self.env["res.partner"].with_company(company)
            # Contact persons carry their company's group: the count is of
            # customers (companies and individuals) only.
            for group, member_ids, customer_count in partners._read_group(
                [("customer_group_id", "in", groups.ids)],
                ["customer_group_id"],
                ["id:array_agg", "commercial_partner_id:count_distinct"],
            ):
                members_by_group[group.id] = member_ids
                customers_by_group[group.id] = customer_count
        for group in self:
            group.member_ids = members_by_group.get(group.id, [])
            group.member_count = customers_by_group.get(group.id, 0)

    @api.depends("customer_properties_definition")
    def _compute_customer_properties_summary(self):
        for group in self:
            definition = group.customer_properties_definition or []
            group.customer_properties_summary = (
                Markup("<ul>%s</ul>")
                % Markup().join(
                    Markup("<li>%s <span class='text-muted'>(%s)</span></li>")
                    % (prop.get("string") or prop.get("name"), prop.get("type"))
                    for prop in definition
                )
                if definition
                else False
            )

    def action_view_members(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customers of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [
                ("id", "in", self.member_ids.commercial_partner_id.ids),
            ],
            "context": {
                "default_customer_group_id": self.id,
                "allowed_company_ids": [self.company_id.id],
            },
        }

    def write(self, vals):
        if set(vals) - {
            "last_maintained",
            "message_main_attachment_id",
            "statistics_year",
            "statistics_period",
            "rolldown_previous_values",
        }:
            vals = {**vals, "last_maintained": fields.Date.context_today(self)}
        return super().write(vals)

    def _partner_defaults(self):
        """Values this group hands down to a customer who joins it."""
        self.ensure_one()
        values = {}
        partners = self.env["res.partner"]
        for entry in partners._customer_group_handed_down():
            value = self[entry.group_field]
            values[entry.group_field] = (
                value.id if isinstance(value, models.BaseModel) else value
            )
        return codes.partner_defaults_from_group(
            values,
            partners._customer_group_fields(),
            partners._customer_group_boolean_fields(),
        )

    def _invalidate_members(self):
        # Members are computed without dependencies (they live on company-dependent
        # partner fields): a value cached earlier in the transaction may be stale.
        self.invalidate_recordset(["member_ids", "member_count"])
