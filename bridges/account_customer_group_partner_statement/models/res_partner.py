from odoo import api, fields, models

from odoo.addons.account_customer_group.rules.handed_down import (
    BOOLEAN,
    SELECTION,
    HandedDown,
)

# OCA's aging methods (partner_statement's statement.common.wizard).
AGING_TYPES = [("days", "Age by Days"), ("months", "Age by Months")]

STATEMENT_AGING = (
    HandedDown(
        "customer_statement_aging_type",
        "statement_aging_type",
        "Statement Aging Method",
        SELECTION,
        "statement_aging",
    ),
    HandedDown(
        "customer_statement_show_aging_buckets",
        "statement_show_aging_buckets",
        "Statement Aging Buckets",
        BOOLEAN,
        "statement_aging",
    ),
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    customer_statement_aging_type = fields.Selection(
        AGING_TYPES,
        string="Statement Aging Method",
        company_dependent=True,
        help="How OCA's statements of this customer age its open items: by days "
        "overdue or by months.",
    )
    customer_statement_show_aging_buckets = fields.Boolean(
        string="Statement Aging Buckets",
        company_dependent=True,
        help="OCA's statements of this customer show the aging buckets.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + [
            "customer_statement_aging_type",
            "customer_statement_show_aging_buckets",
        ]

    @api.model
    def _customer_group_handed_down(self):
        return super()._customer_group_handed_down() + STATEMENT_AGING
