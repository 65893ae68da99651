from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountCustomerInterestProfile(models.Model):
    _name = "account.customer.interest.profile"
    _description = "Customer Interest Profile"
    _inherit = "account.customer.code.mixin"
    _check_company_auto = True

    code = fields.Char(help="Short code of the interest profile, e.g. NONE.")
    currency_id = fields.Many2one(related="company_id.currency_id")
    annual_rate = fields.Float(
        string="Annual Rate (%)",
        digits=(16, 4),
        help="Yearly interest rate charged on overdue amounts. A zero rate never "
        "charges interest.",
    )
    minimum_charge = fields.Monetary(
        help="Smallest interest amount worth invoicing; lower charges are not invoiced."
    )
    grace_days = fields.Integer(
        help="Days after the due date during which no interest is charged."
    )
    compound = fields.Boolean(
        help="Also charge interest on earlier interest invoices that are still unpaid."
    )
    income_account_id = fields.Many2one(
        "account.account",
        string="Interest Income Account",
        check_company=True,
        domain="[('account_type', 'in', ('income', 'income_other'))]",
        help="Account credited with the interest charged. Empty: the company's "
        "default interest income account (Accounting settings).",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Interest Journal",
        check_company=True,
        domain="[('type', '=', 'sale')]",
        help="Sales journal on which interest invoices are created.",
    )

    _code_company_uniq = models.Constraint(
        "UNIQUE(company_id, code)",
        "An interest profile with this code already exists in this company.",
    )
    _annual_rate_positive = models.Constraint(
        "CHECK(annual_rate >= 0)", "The annual interest rate cannot be negative."
    )
    _minimum_charge_positive = models.Constraint(
        "CHECK(minimum_charge >= 0)", "The minimum interest charge cannot be negative."
    )
    _grace_days_positive = models.Constraint(
        "CHECK(grace_days >= 0)", "The grace days cannot be negative."
    )

    def _interest_income_account(self):
        """The account interest charged under this profile is credited to."""
        self.ensure_one()
        return (
            self.income_account_id
            or self.company_id.customer_interest_income_account_id
        )

    @api.constrains("annual_rate", "income_account_id")
    def _check_income_account(self):
        # Interest is no sale: posted to the sales journal's default account it
        # would be reported as product revenue.
        for profile in self:
            if profile.annual_rate and not profile._interest_income_account():
                raise ValidationError(
                    self.env._(
                        "The interest profile %(profile)s charges interest: set its "
                        "Interest Income Account, or a default one for the company "
                        "in Accounting settings (Customer Group Interest).",
                        profile=profile.display_name,
                    )
                )
