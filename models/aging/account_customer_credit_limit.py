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
        Aging = self.env["account.customer.aging.report"]
        owed = {}
        groups = self._origin.group_id
        partners = self._origin.partner_id
        if groups or partners:
            for group, partner, currency, amount in Aging.sudo()._read_group(
                [
                    "|",
                    ("partner_group_id", "in", groups.ids),
                    ("partner_id", "in", partners.ids),
                ],
                ["partner_group_id", "partner_id", "currency_id"],
                ["residual_currency:sum"],
            ):
                owed[group, partner, currency] = amount
        for line in self:
            origin = line._origin
            if origin.group_id:
                amounts = [
                    amount
                    for (group, _partner, currency), amount in owed.items()
                    if group == origin.group_id and currency == line.currency_id
                ]
            else:
                amounts = [
                    amount
                    for (_group, partner, currency), amount in owed.items()
                    if partner == origin.partner_id and currency == line.currency_id
                ]
            line.outstanding = sum(amounts)
            used = (
                sum(amounts)
                if line.pooled or not origin.group_id
                else max(amounts, default=0.0)
            )
            line.limit_used = (
                100.0 * used / line.credit_limit if line.credit_limit > 0 else 0.0
            )
