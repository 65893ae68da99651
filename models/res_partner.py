from odoo import _, api, fields, models
from odoo.exceptions import UserError

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
        string="Customer Group",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
        help="Choosing a group gives the customer its receivable account, payment terms, "
        "interest profile, billing cycle, account type and statement setting.",
    )
    account_set_id = fields.Many2one(
        "account.customer.account.set",
        string="Account Set",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="General ledger accounts used for this customer's transactions.",
    )
    interest_profile_id = fields.Many2one(
        "account.customer.interest.profile",
        string="Interest Profile",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="How interest is charged on this customer's overdue amounts.",
    )
    billing_cycle_id = fields.Many2one(
        "account.customer.billing.cycle",
        string="Billing Cycle",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="The statement run this customer belongs to.",
    )
    account_type = fields.Selection(
        [("open_item", "Open item"), ("balance_forward", "Balance forward")],
        string="Account Type",
        company_dependent=True,
        help="Open item: receipts are matched to given invoices and statements list every "
        "open document. Balance forward: receipts reduce the oldest balance and statements "
        "start from the balance brought forward.",
    )
    print_statements = fields.Boolean(
        company_dependent=True, help="Include this customer in statement runs."
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "customer_group_id",
            "account_set_id",
            "interest_profile_id",
            "billing_cycle_id",
            "account_type",
            "print_statements",
        ]

    @api.onchange("customer_group_id")
    def _onchange_customer_group_id(self):
        if self.customer_group_id:
            self.update(self.customer_group_id._partner_defaults())

    @api.model_create_multi
    def create(self, vals_list):
        groups = self.env["account.customer.group"].browse(
            {vals["customer_group_id"] for vals in vals_list if vals.get("customer_group_id")}
        )
        groups._check_accepts_members()
        vals_list = [
            ar_rules.apply_group_defaults(vals, groups.browse(vals["customer_group_id"])._partner_defaults())
            if vals.get("customer_group_id")
            else vals
            for vals in vals_list
        ]
        return super().create(vals_list)

    def write(self, vals):
        new_group = self.env["account.customer.group"]
        if "customer_group_id" in vals:
            new_group = new_group.browse(vals["customer_group_id"])
            new_group._check_accepts_members()
        self._check_not_frozen_by_archived_group(vals, new_group)
        if not new_group:
            return super().write(vals)
        joining = self.filtered(lambda partner: partner.customer_group_id != new_group)
        staying = self - joining
        if staying:
            super(ResPartner, staying).write(vals)
        if joining:
            super(ResPartner, joining).write(
                ar_rules.apply_group_defaults(vals, new_group._partner_defaults())
            )
        return True

    def _check_not_frozen_by_archived_group(self, vals, new_group):
        """Sage: a customer of an inactive group can only be moved to another group."""
        if all(
            name in _TECHNICAL_PARTNER_FIELDS or name.startswith(_TECHNICAL_PARTNER_PREFIXES)
            for name in vals
        ):
            return
        if new_group.active:
            return
        frozen = self.filtered(
            lambda partner: partner.customer_group_id and not partner.customer_group_id.active
        )
        if frozen:
            raise UserError(
                _(
                    "%(partners)s belongs to the archived customer group %(group)s and cannot be "
                    "changed. Move it to an active customer group, or restore the group first.",
                    partners=", ".join(frozen[:5].mapped("display_name")),
                    group=frozen[0].customer_group_id.display_name,
                )
            )

    def _get_interest_profile(self):
        """Interest profile that applies to this customer in the current company.

        The customer's own profile, else its group's. National accounts, once
        they exist, override this so that the head office's profile wins.
        """
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner.interest_profile_id or partner.customer_group_id.interest_profile_id

    def _get_statement_currency(self):
        """Currency the customer's statements are printed in: its group's, else the company's."""
        self.ensure_one()
        return self.commercial_partner_id.customer_group_id.currency_id or self.env.company.currency_id
