from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import format_amount

from . import ar_rules

_INHERIT_MODES = [
    (ar_rules.INHERIT_COPY, "Copy at creation"),
    (ar_rules.INHERIT_FOLLOW, "Follow unless overridden"),
    (ar_rules.INHERIT_LOCKED, "Locked"),
]
_INHERIT_MODE_HELP = (
    "Copy at creation: members get the group's value when they join, later changes are offered "
    "through 'Apply to Members'. Follow unless overridden: members who still have the group's "
    "value get every change at once. Locked: members always have the group's value and cannot "
    "change it."
)


class AccountCustomerGroup(models.Model):
    _name = "account.customer.group"
    _description = "Customer Group"
    _inherit = ["account.customer.code.mixin", "mail.thread"]
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
        help="Archive a group (make it inactive) to stop posting to its customers. Only possible "
        "once every member has a zero balance and no open transaction.",
    )
    account_set_id = fields.Many2one(
        "account.customer.account.set",
        required=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="General ledger accounts of the group's customers; its receivables control "
        "account becomes each member's receivable account.",
    )
    receivable_account_id = fields.Many2one(
        related="account_set_id.receivable_account_id", string="Receivables Control"
    )
    account_type = fields.Selection(
        [("open_item", "Open item"), ("balance_forward", "Balance forward")],
        required=True,
        default="open_item",
        tracking=True,
        help="Default account type of the members: open item customers match receipts to "
        "invoices; balance forward customers pay against their oldest balance.",
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
    currency_id = fields.Many2one(
        "res.currency",
        string="Customer Currency",
        tracking=True,
        help="Usual currency of the group's customers. Odoo keeps a single rate table per "
        "currency, so documents use the rate of their date.",
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
    allow_edit_credit_limit = fields.Boolean(
        string="Allow Edit of Credit Limit",
        tracking=True,
        help="Members may have credit and overdue limits of their own instead of the group's. "
        "Turning this off brings every member back to the group's limits.",
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
        help="Warn when a document is entered for a member whose transactions overdue by "
        "the given number of days or more exceed the overdue limit of their currency.",
    )
    overdue_days = fields.Integer(
        string="Days Overdue",
        default=30,
        tracking=True,
        help="Transactions this many days or more past their due date count as overdue.",
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
        help="Currencies of the members' invoices that have no credit limit line: documents "
        "in these currencies are not checked.",
    )

    salesperson_ids = fields.One2many(
        "account.customer.group.salesperson",
        "group_id",
        string="Salespersons",
        copy=True,
        help="Up to five salespersons sharing the sales of the group's customers; the shares "
        "add up to 100%. New members get these lines, and the first one becomes their salesperson.",
    )
    fiscal_position_id = fields.Many2one(
        "account.fiscal.position",
        string="Tax Group",
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="Fiscal position handed down to the members: it maps the taxes of the products "
        "to the tax classes that apply to these customers.",
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
    # Statistics page: the year and period shown are picked on the form, not stored.
    statistics_year = fields.Integer(
        compute="_compute_statistics_selection",
        readonly=False,
        help="Statistics year shown, named after the calendar year it ends in.",
    )
    statistics_period = fields.Integer(
        compute="_compute_statistics_selection",
        readonly=False,
        help="Period of the year shown, from 1; the period type is set in Accounting settings.",
    )
    statistics_period_range = fields.Char(
        string="Period Dates", compute="_compute_statistics"
    )
    statistic_line_ids = fields.One2many(
        "account.customer.statistic.report",
        string="Statistics",
        compute="_compute_statistics",
        help="Computed and manual figures of the period shown, per transaction type.",
    )
    days_to_pay_total = fields.Integer(
        string="Total Days to Pay",
        compute="_compute_statistics",
        help="Days it took to pay the invoices fully paid in the period.",
    )
    paid_invoice_count = fields.Integer(
        string="Invoices Paid", compute="_compute_statistics"
    )
    average_days_to_pay = fields.Float(
        compute="_compute_statistics",
        digits=(16, 1),
        help="Total days to pay / invoices paid in the period.",
    )
    ytd_days_to_pay_total = fields.Integer(
        string="YTD Total Days to Pay",
        compute="_compute_statistics",
        help="Days to pay of the invoices paid from the start of the year to the end of the period.",
    )
    ytd_paid_invoice_count = fields.Integer(
        string="YTD Invoices Paid", compute="_compute_statistics"
    )
    ytd_average_days_to_pay = fields.Float(
        string="YTD Average Days to Pay", compute="_compute_statistics", digits=(16, 1)
    )
    average_days_late = fields.Float(
        compute="_compute_statistics",
        digits=(16, 1),
        help="Days from each installment's due date to its payment, weighted by the installments' "
        "amounts, for the invoices fully paid in the period. Negative when paid early.",
    )
    ytd_average_days_late = fields.Float(
        string="YTD Average Days Late", compute="_compute_statistics", digits=(16, 1)
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
    rolldown_previous_values = fields.Json(
        copy=False,
        help="Defaults changed since they were last applied to the members: the group's value "
        "before the change, by customer field. Cleared by applying or dismissing the roll-down.",
    )
    rolldown_pending = fields.Boolean(
        string="Defaults Not Applied to Members",
        compute="_compute_rolldown_pending",
        help="The group's defaults changed and some members may still have the old values.",
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)",
        "A customer group with this code already exists in this company.",
    )

    @api.constrains("overdue_days")
    def _check_overdue_days(self):
        for group in self:
            if group.overdue_days < 0:
                raise ValidationError(
                    self.env._(
                        "The customer group %(group)s counts transactions as overdue after "
                        "%(days)s days: enter 0 or a positive number of days.",
                        group=group.display_name,
                        days=group.overdue_days,
                    )
                )

    @api.constrains("salesperson_ids")
    def _check_salesperson_split(self):
        splits = self.env["account.customer.group.salesperson"]
        for group in self:
            splits._check_split(group.salesperson_ids, group.display_name)

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
                    ("move_type", "in", ("out_invoice", "out_refund", "out_receipt")),
                    ("state", "!=", "cancel"),
                ],
                ["currency_id"],
            )
        )

    @api.depends("credit_limit_ids.currency_id", "company_id")
    def _compute_missing_credit_currency_ids(self):
        for group in self:
            group.missing_credit_currency_ids = (
                group._origin._member_currencies() - group.credit_limit_ids.currency_id
                if group._origin
                else False
            )

    def action_add_missing_credit_currencies(self):
        """Sage's multicurrency rule: one line per currency the members use."""
        for group in self:
            group.credit_limit_ids = [
                Command.create({"currency_id": currency.id})
                for currency in group.missing_credit_currency_ids
            ]

    def _compute_member_ids(self):
        members_by_group = {}
        for company, groups in self.grouped("company_id").items():
            partners = self.env["res.partner"].with_company(company)
            for group, member_ids in partners._read_group(
                [("customer_group_id", "in", groups.ids)],
                ["customer_group_id"],
                ["id:array_agg"],
            ):
                members_by_group[group.id] = member_ids
        for group in self:
            group.member_ids = members_by_group.get(group.id, [])
            group.member_count = len(group.member_ids)

    def _statistics_settings(self):
        company = self.company_id or self.env.company
        return (
            company.customer_statistics_period_type,
            company.customer_statistics_year_basis,
            int(company.fiscalyear_last_month),
            company.fiscalyear_last_day,
        )

    def _compute_statistics_selection(self):
        today = fields.Date.context_today(self)
        for group in self:
            group.statistics_year, group.statistics_period = ar_rules.statistics_period(
                today, *group._statistics_settings()
            )

    @api.depends("statistics_year", "statistics_period")
    def _compute_statistics(self):
        report = self.env["account.customer.statistic.report"]
        for group in self:
            year, period = group.statistics_year, group.statistics_period
            settings = group._statistics_settings()
            try:
                first, last = ar_rules.statistics_period_bounds(year, period, *settings)
            except ValueError:
                count = (
                    ar_rules.statistics_period_count(year, *settings) if year > 0 else 0
                )
                group.statistics_period_range = self.env._(
                    "Choose a period from 1 to %s", count
                )
                group.statistic_line_ids = report
                group.days_to_pay_total = group.paid_invoice_count = 0
                group.ytd_days_to_pay_total = group.ytd_paid_invoice_count = 0
                group.average_days_to_pay = group.ytd_average_days_to_pay = 0.0
                group.average_days_late = group.ytd_average_days_late = 0.0
                continue
            group.statistics_period_range = (
                f"{fields.Date.to_string(first)} - {fields.Date.to_string(last)}"
            )
            year_domain = Domain(
                [("group_id", "=", group._origin.id), ("year", "=", year)]
            )
            period_domain = year_domain & Domain("period", "=", period)
            group.statistic_line_ids = report.search(period_domain)
            measures = [
                "days_to_pay_total:sum",
                "paid_count:sum",
                "days_late_weighted:sum",
                "days_late_base:sum",
            ]
            [(days, paid, late, late_base)] = report._read_group(
                period_domain, [], measures
            )
            [(ytd_days, ytd_paid, ytd_late, ytd_late_base)] = report._read_group(
                year_domain & Domain("period", "<=", period), [], measures
            )
            group.average_days_late = ar_rules.average_days_late(
                late or 0.0, late_base or 0.0
            )
            group.ytd_average_days_late = ar_rules.average_days_late(
                ytd_late or 0.0, ytd_late_base or 0.0
            )
            days, paid, ytd_days, ytd_paid = (
                days or 0,
                paid or 0,
                ytd_days or 0,
                ytd_paid or 0,
            )
            group.days_to_pay_total, group.paid_invoice_count = days, paid
            group.ytd_days_to_pay_total, group.ytd_paid_invoice_count = (
                ytd_days,
                ytd_paid,
            )
            group.average_days_to_pay = ar_rules.average_days_to_pay(days, paid)
            group.ytd_average_days_to_pay = ar_rules.average_days_to_pay(
                ytd_days, ytd_paid
            )

    def action_recalculate_statistics(self):
        """Rebuild the computed statistics of the groups' companies from the ledger.

        Manual figures are kept. Callable over RPC, e.g.
        ``execute_kw(db, uid, key, "account.customer.group", "action_recalculate_statistics", [ids])``.
        """
        self.check_access("write")
        companies = self.company_id or self.env.companies
        self.env["account.customer.statistic"].sudo()._rebuild(companies)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "Statistics recalculated from the ledger for %s.",
                    ", ".join(companies.mapped("name")),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def get_statistics_drift(self):
        """Buckets whose stored figures differ from what the ledger gives, for the groups'
        companies: a list of dicts with the bucket keys and the differences (stored - ledger).
        An empty list means the statistics are exact.
        """
        self.check_access("read")
        companies = self.company_id or self.env.companies
        drift = self.env["account.customer.statistic"].sudo()._drift(companies)
        if self:
            drift = [row for row in drift if row["group_id"] in self.ids]
        for row in drift:
            for key in (
                "amount",
                "amount_company",
                "days_late_weighted",
                "days_late_base",
            ):
                row[key] = float(row[key])
        return drift

    @api.model
    def _cron_recalculate_statistics(self):
        self.env["account.customer.statistic"].sudo()._rebuild(
            self.env["res.company"].sudo().search([("chart_template", "!=", False)])
        )

    def action_open_statistics_analysis(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_statistic_report"
        )
        action["domain"] = [("group_id", "in", self.ids)]
        action["context"] = {"search_default_group_by_year": 1}
        return action

    def action_open_statistic_adjustments(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_statistic_adjustment"
        )
        action["domain"] = [("group_id", "=", self.id)]
        action["context"] = {
            "default_group_id": self.id,
            "default_year": self.statistics_year,
            "default_period": self.statistics_period,
        }
        return action

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
        newly_locked = [
            name
            for name, mode_field in ar_rules.PARTNER_FIELD_MODES.items()
            if vals.get(mode_field) == ar_rules.INHERIT_LOCKED
        ]
        # Salesperson lines are checked once the whole save is applied, by the group itself.
        write = super(
            AccountCustomerGroup,
            self.with_context(salesperson_split_checked_by_owner=True),
        ).write
        changes_defaults = set(vals) & (
            {"salesperson_ids"} | set(ar_rules.PARTNER_FIELDS_FROM_GROUP.values())
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

    @api.depends("rolldown_previous_values")
    def _compute_rolldown_pending(self):
        for group in self:
            group.rolldown_pending = bool(group.rolldown_previous_values)

    def _after_defaults_change(self, old_defaults):
        """Hand a change of defaults down to the members that follow or are locked,
        and remember the old values so that the roll-down can offer the rest."""
        self.ensure_one()
        self._invalidate_members()
        new_defaults = self._partner_defaults()
        # A default the group left empty is False on its members, not missing.
        changed = {
            name: old_defaults.get(name, False)
            for name in set(old_defaults) | set(new_defaults)
            if old_defaults.get(name, False) != new_defaults.get(name, False)
        }
        if not changed or not self.member_ids:
            return
        automatic = {}
        for member in self._rolldown_members():
            current = member._customer_group_values()
            names = [
                name
                for name, previous in changed.items()
                if ar_rules.followers_to_update(
                    self[ar_rules.PARTNER_FIELD_MODES[name]],
                    current.get(name),
                    previous,
                )
            ]
            if names:
                automatic[member] = names
        self._apply_defaults(automatic)
        pending = {**changed, **(self.rolldown_previous_values or {})}
        self.write({"rolldown_previous_values": pending})

    def _invalidate_members(self):
        # Members are computed without dependencies (they live on company-dependent
        # partner fields): a value cached earlier in the transaction may be stale.
        self.invalidate_recordset(["member_ids", "member_count"])

    def _rolldown_members(self):
        """Members that hold the group's defaults themselves: contacts of a member company get
        them from their company, which Odoo keeps in step."""
        self.ensure_one()
        self._invalidate_members()
        return self.member_ids.with_company(self.company_id).filtered(
            lambda member: member.commercial_partner_id == member
        )

    def _rolldown_candidates(self):
        """Per member, the fields that differ from the group's defaults:
        ``{partner: {field: (current, group value, overridden)}}``."""
        self.ensure_one()
        defaults = self._rolldown_defaults()
        previous = self.rolldown_previous_values or {}
        candidates = {}
        for member in self._rolldown_members():
            diff = ar_rules.rolldown_diff(
                defaults, member._rolldown_values(self.company_id), previous
            )
            if diff:
                candidates[member] = diff
        return candidates

    def _mark_credit_limits_changed(self):
        """Members' own limits are never replaced on their own: the roll-down offers it."""
        self._invalidate_members()
        for group in self.filtered("member_ids"):
            pending = {
                "customer_credit_limit_ids": [],
                **(group.rolldown_previous_values or {}),
            }
            group.write({"rolldown_previous_values": pending})
        self._invalidate_members()

    def _rolldown_defaults(self):
        """The group's defaults as the roll-down offers them: the fields it hands down, and
        no credit limit lines of the members' own, so that the group's limits apply."""
        return {**self._partner_defaults(), "customer_credit_limit_ids": []}

    def _apply_defaults(self, fields_by_member):
        """Write the group's current defaults ``{partner: [customer field names]}`` and post
        what changed, old -> new, on each member and on the group. One call, one transaction:
        a refused write leaves every member as it was."""
        self.ensure_one()
        defaults = self._rolldown_defaults()
        changes = []
        for member, names in fields_by_member.items():
            member = member.with_company(self.company_id)
            current = member._rolldown_values(self.company_id)
            vals = {
                name: defaults[name]
                for name in names
                if name in defaults and current.get(name) != defaults[name]
            }
            if not vals:
                continue
            lines = [
                (
                    member._fields[name].get_description(self.env)["string"],
                    member._customer_group_display(name, current.get(name)),
                    member._customer_group_display(name, value),
                )
                for name, value in vals.items()
            ]
            if vals.pop("customer_credit_limit_ids", None) is not None:
                member.customer_credit_limit_ids.filtered(
                    lambda line: line.company_id == self.company_id
                ).unlink()
            if vals:
                member.write(vals)
            member.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._(
                        "Defaults of customer group %s applied:", self.display_name
                    ),
                    Markup().join(
                        Markup("<li>%s: %s → %s</li>") % line for line in lines
                    ),
                )
            )
            changes.append((member, lines))
        if changes:
            self.message_post(
                body=Markup("%s<ul>%s</ul>")
                % (
                    self.env._("Defaults applied to %s member(s):", len(changes)),
                    Markup().join(
                        Markup("<li>%s: %s</li>")
                        % (
                            member.display_name,
                            ", ".join(
                                f"{label}: {old} → {new}" for label, old, new in lines
                            ),
                        )
                        for member, lines in changes
                    ),
                )
            )
        return changes

    def apply_defaults_to_members(self, field_names, member_ids=None):
        """Apply the group's current defaults to its members, for RPC clients.

        ``field_names`` lists the customer fields to apply: ``property_account_receivable_id``,
        ``property_payment_term_id``, ``customer_account_set_id``, ``customer_interest_profile_id``,
        ``customer_billing_cycle_id``, ``customer_account_type``, ``customer_print_statements``,
        ``property_account_position_id``, ``user_id``, and ``customer_credit_limit_ids`` (removes
        the members' own credit limits so that the group's apply); the group's own names, such
        as ``payment_term_id`` or ``credit_limit_ids``, are accepted too. ``member_ids`` lists the members to
        update, all of them when omitted. Returns one dict per changed member, with
        ``partner_id`` and ``changes``, a list of ``[field label, old value, new value]``.

        Example: ``execute_kw(db, uid, key, "account.customer.group", "apply_defaults_to_members",
        [[group_id], ["payment_term_id"], [partner_id]])``. All writes happen in the call's single
        transaction; a chatter message on each member and on the group lists old -> new.
        """
        self.ensure_one()
        self.check_access("write")
        by_group_name = {
            group_name: name
            for name, group_name in ar_rules.PARTNER_FIELDS_FROM_GROUP.items()
        }
        by_group_name["receivable_account_id"] = "property_account_receivable_id"
        by_group_name["credit_limit_ids"] = "customer_credit_limit_ids"
        known = [*ar_rules.PARTNER_FIELDS_FROM_GROUP, "customer_credit_limit_ids"]
        names = []
        for name in field_names:
            name = by_group_name.get(name, name)
            if name not in known:
                raise UserError(
                    self.env._(
                        "%(field)s is not a default of customer groups. Choose among: %(fields)s.",
                        field=name,
                        fields=", ".join(known),
                    )
                )
            names.append(name)
        members = self._rolldown_members()
        if member_ids is not None:
            strangers = set(member_ids) - set(members.ids)
            if strangers:
                raise UserError(
                    self.env._(
                        "Customers %(ids)s are not members of the customer group %(group)s, or are "
                        "contacts of a member company: only members themselves receive its defaults "
                        "(their contacts follow them).",
                        ids=", ".join(map(str, sorted(strangers))),
                        group=self.display_name,
                    )
                )
            members = members.browse(member_ids)
        changes = self._apply_defaults({member: names for member in members})
        return [
            {"partner_id": member.id, "changes": [list(line) for line in lines]}
            for member, lines in changes
        ]

    def action_open_rolldown(self):
        """The roll-down preview: what applying the group's defaults would change, per member."""
        self.ensure_one()
        wizard = self.env["account.customer.group.rolldown"].create(
            {"group_id": self.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Apply Defaults to Members"),
            "res_model": "account.customer.group.rolldown",
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_dismiss_rolldown(self):
        self.write({"rolldown_previous_values": False})

    @api.depends("salesperson_ids.user_id", "salesperson_ids.sequence")
    def _compute_user_id(self):
        for group in self:
            group.user_id = group.salesperson_ids[:1].user_id

    def _partner_defaults(self):
        """Values this group hands down to a customer who joins it."""
        self.ensure_one()
        return ar_rules.partner_defaults_from_group(
            {
                "receivable_account_id": self.receivable_account_id.id,
                "payment_term_id": self.payment_term_id.id,
                "customer_account_set_id": self.account_set_id.id,
                "customer_interest_profile_id": self.interest_profile_id.id,
                "customer_billing_cycle_id": self.billing_cycle_id.id,
                "customer_account_type": self.account_type,
                "customer_print_statements": self.print_statements,
                "fiscal_position_id": self.fiscal_position_id.id,
                "user_id": self.salesperson_ids[:1].user_id.id,
            }
        )

    def _check_accepts_members(self):
        archived = self.filtered(lambda group: not group.active)
        if archived:
            raise UserError(
                self.env._(
                    "The customer group %(group)s is archived: customers cannot join it. Choose an "
                    "active group, or restore this one first.",
                    group=archived[0].display_name,
                )
            )

    def _open_items_by_partner(self):
        """Open receivable amount (company currency) per member, for the members with any."""
        self.ensure_one()
        members = self.member_ids
        if not members:
            return {}
        lines = self.env["account.move.line"].sudo()
        base = Domain(
            [
                ("partner_id", "in", members.ids),
                ("company_id", "=", self.company_id.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
        open_amounts = {}
        for partner, balance in lines._read_group(
            base, ["partner_id"], ["balance:sum"]
        ):
            if not self.company_id.currency_id.is_zero(balance):
                open_amounts[partner] = balance
        for partner, residual in lines._read_group(
            base & Domain([("reconciled", "=", False), ("amount_residual", "!=", 0)]),
            ["partner_id"],
            ["amount_residual:sum"],
        ):
            open_amounts.setdefault(partner, residual)
        return open_amounts

    def _archive_blockers(self):
        """What stops archiving the group, per member: ``{partner: (open, draft)}`` where
        ``open`` and ``draft`` map each currency to the member's open receivables and its draft
        customer documents in that currency. A currency counts as soon as anything is left in
        it, even when the balances of all currencies add up to zero in the company currency."""
        self.ensure_one()
        members = self.member_ids
        if not members:
            return {}
        blockers = {}
        for partner, currency, residual in (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", members.ids),
                    ("company_id", "=", self.company_id.id),
                    ("account_type", "=", "asset_receivable"),
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                ],
                ["partner_id", "currency_id"],
                ["amount_residual_currency:sum"],
            )
        ):
            if not currency.is_zero(residual):
                blockers.setdefault(partner, ({}, {}))[0][currency] = residual
        for partner, currency, total in (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", members.ids),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "draft"),
                    ("move_type", "in", ("out_invoice", "out_refund", "out_receipt")),
                ],
                ["commercial_partner_id", "currency_id"],
                ["amount_total_in_currency_signed:sum"],
            )
        ):
            blockers.setdefault(partner, ({}, {}))[1][currency] = total
        return blockers

    def _check_can_archive(self):
        for group in self:
            open_amounts = group._open_items_by_partner()
            blockers = group._archive_blockers()
            if not open_amounts and not blockers:
                continue

            def amounts(by_currency):
                return ", ".join(
                    format_amount(self.env, amount, currency)
                    for currency, amount in by_currency.items()
                )

            details = []
            for partner in list(dict.fromkeys([*open_amounts, *blockers]))[:10]:
                open_by_currency, draft_by_currency = blockers.get(partner, ({}, {}))
                parts = []
                if open_by_currency:
                    parts.append(self.env._("open %s", amounts(open_by_currency)))
                if draft_by_currency:
                    parts.append(
                        self.env._("draft invoices %s", amounts(draft_by_currency))
                    )
                if not parts:
                    parts.append(
                        self.env._(
                            "balance %s",
                            format_amount(
                                self.env,
                                open_amounts[partner],
                                group.company_id.currency_id,
                            ),
                        )
                    )
                details.append(f"{partner.display_name} ({'; '.join(parts)})")
            raise UserError(
                self.env._(
                    "The customer group %(group)s cannot be archived: %(count)s customer(s) "
                    "still have open receivables or draft invoices, %(amount)s in total in "
                    "%(company_currency)s posted: %(customers)s. Settle their open items, post or "
                    "cancel the drafts, or move these customers to another group first.",
                    group=group.display_name,
                    count=len(set(open_amounts) | set(blockers)),
                    amount=format_amount(
                        self.env,
                        sum(open_amounts.values()),
                        group.company_id.currency_id,
                    ),
                    company_currency=group.company_id.currency_id.name,
                    customers=", ".join(details),
                )
            )

    def action_view_members(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customers of %s", self.display_name),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", self.member_ids.ids)],
            "context": {
                "default_customer_group_id": self.id,
                "allowed_company_ids": [self.company_id.id],
            },
        }

    @api.model
    def _create_company_defaults(self, companies=None):
        """Install Reviso's three default groups (and what they need) in each company.

        Without ``companies``, every company with a chart of accounts gets them.
        Runs at module installation and whenever a chart of accounts is loaded for a
        company; a company that already has its defaults is left untouched, so
        upgrades and reloads never duplicate them.
        """
        if companies is None:
            companies = (
                self.env["res.company"].sudo().search([("chart_template", "!=", False)])
            )
        for company in companies:
            receivable = (
                self.env["ir.default"]
                .sudo()
                ._get(
                    "res.partner",
                    "property_account_receivable_id",
                    company_id=company.id,
                )
            )
            if not receivable:
                # No chart of accounts yet: the defaults come when one is loaded.
                continue
            self.sudo().with_company(company)._create_defaults_in_company(
                company, receivable
            )

    def _create_defaults_in_company(self, company, receivable_account_id):
        def find_or_create(model, code, vals):
            record = (
                self.env[model]
                .with_context(active_test=False)
                .search([("company_id", "=", company.id), ("code", "=", code)], limit=1)
            )
            return record or self.env[model].create(
                {"code": code, "company_id": company.id, **vals}
            )

        account_set = find_or_create(
            "account.customer.account.set",
            "DEFLT",
            {
                "name": self.env._("Default receivables"),
                "receivable_account_id": receivable_account_id,
            },
        )
        interest_profile = find_or_create(
            "account.customer.interest.profile",
            "NONE",
            {"name": self.env._("No interest"), "annual_rate": 0.0},
        )
        billing_cycle = find_or_create(
            "account.customer.billing.cycle",
            "MONTH",
            {"name": self.env._("Monthly"), "frequency": "monthly"},
        )
        payment_term = self.env.ref(
            "account.account_payment_term_immediate", raise_if_not_found=False
        )
        if not payment_term or payment_term.company_id not in (
            company,
            self.env["res.company"],
        ):
            payment_term = self.env["account.payment.term"].search(
                [
                    ("company_id", "in", (company.id, False)),
                    ("line_ids.nb_days", "=", 0),
                ],
                limit=1,
            )
        if not payment_term:
            return
        for code, name in (
            ("DOM", self.env._("Domestic")),
            ("EUR", self.env._("European")),
            ("OVS", self.env._("Overseas")),
        ):
            find_or_create(
                "account.customer.group",
                code,
                {
                    "name": name,
                    "account_set_id": account_set.id,
                    "interest_profile_id": interest_profile.id,
                    "billing_cycle_id": billing_cycle.id,
                    "payment_term_id": payment_term.id,
                },
            )
