from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, format_amount

from . import ar_rules

# Writes the ORM does on its own behalf (ranking, chatter, activities) while a
# customer sits in an archived group; the guard must not break them.
_TECHNICAL_PARTNER_FIELDS = {"customer_rank", "supplier_rank"}
_TECHNICAL_PARTNER_PREFIXES = ("message_", "activity_", "website_message")


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Company-dependent, like the receivable account the group hands down:
    # a contact shared by several companies belongs to one group in each.
    customer_group_id = fields.Many2one(
        "account.customer.group",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="Choosing a group gives the customer its receivable account, payment terms, "
        "interest profile, billing cycle, account type and statement setting.",
    )
    customer_account_set_id = fields.Many2one(
        "account.customer.account.set",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="General ledger accounts used for this customer's transactions.",
    )
    customer_interest_profile_id = fields.Many2one(
        "account.customer.interest.profile",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="How interest is charged on this customer's overdue amounts.",
    )
    customer_billing_cycle_id = fields.Many2one(
        "account.customer.billing.cycle",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="The statement run this customer belongs to.",
    )
    customer_account_type = fields.Selection(
        [("open_item", "Open item"), ("balance_forward", "Balance forward")],
        company_dependent=True,
        help="Open item: receipts are matched to given invoices and statements list every "
        "open document. Balance forward: receipts reduce the oldest balance and statements "
        "start from the balance brought forward.",
    )
    customer_print_statements = fields.Boolean(
        company_dependent=True, help="Include this customer in statement runs."
    )
    customer_salesperson_ids = fields.One2many(
        "account.customer.group.salesperson",
        "partner_id",
        string="Salesperson Split",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Salespersons sharing this customer's sales, up to five, adding up to 100%. "
        "Copied from the customer group on joining it, until edited here.",
    )
    customer_salesperson_edited = fields.Boolean(
        string="Own Salesperson Split",
        company_dependent=True,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="The customer's salesperson lines were edited: joining another group keeps them.",
    )
    customer_group_properties = fields.Properties(
        string="Group Fields",
        definition="customer_group_id.customer_properties_definition",
        copy=True,
        help="Extra fields defined by the customer group.",
    )
    is_national_account = fields.Boolean(
        string="Is a National Account",
        help="A head office whose credit limits, interest profile and account type apply to "
        "all the customers assigned to it.",
    )
    national_account_id = fields.Many2one(
        "res.partner",
        string="Member of National Account",
        index="btree_not_null",
        domain=[("is_national_account", "=", True)],
        ondelete="restrict",
        tracking=True,
        help="Head office this customer belongs to: its credit limits, interest profile and "
        "account type replace the customer group's.",
    )
    national_account_member_ids = fields.One2many(
        "res.partner",
        "national_account_id",
        string="National Account Members",
        help="Customers assigned to this national account.",
    )
    customer_credit_limit_ids = fields.One2many(
        "account.customer.credit.limit",
        "partner_id",
        string="Own Credit Limits",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="This customer's own credit and overdue limits, per currency. They replace the "
        "group's limits of the same currency while the group allows members to edit them.",
    )
    customer_group_allow_edit_credit = fields.Boolean(
        related="customer_group_id.allow_edit_credit_limit",
        string="Group Allows Own Limits",
        groups="account.group_account_invoice,account.group_account_readonly",
    )
    customer_credit_summary = fields.Html(
        string="Effective Credit Limits",
        compute="_compute_customer_credit",
        sanitize=False,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="The limits this customer's documents are checked against, and what the "
        "customer owes, per currency.",
    )
    customer_credit_warning = fields.Text(
        string="Credit Warning",
        compute="_compute_customer_credit",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="The credit rules of its customer group that this customer breaks today.",
    )

    customer_group_inheritance = fields.Html(
        string="Inherited from the Group",
        compute="_compute_customer_group_inheritance",
        sanitize=False,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Which of the customer's group settings are inherited from its group, overridden "
        "by the customer, or locked by the group.",
    )
    # No groups: the form's read-only rules on fields every user sees (the salesperson) read it.
    customer_group_locked_fields = fields.Char(
        compute="_compute_customer_group_locked_fields",
        help="Technical: the fields the customer's group locks, between commas, which the "
        "form shows read-only.",
    )

    customer_average_days_to_pay = fields.Float(
        string="Average Days to Pay",
        compute="_compute_customer_days_to_pay",
        digits=(16, 1),
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Days from invoice date to last payment, averaged over the customer's "
        "fully paid invoices in this company.",
    )
    customer_average_days_late = fields.Float(
        string="Average Days Late",
        compute="_compute_customer_days_to_pay",
        digits=(16, 1),
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Days from each installment's due date to its payment, weighted by the installments' "
        "amounts, over the customer's fully paid invoices in this company. Negative when paid early.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "customer_group_id",
            "customer_account_set_id",
            "customer_interest_profile_id",
            "customer_billing_cycle_id",
            "customer_account_type",
            "customer_print_statements",
        ]

    @api.onchange("customer_group_id")
    def _onchange_customer_group_id(self):
        if self.customer_group_id:
            self.update(self.customer_group_id._partner_defaults())

    @api.model_create_multi
    def create(self, vals_list):
        groups = self.env["account.customer.group"].browse(
            {
                vals["customer_group_id"]
                for vals in vals_list
                if vals.get("customer_group_id")
            }
        )
        groups._check_accepts_members()
        vals_list = [
            ar_rules.apply_group_defaults(
                vals, groups.browse(vals["customer_group_id"])._partner_defaults()
            )
            if vals.get("customer_group_id")
            else vals
            for vals in vals_list
        ]
        for vals in vals_list:
            if "customer_salesperson_ids" in vals:
                vals["customer_salesperson_edited"] = True
        partners = super(
            ResPartner, self.with_context(salesperson_split_checked_by_owner=True)
        ).create(vals_list)
        partners = self.browse(partners.ids)
        for vals, partner in zip(vals_list, partners):
            if "customer_salesperson_ids" in vals:
                partner._check_salesperson_split()
                if "user_id" not in vals:
                    partner._set_user_from_salespersons()
            elif vals.get("customer_group_id"):
                partner._apply_group_salespersons(
                    groups.browse(vals["customer_group_id"])
                )
        partners._check_national_account()
        partners.filtered("national_account_id")._sync_national_account_type()
        partners._check_fiscal_position_company()
        return partners

    def write(self, vals):
        new_group = self.env["account.customer.group"]
        if "customer_group_id" in vals:
            new_group = new_group.browse(vals["customer_group_id"])
            new_group._check_accepts_members()
        self._check_not_frozen_by_archived_group(vals, new_group)
        self._check_locked_group_fields(vals, new_group)
        self._check_national_account_type_change(vals)
        if "customer_salesperson_ids" in vals:
            vals = {**vals, "customer_salesperson_edited": True}
        partners = self.with_context(salesperson_split_checked_by_owner=True)
        if not new_group:
            super(ResPartner, partners).write(vals)
            joining = self.browse()
        else:
            joining = self.filtered(
                lambda partner: partner.customer_group_id != new_group
            )
            staying = partners - joining
            if staying:
                super(ResPartner, staying).write(vals)
            if joining:
                super(ResPartner, partners & joining).write(
                    ar_rules.apply_group_defaults(vals, new_group._partner_defaults())
                )
                if "customer_salesperson_ids" not in vals:
                    joining._apply_group_salespersons(new_group)
                    # A customer that keeps its own split keeps its own salesperson too.
                    joining.filtered(
                        "customer_salesperson_edited"
                    )._set_user_from_salespersons()
        if "customer_salesperson_ids" in vals:
            self._check_salesperson_split()
            if "user_id" not in vals:
                self._set_user_from_salespersons()
        if {"national_account_id", "is_national_account"} & set(vals):
            self._check_national_account()
        if {"national_account_id", "customer_account_type", "customer_group_id"} & set(vals):
            (
                self.filtered("national_account_id") | self.national_account_member_ids
            )._sync_national_account_type()
        if {"property_account_position_id", "customer_group_id"} & set(vals):
            self._check_fiscal_position_company()
        return True

    def _customer_group_values(self):
        """This customer's values of the fields its group hands down, as the group gives them."""
        self.ensure_one()
        values = {}
        for name in ar_rules.PARTNER_FIELDS_FROM_GROUP:
            value = self[name]
            values[name] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def _rolldown_values(self, company):
        """What the roll-down compares with the group: the inherited fields, and the
        customer's own credit limits in ``company`` as ``[currency id, credit, overdue]`` lists."""
        values = self._customer_group_values()
        values["customer_credit_limit_ids"] = [
            [line.currency_id.id, line.credit_limit, line.overdue_limit]
            for line in self.sudo().customer_credit_limit_ids
            if line.company_id == company
        ]
        return values

    def _customer_group_display(self, name, value):
        """A value of one of the group's fields, as a user reads it."""
        field = self._fields[name]
        if name == "customer_credit_limit_ids":
            currencies = self.env["res.currency"]
            return "; ".join(
                self.env._(
                    "%(credit)s, overdue %(overdue)s",
                    credit=format_amount(
                        self.env, credit, currencies.browse(currency_id)
                    ),
                    overdue=format_amount(
                        self.env, overdue, currencies.browse(currency_id)
                    ),
                )
                for currency_id, credit, overdue in value
            ) or self.env._("the group's limits")
        if field.type == "many2one":
            return self.env[field.comodel_name].browse(value).display_name or "-"
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "-")
        if field.type == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        return str(value)

    def _check_locked_group_fields(self, vals, new_group):
        """A field the group locks keeps the group's value, whoever writes it (form or RPC)."""
        names = set(vals) & set(ar_rules.PARTNER_FIELD_MODES)
        if not names:
            return
        for partner in self:
            group = new_group or partner.customer_group_id
            if not group:
                continue
            defaults = group._partner_defaults()
            for name in sorted(names):
                value = vals[name]
                if (
                    group[ar_rules.PARTNER_FIELD_MODES[name]] == ar_rules.INHERIT_LOCKED
                    and name in defaults
                    and value != defaults[name]
                ):
                    label = self._fields[name].get_description(self.env)["string"]
                    raise UserError(
                        self.env._(
                            "%(field)s of %(partner)s is locked by its customer group %(group)s: it must "
                            "stay %(value)s. Change it on the group, or set the group's inheritance of "
                            "%(field)s to 'Copy at creation' or 'Follow unless overridden'.",
                            field=label,
                            partner=partner.display_name,
                            group=group.display_name,
                            value=partner._customer_group_display(name, defaults[name]),
                        )
                    )

    @api.depends(*ar_rules.PARTNER_FIELDS_FROM_GROUP, "customer_group_id")
    @api.depends_context("company")
    def _compute_customer_group_inheritance(self):
        labels = {
            ar_rules.STATUS_INHERITED: (self.env._("Inherited"), "text-bg-success"),
            ar_rules.STATUS_OVERRIDDEN: (self.env._("Overridden"), "text-bg-warning"),
            ar_rules.STATUS_LOCKED: (self.env._("Locked"), "text-bg-secondary"),
        }
        for partner in self:
            group = partner.customer_group_id
            if not group:
                partner.customer_group_inheritance = False
                continue
            defaults = group._partner_defaults()
            current = partner._customer_group_values()
            rows = []
            for name, mode_field in ar_rules.PARTNER_FIELD_MODES.items():
                status = ar_rules.inheritance_status(
                    group[mode_field], current.get(name), defaults.get(name)
                )
                label, badge = labels[status]
                rows.append(
                    Markup(
                        "<tr><td>%s</td><td><span class='badge %s'>%s</span></td></tr>"
                    )
                    % (
                        self._fields[name].get_description(self.env)["string"],
                        badge,
                        label,
                    )
                )
            partner.customer_group_inheritance = Markup(
                "<table class='table table-sm mb-0'><tbody>%s</tbody></table>"
            ) % Markup().join(rows)

    @api.depends("customer_group_id")
    @api.depends_context("company")
    def _compute_customer_group_locked_fields(self):
        for partner in self:
            group = partner.customer_group_id.sudo()
            # A locked field the group leaves empty is the customer's to fill in.
            defaults = group._partner_defaults() if group else {}
            locked = [
                name
                for name, mode_field in ar_rules.PARTNER_FIELD_MODES.items()
                if name in defaults and group[mode_field] == ar_rules.INHERIT_LOCKED
            ]
            partner.customer_group_locked_fields = (
                f",{','.join(locked)}," if locked else False
            )

    @api.depends_context("company")
    def _compute_customer_days_to_pay(self):
        figures = {}
        partners = self.filtered("id").commercial_partner_id
        if partners:
            self.env["account.move.line"].flush_model()
            self.env["account.partial.reconcile"].flush_model()
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT m.commercial_partner_id,
                           SUM(GREATEST(inst.paid_on - m.invoice_date, 0)) FILTER (WHERE inst.first),
                           COUNT(*) FILTER (WHERE inst.first),
                           SUM(ABS(inst.balance) * (inst.reconciled_on - inst.due)),
                           SUM(ABS(inst.balance))
                      FROM account_move m
                      JOIN LATERAL (
                          SELECT l.balance, COALESCE(l.date_maturity, m.invoice_date) AS due,
                                 COALESCE(MAX(apr.max_date), m.invoice_date) AS reconciled_on,
                                 MAX(MAX(apr.max_date)) OVER () AS paid_on,
                                 ROW_NUMBER() OVER () = 1 AS first
                            FROM account_move_line l
                            JOIN account_account a ON a.id = l.account_id AND a.account_type = 'asset_receivable'
                            LEFT JOIN account_partial_reconcile apr ON apr.debit_move_id = l.id
                           WHERE l.move_id = m.id
                           GROUP BY l.id
                      ) inst ON TRUE
                     WHERE m.commercial_partner_id = ANY(%s)
                       AND m.company_id = %s
                       AND m.state = 'posted'
                       AND m.move_type IN ('out_invoice', 'out_receipt')
                       AND m.payment_state IN ('paid', 'in_payment')
                     GROUP BY m.commercial_partner_id
                    """,
                    partners.ids,
                    self.env.company.id,
                )
            )
            figures = {row[0]: row[1:] for row in rows}
        for partner in self:
            days, paid, late, base = figures.get(
                partner.commercial_partner_id.id, (0, 0, 0.0, 0.0)
            )
            partner.customer_average_days_to_pay = ar_rules.average_days_to_pay(
                days or 0, paid or 0
            )
            partner.customer_average_days_late = ar_rules.average_days_late(
                float(late or 0), float(base or 0)
            )

    # ------------------------------------------------------------------
    # Salesperson split
    # ------------------------------------------------------------------

    def _customer_salesperson_lines(self):
        """This customer's salesperson lines in the current company."""
        self.ensure_one()
        return self.customer_salesperson_ids.filtered(
            lambda line: line.company_id == self.env.company
        )

    def _check_salesperson_split(self):
        splits = self.env["account.customer.group.salesperson"]
        for partner in self:
            splits._check_split(
                partner._customer_salesperson_lines(), partner.display_name
            )

    def _set_user_from_salespersons(self):
        """Odoo's salesperson of a customer is the first line of its split."""
        for partner in self:
            first = partner._customer_salesperson_lines()[:1]
            if first and partner.user_id != first.user_id:
                partner.user_id = first.user_id

    def _apply_group_salespersons(self, group):
        """A customer joining ``group`` takes its salesperson lines, unless it has its own.

        Contacts follow their company into the group but are never invoiced on
        their own account, so only commercial partners get lines.
        """
        partners = self.with_company(group.company_id).filtered(
            lambda partner: (
                partner.commercial_partner_id == partner
                and not partner.customer_salesperson_edited
            )
        )
        if not partners or not group.salesperson_ids:
            return
        lines = (
            self.env["account.customer.group.salesperson"]
            .sudo()
            .with_context(salesperson_split_checked_by_owner=True)
        )
        lines.search(
            [
                ("partner_id", "in", partners.ids),
                ("company_id", "=", group.company_id.id),
            ]
        ).unlink()
        lines.create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": group.company_id.id,
                    "sequence": line.sequence,
                    "user_id": line.user_id.id,
                    "percent": line.percent,
                }
                for partner in partners
                for line in group.salesperson_ids
            ]
        )
        partners.with_context(salesperson_split_checked_by_owner=True).write(
            {"user_id": group.salesperson_ids[0].user_id.id}
        )

    # ------------------------------------------------------------------
    # Tax group
    # ------------------------------------------------------------------

    def _check_fiscal_position_company(self):
        """Members of a group only use fiscal positions of the group's company."""
        for partner in self.filtered("customer_group_id"):
            position = partner.property_account_position_id
            company = partner.customer_group_id.company_id
            if (
                position
                and position.company_id
                and position.company_id not in company.parent_ids
            ):
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot use the fiscal position %(position)s of %(other)s: as a "
                        "member of the customer group %(group)s it may only use a fiscal position "
                        "of %(company)s.",
                        partner=partner.display_name,
                        position=position.display_name,
                        other=position.company_id.display_name,
                        group=partner.customer_group_id.display_name,
                        company=company.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # National accounts
    # ------------------------------------------------------------------

    def _check_national_account(self):
        for partner in self:
            head = partner.national_account_id
            if partner.is_national_account and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be a national account: only a company can. Tick "
                        "'Is a Company' first.",
                        partner=partner.display_name,
                    )
                )
            if not head:
                continue
            if not head.is_national_account:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be assigned to %(head)s, which is not a national account. "
                        "Flag %(head)s as national account first.",
                        partner=partner.display_name,
                        head=head.display_name,
                    )
                )
            if head == partner or partner.is_national_account:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a national account itself and cannot belong to another one. "
                        "Clear its national account.",
                        partner=partner.display_name,
                    )
                )
        for head in self.filtered(lambda partner: not partner.is_national_account):
            if head.national_account_member_ids:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot stop being a national account while %(count)s customers "
                        "are assigned to it (%(members)s). Assign them elsewhere first.",
                        partner=head.display_name,
                        count=len(head.national_account_member_ids),
                        members=", ".join(
                            head.national_account_member_ids[:5].mapped("display_name")
                        ),
                    )
                )

    def _check_national_account_type_change(self, vals):
        if "customer_account_type" not in vals or self.env.context.get(
            "national_account_type_sync"
        ):
            return
        heads = (
            self.env["res.partner"].browse(vals["national_account_id"])
            if vals.get("national_account_id")
            else None
        )
        for partner in self:
            head = partner.national_account_id if heads is None else heads
            if head and head.customer_account_type and vals["customer_account_type"] != head.customer_account_type:
                raise UserError(
                    self.env._(
                        "%(partner)s belongs to the national account %(head)s and cannot change its "
                        "account type: it uses the national account's (%(type)s). Change it on "
                        "%(head)s, or remove the customer from the national account first.",
                        partner=partner.display_name,
                        head=head.display_name,
                        type=dict(
                            self._fields["customer_account_type"]._description_selection(
                                self.env
                            )
                        )[head.customer_account_type],
                    )
                )

    def _sync_national_account_type(self):
        """Members always have the account type of their national account."""
        for partner in self:
            head = partner.national_account_id
            if head.customer_account_type and partner.customer_account_type != head.customer_account_type:
                partner.with_context(
                    national_account_type_sync=True
                ).customer_account_type = head.customer_account_type

    def _check_not_frozen_by_archived_group(self, vals, new_group):
        """Sage: a customer of an inactive group can only be moved to another group."""
        if all(
            name in _TECHNICAL_PARTNER_FIELDS
            or name.startswith(_TECHNICAL_PARTNER_PREFIXES)
            for name in vals
        ):
            return
        if new_group.active:
            return
        frozen = self.filtered(
            lambda partner: (
                partner.customer_group_id and not partner.customer_group_id.active
            )
        )
        if frozen:
            raise UserError(
                self.env._(
                    "%(partners)s belongs to the archived customer group %(group)s and cannot be "
                    "changed. Move it to an active customer group, or restore the group first.",
                    partners=", ".join(frozen[:5].mapped("display_name")),
                    group=frozen[0].customer_group_id.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Credit rules
    # ------------------------------------------------------------------

    def _credit_commercial_partner(self, company, field_names=()):
        """The commercial partner whose credit is checked, read as a superuser in ``company``.

        Credit rules are company policy, applied whatever the user's rights;
        only the columns the check needs (``field_names``) are read, as it runs
        on every change of an invoice being entered.
        """
        needed = ["commercial_partner_id", *field_names]
        partner = self.sudo().with_company(company)
        partner.fetch(needed)
        if partner.commercial_partner_id != partner:
            partner = partner.commercial_partner_id
            partner.fetch(needed)
        return partner

    @api.readonly
    def get_effective_credit_limits(self):
        """The customer's effective credit rules and what it owes, per currency, in the current
        company: a list of dicts, for integrations (XML-RPC / JSON-2) and reports."""
        self.ensure_one()
        self.check_access("read")
        company = self.env.company
        result = []
        for currency, rule in self._get_credit_rules(company).items():
            outstanding, overdue = self._get_credit_exposure(
                company, currency, rule.overdue_days, pooled=rule.pooled
            )
            result.append(
                {
                    "currency": currency.name,
                    "credit_limit": rule.credit_limit,
                    "overdue_limit": rule.overdue_limit,
                    "overdue_days": rule.overdue_days,
                    "check_credit_limit": rule.check_credit_limit,
                    "check_overdue": rule.check_overdue,
                    "pooled": rule.pooled,
                    "outstanding": outstanding,
                    "overdue": overdue,
                }
            )
        return result

    def _get_credit_rules(self, company=None):
        """Effective credit rules of this customer in ``company``, by currency.

        The one place where a customer's limits are resolved: the checks on
        invoices and on the customer form all ask this method. The customer
        group gives the checks, the overdue days and a line per currency; the
        customer's own line of a currency wins while the group allows members
        to edit their limit. Extend this method (e.g. for national accounts,
        whose limits win over the group's) rather than the callers.

        :return: dict mapping ``res.currency`` records to ``ar_rules.CreditRule``;
                 a currency without a line is not checked.
        """
        self.ensure_one()
        company = company or self.env.company
        partner = self._credit_commercial_partner(company, ["customer_group_id"])
        head = partner._credit_national_account()
        # The head office's group sets the checks for all its members.
        group = head.customer_group_id or partner.customer_group_id
        if not group:
            return {}
        group.fetch(
            [
                "allow_edit_credit_limit",
                "check_credit_limit",
                "check_overdue",
                "overdue_days",
            ]
        )
        group_limits, own_limits = {}, {}
        for line in (
            self.env["account.customer.credit.limit"]
            .sudo()
            .search_fetch(
                Domain("group_id", "=", group.id)
                | Domain(
                    [("partner_id", "=", partner.id), ("company_id", "=", company.id)]
                ),
                ["group_id", "currency_id", "credit_limit", "overdue_limit", "pooled"],
            )
        ):
            limits = group_limits if line.group_id else own_limits
            limits[line.currency_id] = (
                line.credit_limit,
                line.overdue_limit,
                line.pooled,
            )
        limits = ar_rules.resolve_credit_limits(
            group_limits, own_limits, group.allow_edit_credit_limit
        )
        if head:
            # A national account's limits win, in every currency it has a line for; they
            # already cover all its members, so they are never pooled over the group.
            limits.update(
                (currency, (credit, overdue, False))
                for currency, (credit, overdue) in head._national_account_limits(
                    company
                ).items()
            )
        return {
            currency: ar_rules.CreditRule(
                credit_limit=credit_limit,
                overdue_limit=overdue_limit,
                overdue_days=group.overdue_days,
                check_credit_limit=group.check_credit_limit,
                check_overdue=group.check_overdue,
                pooled=pooled,
            )
            for currency, (credit_limit, overdue_limit, pooled) in limits.items()
        }

    def _credit_national_account(self):
        """The national account whose limits this (commercial) customer falls under, if any."""
        self.fetch(["is_national_account", "national_account_id"])
        return self if self.is_national_account else self.national_account_id

    def _national_account_limits(self, company):
        """This national account's own limits in ``company``: {currency: (credit, overdue)}."""
        return {
            line.currency_id: (line.credit_limit, line.overdue_limit)
            for line in self.env["account.customer.credit.limit"]
            .sudo()
            .search_fetch(
                [("partner_id", "=", self.id), ("company_id", "=", company.id)],
                ["currency_id", "credit_limit", "overdue_limit"],
            )
        }

    def _credit_exposure_partners(self, company, currency):
        """Commercial partners whose open items make up this customer's exposure in ``currency``.

        Under a national account with a limit in that currency, the exposure is
        the head office's and all its members'.
        """
        head = self._credit_national_account()
        if not head or currency not in head._national_account_limits(company):
            return self
        return head | self.with_context(active_test=False).search(
            [("national_account_id", "=", head.id)]
        )

    def _get_credit_exposure(
        self, company, currency, overdue_days, exclude_move=None, pooled=False
    ):
        """What this customer owes in ``currency``: ``(outstanding, overdue)``.

        Outstanding is the open residual of the posted receivables (unapplied
        receipts and credit notes reduce it), plus the draft customer documents
        when the company counts pending transactions; ``exclude_move`` (the
        document being entered) is left out of them, its caller adds it.
        Overdue is the open residual of the posted items due ``overdue_days``
        days ago or earlier. One query, grouped by due date, whatever the
        number of open items. ``pooled`` sums what every member of the
        customer's group owes, for a limit set on the group as a whole.
        """
        self.ensure_one()
        partner = self._credit_commercial_partner(company)
        if pooled and partner.customer_group_id:
            partners = partner.customer_group_id.with_company(company).member_ids
        else:
            partners = partner._credit_exposure_partners(company, currency)
        open_by_due_date = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", company.id),
                    ("currency_id", "=", currency.id),
                    ("parent_state", "=", "posted"),
                    ("account_id.account_type", "=", "asset_receivable"),
                    ("reconciled", "=", False),
                ],
                ["date_maturity:day"],
                ["amount_residual_currency:sum"],
            )
        )
        outstanding, overdue = ar_rules.split_overdue(
            open_by_due_date, fields.Date.context_today(self), overdue_days
        )
        company = company.sudo()
        company.fetch(["customer_group_credit_include_pending"])
        if company.customer_group_credit_include_pending:
            outstanding += partners._get_credit_pending(company, currency, exclude_move)
        return outstanding, overdue

    def _get_credit_pending(self, company, currency, exclude_move=None):
        """Total of the customer's documents not posted yet, in ``currency``.

        Counted only when the company includes pending transactions in credit
        checks; extend it to count other pending documents, e.g. sale orders.
        """
        domain = Domain(
            [
                ("commercial_partner_id", "in", self.ids),
                ("company_id", "=", company.id),
                ("currency_id", "=", currency.id),
                ("state", "=", "draft"),
                ("move_type", "in", ("out_invoice", "out_refund", "out_receipt")),
            ]
        )
        if exclude_move:
            domain &= Domain("id", "not in", exclude_move.ids)
        [[pending]] = (
            self.env["account.move"]
            .sudo()
            ._read_group(domain, [], ["amount_total_in_currency_signed:sum"])
        )
        return pending

    def _credit_breach_messages(self, breaches, currency, rule):
        """One sentence per broken rule, in the words of the Sage credit check."""
        messages = []
        debtor = self.commercial_partner_id.name
        if rule.pooled:
            debtor = self.env._(
                "%(partner)s (group %(group)s, pooled limit)",
                partner=debtor,
                group=self.commercial_partner_id.customer_group_id.display_name,
            )
        for breach in breaches:
            if breach.kind == ar_rules.BREACH_OUTSTANDING:
                messages.append(
                    self.env._(
                        "%(partner)s: outstanding %(amount)s exceeds the limit %(limit)s in "
                        "%(currency)s by %(excess)s.",
                        partner=debtor,
                        amount=format_amount(self.env, breach.amount, currency),
                        limit=format_amount(self.env, breach.limit, currency),
                        currency=currency.name,
                        excess=format_amount(self.env, breach.excess, currency),
                    )
                )
            else:
                messages.append(
                    self.env._(
                        "%(partner)s: overdue amount %(amount)s (%(days)s days and older) "
                        "exceeds %(limit)s.",
                        partner=debtor,
                        amount=format_amount(self.env, breach.amount, currency),
                        days=rule.overdue_days,
                        limit=format_amount(self.env, breach.limit, currency),
                    )
                )
        return messages

    def _get_credit_warning(self, company, currency, amount=0.0, exclude_move=None):
        """The warning for a new document of ``amount`` in ``currency``, or ''."""
        self.ensure_one()
        rule = self._get_credit_rules(company).get(currency)
        if not rule:
            return ""
        outstanding, overdue = self._get_credit_exposure(
            company, currency, rule.overdue_days, exclude_move, pooled=rule.pooled
        )
        breaches = ar_rules.credit_breaches(
            rule, outstanding + amount, overdue, currency.rounding
        )
        return "\n".join(self._credit_breach_messages(breaches, currency, rule))

    @api.depends(
        "customer_group_id",
        "national_account_id",
        "customer_credit_limit_ids.credit_limit",
        "customer_credit_limit_ids.overdue_limit",
    )
    @api.depends_context("company")
    def _compute_customer_credit(self):
        company = self.env.company
        for partner in self:
            rows, warnings = [], []
            origin = partner._origin
            for currency, rule in (
                origin._get_credit_rules(company).items() if origin else []
            ):
                outstanding, overdue = origin._get_credit_exposure(
                    company, currency, rule.overdue_days, pooled=rule.pooled
                )
                warnings += origin._credit_breach_messages(
                    ar_rules.credit_breaches(
                        rule, outstanding, overdue, currency.rounding
                    ),
                    currency,
                    rule,
                )
                rows.append(
                    Markup(
                        "<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s</td>"
                        "<td class='text-end'>%s</td><td class='text-end'>%s</td></tr>"
                    )
                    % (
                        currency.name,
                        format_amount(self.env, rule.credit_limit, currency)
                        if rule.check_credit_limit
                        else "-",
                        format_amount(self.env, outstanding, currency),
                        format_amount(self.env, rule.overdue_limit, currency)
                        if rule.check_overdue
                        else "-",
                        format_amount(self.env, overdue, currency),
                    )
                )
            partner.customer_credit_warning = "\n".join(warnings)
            partner.customer_credit_summary = (
                Markup(
                    "<table class='table table-sm'><thead><tr><th>%s</th><th class='text-end'>%s</th>"
                    "<th class='text-end'>%s</th><th class='text-end'>%s</th><th class='text-end'>%s</th>"
                    "</tr></thead><tbody>%s</tbody></table>"
                )
                % (
                    self.env._("Currency"),
                    self.env._("Credit Limit"),
                    self.env._("Outstanding"),
                    self.env._("Overdue Limit"),
                    self.env._("Overdue"),
                    Markup().join(rows),
                )
                if rows
                else False
            )

    def _get_interest_profile(self):
        """Interest profile that applies to this customer in the current company.

        The national account's profile first, then the customer's own, then
        its group's.
        """
        self.ensure_one()
        partner = self.commercial_partner_id
        head = partner.national_account_id
        return (
            head.customer_interest_profile_id
            or head.customer_group_id.interest_profile_id
            or partner.customer_interest_profile_id
            or partner.customer_group_id.interest_profile_id
        )

    def _get_statement_currency(self):
        """Currency the customer's statements are printed in: its group's, else the company's."""
        self.ensure_one()
        return (
            self.commercial_partner_id.customer_group_id.currency_id
            or self.env.company.currency_id
        )
