from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    customer_interest_income_account_id = fields.Many2one(
        "account.account",
        string="Default Interest Income Account",
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Account credited with the interest charged under an interest profile "
        "that names no income account of its own.",
    )

    @api.constrains("customer_interest_income_account_id")
    def _check_interest_profiles_keep_an_income_account(self):
        self.env["account.customer.interest.profile"].search(
            [("company_id", "in", self.ids), ("income_account_id", "=", False)]
        )._check_income_account()
