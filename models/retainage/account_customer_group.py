from odoo import fields, models


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    retainage_percent = fields.Float(
        string="Retainage (%)",
        digits=(5, 2),
        tracking=True,
        help="Share of the members' invoices they withhold until the work is "
        "accepted. Posted on the account set's retainage account, apart from what "
        "is due under the payment terms.",
    )
    retainage_days = fields.Integer(
        string="Retainage Period (days)",
        tracking=True,
        help="Days after the invoice date the retained amount falls due.",
    )
    _retainage_percent_range = models.Constraint(
        "CHECK(retainage_percent >= 0 AND retainage_percent < 100)",
        "The retainage percentage must be at least 0 and below 100.",
    )
    _retainage_days_positive = models.Constraint(
        "CHECK(retainage_days >= 0)",
        "The retainage period cannot be negative.",
    )
