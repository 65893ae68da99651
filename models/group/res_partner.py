from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError

from ...rules import codes, handed_down, inheritance
from ..mixins.account_customer_typed_values_mixin import check_value_kinds
from .account_customer_group import ACCOUNT_TYPES

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
        for vals in vals_list:
            self._check_customer_value_kinds(vals)
        self._check_customer_group_create(vals_list)
        groups = self.env["account.customer.group"]
        for vals in vals_list:
            if vals.get("customer_group_id"):
                self._check_locked_values(
                    vals, groups.browse(vals["customer_group_id"]), vals.get("name")
                )
        vals_list = [
            codes.apply_group_defaults(
                vals, groups.browse(vals["customer_group_id"])._partner_defaults()
            )
            if vals.get("customer_group_id")
            else vals
            for vals in vals_list
        ]
        partners = super().create(vals_list)
        self.browse(partners.ids)._customer_group_created(vals_list)
        return partners

    def write(self, vals):
        self._check_customer_value_kinds(vals)
        new_group = self.env["account.customer.group"]
        if "customer_group_id" in vals:
            new_group = new_group.browse(vals["customer_group_id"])
        self._check_customer_group_write(vals, new_group)
        if not new_group:
            return super().write(vals)
        joining = self.filtered(lambda partner: partner.customer_group_id != new_group)
        staying = self - joining
        if staying:
            super(ResPartner, staying).write(vals)
        if joining:
            super(ResPartner, joining).write(
                vals
                if self.env.context.get(KEEP_OWN_VALUES)
                else codes.apply_group_defaults(vals, new_group._partner_defaults())
            )
            joining._customer_group_joined(new_group, vals)
        return True

    # The steps of create and write that need the group's defaults applied, or the
    # values as the caller gave them: the features extend these methods rather than
    # create and write, so that the order holds whatever the order their files load.

    def _check_customer_value_kinds(self, vals):
        """Refuse values of the wrong kind for the fields the addon adds or hands
        down, which its code reads before the ORM would check them."""
        handed_down_fields = self._customer_group_fields()
        check_value_kinds(
            self,
            vals,
            [
                name
                for name in vals
                if name in handed_down_fields
                or getattr(self._fields.get(name), "_module", None)
                == "account_customer_group"
            ],
        )

    @api.model
    def _check_customer_group_create(self, vals_list):
        """Refuse a create, given the values as the caller gave them (before the
        group's defaults join them)."""

    def _check_customer_group_write(self, vals, new_group):
        """Refuse a write, given the values as the caller gave them (before the
        group's defaults join them) and ``new_group``, the group the customers join
        (empty when the write changes no group)."""
        self._check_locked_group_fields(vals, new_group)

    def _customer_group_created(self, vals_list):
        """Complete the customers just created from ``vals_list``, the values written:
        the caller's, with the defaults of the group each joined."""

    def _customer_group_joined(self, group, vals):
        """Complete the customers that have just joined ``group`` by a write of
        ``vals`` (as the caller gave them)."""

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

    # rules/handed_down.py's table and its maps, as methods: a module handing down a
    # field of its own extends the table, as modules extend _commercial_fields.
    @api.model
    def _customer_group_handed_down(self):
        """What a customer group hands down to its members: ``HANDED_DOWN``, and the
        entries of the modules that extend it with ``super() + (HandedDown(...),)``
        (declaring their entries' ``<setting>_mode`` field on the group and
        ``apply_<setting>`` option on the Assign wizard)."""
        return handed_down.HANDED_DOWN

    @api.model
    def _customer_group_fields(self):
        """Customer field -> group field it comes from: the defaults a customer group
        hands down to its members (``account.customer.group._partner_defaults``)."""
        return handed_down.group_fields(self._customer_group_handed_down())

    @api.model
    def _customer_group_mode_fields(self):
        """Customer field -> group field holding its inheritance mode (copy at
        creation, follow unless overridden, locked)."""
        return handed_down.mode_fields(self._customer_group_handed_down())

    @api.model
    def _customer_group_boolean_fields(self):
        """Group fields of ``_customer_group_fields`` whose False is a choice rather
        than "no value", so that it is handed down too."""
        return handed_down.boolean_group_fields(self._customer_group_handed_down())

    def _customer_group_values(self):
        """This customer's values of the fields its group hands down, as the group gives
        them."""
        self.ensure_one()
        values = {}
        for name in self._customer_group_fields():
            value = self[name]
            values[name] = value.id if isinstance(value, models.BaseModel) else value
        return values

    def _customer_group_display(self, name, value):
        """A value of one of the group's fields, as a user reads it."""
        field = self._fields[name]
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
        if not set(vals) & set(self._customer_group_mode_fields()):
            return
        for partner in self:
            group = new_group or partner.customer_group_id
            if group:
                partner._check_locked_values(vals, group, partner.display_name)

    def _check_locked_values(self, vals, group, partner_name):
        """Refuse a value of ``vals`` other than ``group``'s for a field it locks, on
        the customer named ``partner_name`` (being created, or written)."""
        modes = self._customer_group_mode_fields()
        names = set(vals) & set(modes)
        if not names:
            return
        defaults = group._partner_defaults()
        for name in sorted(names):
            if (
                group[modes[name]] == inheritance.INHERIT_LOCKED
                and name in defaults
                and vals[name] != defaults[name]
            ):
                label = self._fields[name].get_description(self.env)["string"]
                raise UserError(
                    self.env._(
                        "%(field)s of %(partner)s is locked by its customer group "
                        "%(group)s: it must stay %(value)s. Change it on the "
                        "group, or set the group's inheritance of %(field)s to "
                        "'Copy at creation' or 'Follow unless overridden'.",
                        field=label,
                        partner=partner_name or self.env._("a new customer"),
                        group=group.display_name,
                        value=self._customer_group_display(name, defaults[name]),
                    )
                )

    def _get_statement_currency(self):
        """Currency the customer's statements are printed in: its group's, else the
        company's."""
        self.ensure_one()
        return (
            self.commercial_partner_id.customer_group_id.currency_id
            or self.env.company.currency_id
        )
