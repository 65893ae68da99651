from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
