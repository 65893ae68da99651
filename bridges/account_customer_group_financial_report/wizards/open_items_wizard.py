from odoo import fields, models


class OpenItemsReportWizard(models.TransientModel):
    _name = "open.items.report.wizard"
    _inherit = (
        "open.items.report.wizard",
        "account.customer.group.report.filter.mixin",
    )

    # The mixin's field, in a table of this wizard's own.
    customer_group_ids = fields.Many2many(
        relation="open_items_wizard_customer_group_rel"
    )

    def _prepare_report_open_items(self):
        values = super()._prepare_report_open_items()
        values["partner_ids"] = self._customer_group_partner_ids(values["partner_ids"])
        return values
