from odoo import fields, models


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
        help="Account credited with the interest charged.",
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
