from odoo import models


class AccountCustomerAccountSet(models.Model):
    _name = "account.customer.account.set"
    _inherit = ("account.customer.account.set", "account.customer.statistic.rule.mixin")

    _statistic_rule_fields = ("discount_account_id", "prepayment_account_id")
