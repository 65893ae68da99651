from odoo import models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        self._check_customer_group_active()
        return super()._post(soft=soft)

    def _check_customer_group_active(self):
        """Sage: no new transactions for the customers of an inactive group."""
        for move in self.filtered(lambda m: m.is_sale_document(include_receipts=True) and m.partner_id):
            group = move.commercial_partner_id.with_company(move.company_id).customer_group_id
            if group and not group.active:
                raise UserError(
                    self.env._(
                        "%(move)s cannot be posted: its customer %(partner)s belongs to the archived "
                        "customer group %(group)s. Move the customer to an active group, or restore "
                        "the group.",
                        move=move.display_name,
                        partner=move.commercial_partner_id.display_name,
                        group=group.display_name,
                    )
                )
