from odoo import api, models
from odoo.exceptions import UserError

# Writes the ORM does on its own behalf (ranking, chatter, activities) while a
# customer sits in an archived group; the guard must not break them.
_TECHNICAL_PARTNER_FIELDS = {"customer_rank", "supplier_rank"}
_TECHNICAL_PARTNER_PREFIXES = ("message_", "activity_", "website_message")


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _check_customer_group_create(self, vals_list):
        self.env["account.customer.group"].browse(
            {
                vals["customer_group_id"]
                for vals in vals_list
                if vals.get("customer_group_id")
            }
        )._check_accepts_members()
        return super()._check_customer_group_create(vals_list)

    def _check_customer_group_write(self, vals, new_group):
        new_group._check_accepts_members()
        self._check_not_frozen_by_archived_group(vals, new_group)
        return super()._check_customer_group_write(vals, new_group)

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
