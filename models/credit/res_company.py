from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"  # pylint: disable=consider-merging-classes-inherited

    customer_group_credit_include_pending = fields.Boolean(
        string="Include Pending Transactions in Credit Checks",
        help="Customer group credit checks count draft customer invoices and credit "
        "notes in the outstanding balance, as well as posted ones.",
    )
    customer_group_credit_block = fields.Boolean(
        string="Block Instead of Warn",
        help="Users without the Accountant right cannot post a customer invoice that "
        "breaks the credit rules of the customer's group; accountants still get the "
        "warning only.",
    )
