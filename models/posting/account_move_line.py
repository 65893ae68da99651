from odoo import api, models
from odoo.fields import Domain


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _customer_receivable_domain(self, company):
        """The posted journal items on the receivable accounts of ``company``: what
        statements and interest charges read of a customer's account."""
        return Domain(
            [
                ("company_id", "=", company.id),
                ("account_type", "=", "asset_receivable"),
                ("parent_state", "=", "posted"),
            ]
        )
