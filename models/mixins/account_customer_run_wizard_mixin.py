from odoo import fields, models


class AccountCustomerRunWizardMixin(models.AbstractModel):
    """A run over a company's customers, those of a billing cycle or of some customer
    groups (statements, interest)."""

    _name = "account.customer.run.wizard.mixin"
    _inherit = "account.customer.company.wizard.mixin"
    _description = "Customer Wizard Run over a Billing Cycle or Customer Groups"

    billing_cycle_id = fields.Many2one(
        "account.customer.billing.cycle", check_company=True
    )
    customer_group_ids = fields.Many2many(
        "account.customer.group", string="Customer Groups", check_company=True
    )
