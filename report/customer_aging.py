from odoo import api, models


class ReportCustomerAging(models.AbstractModel):
    _name = "report.account_customer_group.report_customer_aging"
    _description = "Aged Receivables by Customer Group"

    @api.model
    def _get_report_values(self, docids, data=None):
        wizards = self.env["account.customer.aging.wizard"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "account.customer.aging.wizard",
            "docs": wizards,
            "aged": {wizard.id: wizard._aged_receivables() for wizard in wizards},
            "titles": {wizard.id: wizard._title() for wizard in wizards},
        }
