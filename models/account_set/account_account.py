from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class AccountAccount(models.Model):
    _inherit = "account.account"

    customer_account_set_ids = fields.Many2many(
        "account.customer.account.set",
        string="Customer Account Sets",
        compute="_compute_customer_group_usage",
        help="Customer account sets that post to this account.",
    )
    customer_group_ids = fields.Many2many(
        "account.customer.group",
        string="Customer Groups",
        compute="_compute_customer_group_usage",
        help="Customer groups whose account set posts to this account.",
    )
    customer_group_count = fields.Integer(compute="_compute_customer_group_usage")

    def _compute_customer_group_usage(self):
        account_sets = self._customer_account_sets_using()
        groups = self.env["account.customer.group"].search(
            [("account_set_id", "in", account_sets.ids)]
        )
        for account in self:
            sets_of_account = account_sets.filtered(
                lambda s, account=account: account in s._used_accounts()
            )
            account.customer_account_set_ids = sets_of_account
            account.customer_group_ids = groups.filtered(
                lambda g, sets=sets_of_account: g.account_set_id in sets
            )
            account.customer_group_count = len(account.customer_group_ids)

    def _customer_account_sets_using(self):
        AccountSet = self.env["account.customer.account.set"].with_context(
            active_test=False
        )
        if not self.ids:
            return AccountSet
        return AccountSet.search(
            Domain.OR(
                Domain(name, "in", self.ids)
                for name in AccountSet._account_field_names()
            )
        )

    def _check_not_used_by_active_customer_group(self, deleting=False):
        groups = (
            self.env["account.customer.group"]
            .sudo()
            .search(
                [
                    (
                        "account_set_id",
                        "in",
                        self.sudo()._customer_account_sets_using().ids,
                    )
                ]
            )
        )
        if not groups:
            return
        accounts = ", ".join(self.mapped("display_name"))
        group_names = ", ".join(groups.mapped("display_name"))
        if deleting:
            message = self.env._(
                "You cannot delete %(accounts)s: the active customer group(s) "
                "%(groups)s post to it through their account set. Give those account "
                "sets another account, or archive the groups first.",
                accounts=accounts,
                groups=group_names,
            )
        else:
            message = self.env._(
                "You cannot archive %(accounts)s: the active customer group(s) "
                "%(groups)s post to it through their account set. Give those account "
                "sets another account, or archive the groups first.",
                accounts=accounts,
                groups=group_names,
            )
        raise UserError(message)

    def write(self, vals):
        if vals.get("active") is False:
            self.filtered("active")._check_not_used_by_active_customer_group()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used_by_customer_group(self):
        self._check_not_used_by_active_customer_group(deleting=True)

    def action_view_customer_groups(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Customer Groups using %s", self.display_name),
            "res_model": "account.customer.group",
            "view_mode": "list,form",
            "domain": [("id", "in", self.customer_group_ids.ids)],
        }
