from odoo import api, fields, models


class AccountCustomerCreditLimit(models.Model):
    _inherit = "account.customer.credit.limit"  # pylint: disable=consider-merging-classes-inherited

    outstanding = fields.Monetary(
        compute="_compute_limit_use",
        help="What the customers this line covers owe today in its currency: all the "
        "group's current members for a group's line, the customer for its own.",
    )
    limit_used = fields.Float(
        string="Limit Used (%)",
        compute="_compute_limit_use",
        help="Outstanding balance as a percentage of the credit limit: of the whole "
        "group for a pooled limit, of the member nearest its limit otherwise.",
    )

    @api.depends("credit_limit", "currency_id", "pooled")
    def _compute_limit_use(self):
        # A group's lines read what its members owe from the group, which its form
        # has read already with its aged receivables.
        owed = {}
        partners = self._origin.filtered(lambda line: not line.group_id).partner_id
        if partners:
            for partner, currency, amount in (
                self.env["account.customer.aging.report"]
                .sudo()
                ._read_group(
                    [("partner_id", "in", partners.ids)],
                    ["partner_id", "currency_id"],
                    ["residual_currency:sum"],
                )
            ):
                owed[partner, currency] = owed.get((partner, currency), 0.0) + amount
        for line in self:
            origin = line._origin
            if origin.group_id:
                open_amounts = origin.group_id.member_open_amounts or {}
                amounts = open_amounts.get(
                    str(line.currency_id.id), {"total": 0.0, "most": 0.0}
                )
                outstanding = amounts["total"]
                used = outstanding if line.pooled else amounts["most"]
            else:
                outstanding = used = owed.get(
                    (origin.partner_id, line.currency_id), 0.0
                )
            line.outstanding = outstanding
            line.limit_used = (
                100.0 * used / line.credit_limit if line.credit_limit > 0 else 0.0
            )
