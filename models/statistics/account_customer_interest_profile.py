from odoo import models


class AccountCustomerInterestProfile(models.Model):
    _name = "account.customer.interest.profile"
    _inherit = (
        "account.customer.interest.profile",
        "account.customer.statistic.rule.mixin",
    )

    _statistic_rule_fields = ("journal_id",)
