from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Command

from ..mixins.account_customer_typed_values_mixin import check_value_kinds


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    allow_edit_credit_limit = fields.Boolean(
        string="Allow Edit of Credit Limit",
        tracking=True,
        help="Members may have credit and overdue limits of their own instead of the "
        "group's. Turning this off brings every member back to the group's limits.",
    )
    check_credit_limit = fields.Boolean(
        string="Check Outstanding Balance",
        tracking=True,
        help="Warn when a document is entered for a member whose outstanding balance "
        "(this document included) exceeds the credit limit of its currency.",
    )
    check_overdue = fields.Boolean(
        string="Check Overdue Transactions",
        tracking=True,
        help="Warn when a document is entered for a member whose transactions overdue "
        "by the given number of days or more exceed the overdue limit of their "
        "currency.",
    )
    overdue_days = fields.Integer(
        string="Days Overdue",
        default=30,
        tracking=True,
        help="Transactions this many days or more past their due date count as "
        "overdue.",
    )
    credit_limit_ids = fields.One2many(
        "account.customer.credit.limit",
        "group_id",
        string="Credit Limits",
        copy=True,
        help="Credit limit and overdue limit of the members, one line per currency.",
    )
    missing_credit_currency_ids = fields.Many2many(
        "res.currency",
        string="Currencies Without Limits",
        compute="_compute_missing_credit_currency_ids",
        help="Currencies of the members' invoices that have no credit limit line: "
        "documents in these currencies are not checked.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # A single-currency company needs exactly one line, in its own currency:
        # give every new group that line so its limits only need filling in.
        for vals in vals_list:
            # The company is read before the ORM would check it.
            check_value_kinds(self, vals, ["company_id"])
            if "credit_limit_ids" not in vals:
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                vals["credit_limit_ids"] = [
                    Command.create({"currency_id": company.currency_id.id})
                ]
        return super().create(vals_list)

    def write(self, vals):
        if "allow_edit_credit_limit" in vals:
            self._mark_credit_limits_changed()
        return super().write(vals)

    @api.depends("credit_limit_ids.currency_id", "company_id")
    def _compute_missing_credit_currency_ids(self):
        for group in self:
            group.missing_credit_currency_ids = (
                group._origin._member_currencies() - group.credit_limit_ids.currency_id
                if group._origin
                else False
            )

    @api.constrains("overdue_days")
    def _check_overdue_days(self):
        for group in self:
            if group.overdue_days < 0:
                raise ValidationError(
                    self.env._(
                        "The customer group %(group)s counts transactions as overdue "
                        "after %(days)s days: enter 0 or a positive number of days.",
                        group=group.display_name,
                        days=group.overdue_days,
                    )
                )

    def action_add_missing_credit_currencies(self):
        """Sage's multicurrency rule: one line per currency the members use."""
        for group in self:
            group.credit_limit_ids = [
                Command.create({"currency_id": currency.id})
                for currency in group.missing_credit_currency_ids
            ]

    def _member_currencies(self):
        """Currencies of the customer documents of the members, posted or not."""
        self.ensure_one()
        if not self.member_ids:
            return self.env["res.currency"]
        return self.env["res.currency"].browse(
            currency.id
            for [currency] in self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", self.member_ids.ids),
                    ("company_id", "=", self.company_id.id),
                    (
                        "move_type",
                        "in",
                        self.env["account.move"].get_sale_types(include_receipts=True),
                    ),
                    ("state", "!=", "cancel"),
                ],
                ["currency_id"],
            )
        )
