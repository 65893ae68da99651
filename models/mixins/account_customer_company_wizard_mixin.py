from odoo import fields, models


class AccountCustomerCompanyWizardMixin(models.AbstractModel):
    """A wizard that works in one company, the current one unless another is chosen,
    and only with records of that company."""

    _name = "account.customer.company.wizard.mixin"
    _description = "Customer Wizard Working in One Company"
    _inherit = "account.customer.typed.values.mixin"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
