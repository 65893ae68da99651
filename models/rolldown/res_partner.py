from odoo import models
from odoo.tools import format_amount


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

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
        if name != "customer_credit_limit_ids":
            return super()._customer_group_display(name, value)
        currencies = self.env["res.currency"]
        return "; ".join(
            self.env._(
                "%(credit)s, overdue %(overdue)s",
                credit=format_amount(self.env, credit, currencies.browse(currency_id)),
                overdue=format_amount(
                    self.env, overdue, currencies.browse(currency_id)
                ),
            )
            for currency_id, credit, overdue in value
        ) or self.env._("the group's limits")
