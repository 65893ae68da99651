from odoo import fields, models

from .account_customer_group import _INHERIT_MODE_HELP, _INHERIT_MODES


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
    retainage_mode = fields.Selection(
        _INHERIT_MODES,
        string="Retainage Inheritance",
        required=True,
        default="copy",
        tracking=True,
        help=_INHERIT_MODE_HELP + " Applies to the retainage period too.",
    )

    _retainage_percent_range = models.Constraint(
        "CHECK(retainage_percent >= 0 AND retainage_percent < 100)",
        "The retainage percentage must be at least 0 and below 100.",
    )
    _retainage_days_positive = models.Constraint(
        "CHECK(retainage_days >= 0)",
        "The retainage period cannot be negative.",
    )

    def _partner_defaults(self):
        defaults = super()._partner_defaults()
        # Zero is "no value", as for the other defaults: a customer's own retainage
        # is never blanked by a group without one.
        if self.retainage_percent:
            defaults["customer_retainage_percent"] = self.retainage_percent
        if self.retainage_days:
            defaults["customer_retainage_days"] = self.retainage_days
        return defaults
