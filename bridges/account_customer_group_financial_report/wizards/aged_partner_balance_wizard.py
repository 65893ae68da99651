from odoo import fields, models


class AgedPartnerBalanceReportWizard(models.TransientModel):
    _name = "aged.partner.balance.report.wizard"
    _inherit = (
        "aged.partner.balance.report.wizard",
        "account.customer.group.report.filter.mixin",
    )

    # The mixin's field, in a table of this wizard's own.
    customer_group_ids = fields.Many2many(
        relation="aged_partner_balance_wizard_customer_group_rel"
    )

    def _prepare_report_aged_partner_balance(self):
        values = super()._prepare_report_aged_partner_balance()
        values["partner_ids"] = self._customer_group_partner_ids(values["partner_ids"])
        return values
