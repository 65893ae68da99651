from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from ..rules import codes, inheritance
from .account_customer_group import ACCOUNT_TYPES

# Writes the ORM does on its own behalf (ranking, chatter, activities) while a
# customer sits in an archived group; the guard must not break them.
_TECHNICAL_PARTNER_FIELDS = {"customer_rank", "supplier_rank"}
_TECHNICAL_PARTNER_PREFIXES = ("message_", "activity_", "website_message")
# Context key of a caller whose customers join a group keeping every value it does
# not write (the Assign Customer Groups wizard): the group's defaults fill nothing.
# Writing each customer's own values back instead would re-check every one of them.
KEEP_OWN_VALUES = "customer_group_keep_own_values"


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
        help="Choosing a group gives the customer its receivable account, payment "
        "terms, interest profile, billing cycle, account type and statement setting.",
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
        ACCOUNT_TYPES,
        company_dependent=True,
        help="Open item: receipts are matched to given invoices and statements list "
        "every open document. Balance forward: receipts reduce the oldest balance and "
        "statements start from the balance brought forward.",
    )
    customer_print_statements = fields.Boolean(
        company_dependent=True, help="Include this customer in statement runs."
    )
    customer_group_properties = fields.Properties(
        string="Group Fields",
        definition="customer_group_id.customer_properties_definition",
        copy=True,
        help="Extra fields defined by the customer group.",
    )
    customer_group_inheritance = fields.Html(
        string="Inherited from the Group",
        compute="_compute_customer_group_inheritance",
        sanitize=False,
        groups="account.group_account_invoice,account.group_account_readonly",
        help="Which of the customer's group settings are inherited from its group, "
        "overridden by the customer, or locked by the group.",
    )
    # No groups: the form's read-only rules on fields every user sees (the salesperson)
    # read it.
    customer_group_locked_fields = fields.Json(
        compute="_compute_customer_group_locked_fields",
        help="Technical: the list of the fields the customer's group locks, which the "
        "form shows read-only.",
    )

    @api.depends(lambda self: [*self._customer_group_fields(), "customer_group_id"])
    @api.depends_context("company")
    def _compute_customer_group_inheritance(self):
        labels = {
            inheritance.STATUS_INHERITED: (self.env._("Inherited"), "text-bg-success"),
            inheritance.STATUS_OVERRIDDEN: (
                self.env._("Overridden"),
                "text-bg-warning",
            ),
            inheritance.STATUS_LOCKED: (self.env._("Locked"), "text-bg-secondary"),
        }
        for partner in self:
            group = partner.customer_group_id
            if not group:
                partner.customer_group_inheritance = False
                continue
            defaults = group._partner_defaults()
            current = partner._customer_group_values()
            rows = []
            for name, mode_field in self._customer_group_mode_fields().items():
                status = inheritance.inheritance_status(
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
                for name, mode_field in self._customer_group_mode_fields().items()
                if name in defaults and group[mode_field] == inheritance.INHERIT_LOCKED
            ]
            partner.customer_group_locked_fields = locked

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
            codes.apply_group_defaults(
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
        for vals, partner in zip(vals_list, partners, strict=True):
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
                    vals
                    if self.env.context.get(KEEP_OWN_VALUES)
                    else codes.apply_group_defaults(vals, new_group._partner_defaults())
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
        if {"national_account_id", "customer_account_type", "customer_group_id"} & set(
            vals
        ):
            (
                self.filtered("national_account_id") | self.national_account_member_ids
            )._sync_national_account_type()
        if {"property_account_position_id", "customer_group_id"} & set(vals):
            self._check_fiscal_position_company()
        return True

    def _check_company(self, fnames=None):
        # A caller joining many customers to one group (KEEP_OWN_VALUES) writes the
        # same group on all of them, and the check of a company-dependent field
        # depends on its value and the current company only: once is enough.
        if (
            self.env.context.get(KEEP_OWN_VALUES)
            and fnames
            and "customer_group_id" in fnames
            and len(self.sudo().customer_group_id) <= 1
        ):
            super(ResPartner, self[:1])._check_company(["customer_group_id"])
            fnames = [name for name in fnames if name != "customer_group_id"]
        return super()._check_company(fnames)

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

    @api.model
    def _customer_group_fields(self):
        """Customer field -> group field it comes from: the defaults a customer group
        hands down to its members.

        A module adding a field the members inherit from their group extends this
        dict (and ``_customer_group_mode_fields``, and
        ``_customer_group_boolean_fields`` for a boolean), as modules extend
        ``_commercial_fields``; ``account.customer.group._partner_defaults`` gives
        the group's values.
        """
        return {
            "property_account_receivable_id": "receivable_account_id",
            "property_payment_term_id": "payment_term_id",
            "customer_account_set_id": "account_set_id",
            "customer_interest_profile_id": "interest_profile_id",
            "customer_billing_cycle_id": "billing_cycle_id",
            "customer_account_type": "account_type",
            "customer_print_statements": "print_statements",
            "property_account_position_id": "fiscal_position_id",
            "user_id": "user_id",
        }

    @api.model
    def _customer_group_mode_fields(self):
        """Customer field -> group field holding its inheritance mode (copy at
        creation, follow unless overridden, locked).

        The receivable account comes with the account set, so it shares the
        account set's mode. A module adding an inherited field extends this dict
        along with ``_customer_group_fields``.
        """
        return {
            "property_account_receivable_id": "account_set_mode",
            "property_payment_term_id": "payment_term_mode",
            "customer_account_set_id": "account_set_mode",
            "customer_interest_profile_id": "interest_profile_mode",
            "customer_billing_cycle_id": "billing_cycle_mode",
            "customer_account_type": "account_type_mode",
            "customer_print_statements": "print_statements_mode",
            "property_account_position_id": "fiscal_position_mode",
            "user_id": "user_mode",
        }

    @api.model
    def _customer_group_boolean_fields(self):
        """Group fields of ``_customer_group_fields`` whose False is a choice rather
        than "no value", so that it is handed down too. A module adding an
        inherited boolean field extends this set."""
        return {"print_statements"}

    def _customer_group_values(self):
        """This customer's values of the fields its group hands down, as the group gives
        them."""
        self.ensure_one()
        values = {}
        for name in self._customer_group_fields():
            value = self[name]
            values[name] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def _rolldown_values(self, company):
        """What the roll-down compares with the group: the inherited fields, and the
        customer's own credit limits in ``company`` as ``[currency id, credit,
        overdue]`` lists."""
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
        """A field the group locks keeps the group's value, whoever writes it (form or
        RPC)."""
        modes = self._customer_group_mode_fields()
        names = set(vals) & set(modes)
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
                    group[modes[name]] == inheritance.INHERIT_LOCKED
                    and name in defaults
                    and value != defaults[name]
                ):
                    label = self._fields[name].get_description(self.env)["string"]
                    raise UserError(
                        self.env._(
                            "%(field)s of %(partner)s is locked by its customer group "
                            "%(group)s: it must stay %(value)s. Change it on the "
                            "group, or set the group's inheritance of %(field)s to "
                            "'Copy at creation' or 'Follow unless overridden'.",
                            field=label,
                            partner=partner.display_name,
                            group=group.display_name,
                            value=partner._customer_group_display(name, defaults[name]),
                        )
                    )

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
                    "%(partners)s belongs to the archived customer group %(group)s and "
                    "cannot be changed. Move it to an active customer group, or "
                    "restore the group first.",
                    partners=", ".join(frozen[:5].mapped("display_name")),
                    group=frozen[0].customer_group_id.display_name,
                )
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
        """Currency the customer's statements are printed in: its group's, else the
        company's."""
        self.ensure_one()
        return (
            self.commercial_partner_id.customer_group_id.currency_id
            or self.env.company.currency_id
        )
