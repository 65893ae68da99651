from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount


class AccountCustomerCreditLimit(models.Model):
    """A credit limit and an overdue limit in one currency.

    A line belongs either to a customer group (the limits of all its members)
    or to a customer whose group allows members their own limits.
    """

    _name = "account.customer.credit.limit"
    _inherit = "account.customer.owned.line.mixin"
    _description = "Customer Credit Limit per Currency"
    _order = "currency_id"

    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self._default_currency(),
        domain=[("active", "=", True)],
        help="The limits apply to the customer's documents in this currency.",
    )
    credit_limit = fields.Monetary(
        help="The most a customer may owe in this currency. Checked only when the "
        "group checks the outstanding balance against the credit limit.",
    )
    overdue_limit = fields.Monetary(
        help="The most a customer's overdue transactions may amount to in this "
        "currency. Checked only when the group checks overdue transactions.",
    )

    pooled = fields.Boolean(
        help="The limits apply to the group as a whole: what all its members owe in "
        "this currency is added up and checked against them. Off, each member is "
        "checked alone.",
    )

    _one_owner = models.Constraint(
        "CHECK((group_id IS NULL) != (partner_id IS NULL))",
        "A credit limit line belongs either to a customer group or to a customer.",
    )
    _pooled_on_groups = models.Constraint(
        "CHECK(NOT pooled OR group_id IS NOT NULL)",
        "Only a customer group's credit limit can be pooled: a customer's own limit is "
        "its alone.",
    )

    @api.model
    def _default_currency(self):
        # A group's form suggests a currency of its members' documents that has no
        # line yet.
        suggested = self.env["res.currency"].browse(
            self.env.context.get("credit_limit_currency_id")
        )
        return suggested.exists() or self.env.company.currency_id

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.group_id._mark_credit_limits_changed()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if {"currency_id", "credit_limit", "overdue_limit"} & set(vals):
            self.group_id._mark_credit_limits_changed()
        return result

    @api.constrains("credit_limit", "overdue_limit")
    def _check_limits_not_negative(self):
        for line in self:
            values = {
                "owner": line._owner_name(),
                "currency": line.currency_id.name,
            }
            if line.credit_limit < 0:
                raise ValidationError(
                    self.env._(
                        "The credit limit of %(owner)s in %(currency)s is %(amount)s: "
                        "limits cannot be negative. Enter 0 or a positive amount.",
                        amount=format_amount(
                            self.env, line.credit_limit, line.currency_id
                        ),
                        **values,
                    )
                )
            if line.overdue_limit < 0:
                raise ValidationError(
                    self.env._(
                        "The overdue limit of %(owner)s in %(currency)s is %(amount)s: "
                        "limits cannot be negative. Enter 0 or a positive amount.",
                        amount=format_amount(
                            self.env, line.overdue_limit, line.currency_id
                        ),
                        **values,
                    )
                )

    @api.constrains("group_id", "partner_id", "company_id", "currency_id")
    def _check_one_line_per_currency(self):
        for line in self:
            owner = (
                [("group_id", "=", line.group_id.id)]
                if line.group_id
                else [
                    ("partner_id", "=", line.partner_id.id),
                    ("company_id", "=", line.company_id.id),
                ]
            )
            if (
                self.search_count([*owner, ("currency_id", "=", line.currency_id.id)])
                > 1
            ):
                raise ValidationError(
                    self.env._(
                        "%(owner)s has more than one credit limit line in "
                        "%(currency)s. Keep one line per currency and put both limits "
                        "on it.",
                        owner=line._owner_name(),
                        currency=line.currency_id.name,
                    )
                )

    @api.constrains("credit_limit", "partner_id", "currency_id")
    def _check_national_account_covers_its_members(self):
        """Sage: a national account's limit may not be below the largest limit of one of
        its members."""
        for line in self.filtered(lambda line: line.partner_id.is_national_account):
            members = line.partner_id.national_account_member_ids
            member_lines = self.sudo().search(
                [
                    ("currency_id", "=", line.currency_id.id),
                    ("company_id", "=", line.company_id.id),
                    "|",
                    ("partner_id", "in", members.ids),
                    (
                        "group_id",
                        "in",
                        members.with_company(line.company_id).customer_group_id.ids,
                    ),
                ],
            )
            # A handful of lines (the members' own and their groups'); an unset limit
            # counts as 0.
            largest = max(
                member_lines,
                key=lambda member_line: member_line.credit_limit,
                default=None,
            )
            if largest and largest.credit_limit > line.credit_limit:
                raise ValidationError(
                    self.env._(
                        "The credit limit of the national account %(account)s in "
                        "%(currency)s cannot be %(limit)s: its member limits go up to "
                        "%(largest)s (%(owner)s). Enter at least %(largest)s, or lower "
                        "that limit first.",
                        account=line.partner_id.display_name,
                        currency=line.currency_id.name,
                        limit=format_amount(
                            self.env, line.credit_limit, line.currency_id
                        ),
                        largest=format_amount(
                            self.env, largest.credit_limit, line.currency_id
                        ),
                        owner=largest._owner_name(),
                    )
                )

    @api.constrains("partner_id", "company_id")
    def _check_group_allows_own_limits(self):
        # A national account's limits are its own whatever its group allows.
        for line in self.filtered(
            lambda line: line.partner_id and not line.partner_id.is_national_account
        ):
            group = line.partner_id.with_company(line.company_id).customer_group_id
            if not group.allow_edit_credit_limit:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot have a credit limit of its own: %(reason)s",
                        partner=line.partner_id.display_name,
                        reason=self.env._(
                            "its customer group %(group)s does not allow members to "
                            "edit their credit limit. Change the limits on the group, "
                            "or turn on 'Allow Edit of Credit Limit' there.",
                            group=group.display_name,
                        )
                        if group
                        else self.env._(
                            "it belongs to no customer group. Put it in a group that "
                            "allows members to edit their credit limit."
                        ),
                    )
                )
