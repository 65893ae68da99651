from odoo import api, fields, models


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    company_currency_id = fields.Many2one(related="company_id.currency_id")
    aged_receivable_amount = fields.Monetary(
        string="Aged Receivables",
        currency_field="company_currency_id",
        compute="_compute_aged_receivable_amount",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="What the documents posted under this group leave open today, in the "
        "company currency.",
    )

    @api.depends_context("company")
    def _compute_aged_receivable_amount(self):
        totals = dict(
            self.env["account.customer.aging.report"]._read_group(
                [("customer_group_id", "in", self._origin.ids)],
                ["customer_group_id"],
                ["residual:sum"],
            )
        )
        for group in self:
            group.aged_receivable_amount = totals.get(group._origin, 0.0)

    def action_open_aged_receivables(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_aging_report"
        )
        action["domain"] = [("customer_group_id", "in", self.ids)]
        action["context"] = {"search_default_group_by_partner": 1}
        return action
