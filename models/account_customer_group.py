from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Command

from ..rules import codes, inheritance

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
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        compute="_compute_user_id",
        help="The first salesperson of the split: the members' salesperson in Odoo.",
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
    salesperson_ids = fields.One2many(
        "account.customer.group.salesperson",
        "group_id",
        string="Salespersons",
        copy=True,
        help="Up to five salespersons sharing the sales of the group's customers; the "
        "shares add up to 100%. New members get these lines, and the first one becomes "
        "their salesperson.",
    )
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
    account_set_mode = fields.Selection(
        _INHERIT_MODES,
        string="Account Set Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP + " Applies to the receivable account too.",
    )
    payment_term_mode = fields.Selection(
        _INHERIT_MODES,
        string="Payment Terms Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )
    interest_profile_mode = fields.Selection(
        _INHERIT_MODES,
        string="Interest Profile Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )
    billing_cycle_mode = fields.Selection(
        _INHERIT_MODES,
        string="Billing Cycle Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )
    account_type_mode = fields.Selection(
        _INHERIT_MODES,
        string="Account Type Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )
    print_statements_mode = fields.Selection(
        _INHERIT_MODES,
        string="Print Statements Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )
    fiscal_position_mode = fields.Selection(
        _INHERIT_MODES,
        string="Fiscal Position Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )
    user_mode = fields.Selection(
        _INHERIT_MODES,
        string="Salesperson Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP,
    )

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

    @api.depends("salesperson_ids.user_id", "salesperson_ids.sequence")
    def _compute_user_id(self):
        for group in self:
            group.user_id = group.salesperson_ids[:1].user_id

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

    @api.constrains("salesperson_ids")
    def _check_salesperson_split(self):
        splits = self.env["account.customer.group.salesperson"]
        for group in self:
            splits._check_split(group.salesperson_ids, group.display_name)

    @api.model_create_multi
    def create(self, vals_list):
        # A single-currency company needs exactly one line, in its own currency:
        # give every new group that line so its limits only need filling in.
        for vals in vals_list:
            if "credit_limit_ids" not in vals:
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                vals["credit_limit_ids"] = [
                    Command.create({"currency_id": company.currency_id.id})
                ]
        groups = super(
            AccountCustomerGroup,
            self.with_context(salesperson_split_checked_by_owner=True),
        ).create(vals_list)
        return self.browse(groups.ids)

    def write(self, vals):
        if vals.get("active") is False:
            self.filtered("active")._check_can_archive()
        if set(vals) - {
            "last_maintained",
            "message_main_attachment_id",
            "statistics_year",
            "statistics_period",
            "rolldown_previous_values",
        }:
            vals = {**vals, "last_maintained": fields.Date.context_today(self)}
        if "allow_edit_credit_limit" in vals:
            self._mark_credit_limits_changed()
        partners = self.env["res.partner"]
        newly_locked = [
            name
            for name, mode_field in partners._customer_group_mode_fields().items()
            if vals.get(mode_field) == inheritance.INHERIT_LOCKED
        ]
        # Salesperson lines are checked once the whole save is applied, by the group
        # itself.
        write = super(
            AccountCustomerGroup,
            self.with_context(salesperson_split_checked_by_owner=True),
        ).write
        changes_defaults = set(vals) & (
            {"salesperson_ids"} | set(partners._customer_group_fields().values())
        )
        if not changes_defaults and not newly_locked:
            return write(vals)
        before = {group: group._partner_defaults() for group in self}
        result = write(vals)
        for group, old_defaults in before.items():
            group._after_defaults_change(old_defaults)
            if newly_locked:
                # Locking a field brings every member to the group's value at once.
                group._apply_defaults(
                    {member: newly_locked for member in group._rolldown_members()}
                )
        return result

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

    def _partner_defaults(self):
        """Values this group hands down to a customer who joins it."""
        self.ensure_one()
        partners = self.env["res.partner"]
        return codes.partner_defaults_from_group(
            {
                "receivable_account_id": self.receivable_account_id.id,
                "payment_term_id": self.payment_term_id.id,
                "account_set_id": self.account_set_id.id,
                "interest_profile_id": self.interest_profile_id.id,
                "billing_cycle_id": self.billing_cycle_id.id,
                "account_type": self.account_type,
                "print_statements": self.print_statements,
                "fiscal_position_id": self.fiscal_position_id.id,
                "user_id": self.salesperson_ids[:1].user_id.id,
            },
            partners._customer_group_fields(),
            partners._customer_group_boolean_fields(),
        )

    def _invalidate_members(self):
        # Members are computed without dependencies (they live on company-dependent
        # partner fields): a value cached earlier in the transaction may be stale.
        self.invalidate_recordset(["member_ids", "member_count"])
