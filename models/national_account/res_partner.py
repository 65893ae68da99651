from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    is_national_account = fields.Boolean(
        string="Is a National Account",
        help="A head office whose credit limits, interest profile and account type "
        "apply to all the customers assigned to it.",
    )
    national_account_id = fields.Many2one(
        "res.partner",
        string="Member of National Account",
        index="btree_not_null",
        domain=[("is_national_account", "=", True)],
        ondelete="restrict",
        tracking=True,
        help="Head office this customer belongs to: its credit limits, interest "
        "profile and account type replace the customer group's.",
    )
    national_account_member_ids = fields.One2many(
        "res.partner",
        "national_account_id",
        string="National Account Members",
        help="Customers assigned to this national account.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._check_national_account()
        partners.filtered("national_account_id")._sync_national_account_type()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if {"national_account_id", "is_national_account"} & set(vals):
            self._check_national_account()
        if {"national_account_id", "customer_account_type", "customer_group_id"} & set(
            vals
        ):
            (
                self.filtered("national_account_id") | self.national_account_member_ids
            )._sync_national_account_type()
        return result

    def _check_customer_group_write(self, vals, new_group):
        # On the account type as the caller gave it: the one a group hands down to a
        # member joining it gives way to the national account's.
        self._check_national_account_type_change(vals)
        return super()._check_customer_group_write(vals, new_group)

    def _check_national_account(self):
        for partner in self:
            head = partner.national_account_id
            if partner.is_national_account and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be a national account: only a company can. "
                        "Tick 'Is a Company' first.",
                        partner=partner.display_name,
                    )
                )
            if not head:
                continue
            if not head.is_national_account:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be assigned to %(head)s, which is not a "
                        "national account. Flag %(head)s as national account first.",
                        partner=partner.display_name,
                        head=head.display_name,
                    )
                )
            if head == partner or partner.is_national_account:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a national account itself and cannot belong to "
                        "another one. Clear its national account.",
                        partner=partner.display_name,
                    )
                )
        for head in self.filtered(lambda partner: not partner.is_national_account):
            if head.national_account_member_ids:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot stop being a national account while "
                        "%(count)s customers are assigned to it (%(members)s). Assign "
                        "them elsewhere first.",
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
            if (
                head
                and head.customer_account_type
                and vals["customer_account_type"] != head.customer_account_type
            ):
                raise UserError(
                    self.env._(
                        "%(partner)s belongs to the national account %(head)s and "
                        "cannot change its account type: it uses the national "
                        "account's (%(type)s). Change it on %(head)s, or remove the "
                        "customer from the national account first.",
                        partner=partner.display_name,
                        head=head.display_name,
                        type=dict(
                            self._fields[
                                "customer_account_type"
                            ]._description_selection(self.env)
                        )[head.customer_account_type],
                    )
                )

    def _sync_national_account_type(self):
        """Members always have the account type of their national account."""
        for partner in self:
            head = partner.national_account_id
            if (
                head.customer_account_type
                and partner.customer_account_type != head.customer_account_type
            ):
                partner.with_context(
                    national_account_type_sync=True
                ).customer_account_type = head.customer_account_type
