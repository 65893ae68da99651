from odoo import api, fields, models

from odoo.addons.account_customer_group.models.group.account_customer_group import (
    inheritance_mode_field,
)

from .hand_down import CREDIT_LIMIT, RISK_INCLUDE


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"

    risk_invoice_draft_include = fields.Boolean(
        string="Risk of Draft Invoices",
        tracking=True,
        help="OCA's financial risk of the group's customers counts their draft "
        "invoices.",
    )
    risk_invoice_open_include = fields.Boolean(
        string="Risk of Open Invoices",
        tracking=True,
        help="OCA's financial risk of the group's customers counts their open "
        "invoices not yet due.",
    )
    risk_invoice_unpaid_include = fields.Boolean(
        string="Risk of Unpaid Invoices",
        tracking=True,
        help="OCA's financial risk of the group's customers counts their overdue "
        "invoices.",
    )
    risk_account_amount_include = fields.Boolean(
        string="Risk of Other Account Entries",
        tracking=True,
        help="OCA's financial risk of the group's customers counts their other open "
        "receivable entries not yet due.",
    )
    risk_account_amount_unpaid_include = fields.Boolean(
        string="Risk of Unpaid Account Entries",
        tracking=True,
        help="OCA's financial risk of the group's customers counts their other "
        "overdue receivable entries.",
    )
    risk_include_mode = inheritance_mode_field(RISK_INCLUDE)
    risk_credit_limit = fields.Float(
        compute="_compute_risk_credit_limit",
        help="The credit limit OCA's financial risk of the group's customers checks: "
        "the group's credit limit in the company currency (Credit tab).",
    )
    risk_credit_limit_mode = inheritance_mode_field((CREDIT_LIMIT,))

    @api.depends("credit_limit_ids.credit_limit", "credit_limit_ids.currency_id")
    def _compute_risk_credit_limit(self):
        for group in self:
            group.risk_credit_limit = sum(
                group.credit_limit_ids.filtered(
                    lambda line, group=group: (
                        line.currency_id == group.company_id.currency_id
                    )
                ).mapped("credit_limit")
            )

    @api.model
    def _rolldown_trigger_fields(self):
        return super()._rolldown_trigger_fields() | {"credit_limit_ids"}
