from collections import defaultdict

from odoo import api, fields, models


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    company_currency_id = fields.Many2one(related="company_id.currency_id")
    aged_receivable_amount = fields.Monetary(
        string="Aged Receivables",
        currency_field="company_currency_id",
        compute="_compute_aged_receivables",
        groups="account.group_account_invoice,account.group_account_readonly",
        help="What the documents posted under this group leave open today, in the "
        "company currency.",
    )
    member_open_amounts = fields.Json(
        compute="_compute_aged_receivables",
        help="What the current members owe today in each currency (by currency id): "
        "all of them together and the one who owes the most. The credit limit lines "
        "show it.",
    )

    @api.depends_context("company")
    def _compute_aged_receivables(self):
        """Both figures of the group's form from one read of the aged receivables:
        its smart button and its credit limit lines' use."""
        aged = {}
        owed = {}
        groups = self._origin
        if groups:
            # Every company's items count towards a credit limit; the smart button
            # shows what the multi-company rule lets the user read.
            for company, group, member_group, partner, currency, residual, amount in (
                self.env["account.customer.aging.report"]
                .sudo()
                ._read_group(
                    [
                        "|",
                        ("customer_group_id", "in", groups.ids),
                        ("partner_group_id", "in", groups.ids),
                    ],
                    [
                        "company_id",
                        "customer_group_id",
                        "partner_group_id",
                        "partner_id",
                        "currency_id",
                    ],
                    ["residual:sum", "residual_currency:sum"],
                )
            ):
                if group in groups and company in self.env.companies:
                    aged[group] = aged.get(group, 0.0) + residual
                if member_group in groups:
                    by_member = owed.setdefault(member_group, {}).setdefault(
                        str(currency.id), defaultdict(float)
                    )
                    by_member[partner] += amount
        for group in self:
            group.aged_receivable_amount = aged.get(group._origin, 0.0)
            group.member_open_amounts = {
                currency: {
                    "total": sum(by_member.values()),
                    "most": max(by_member.values()),
                }
                for currency, by_member in owed.get(group._origin, {}).items()
            }

    def action_open_aged_receivables(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_customer_group.action_account_customer_aging_report"
        )
        action["domain"] = [("customer_group_id", "in", self.ids)]
        action["context"] = {"search_default_group_by_partner": 1}
        return action
