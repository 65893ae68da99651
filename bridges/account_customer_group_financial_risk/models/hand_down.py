"""What a customer group hands down to OCA's financial risk of its customers."""

from odoo.addons.account_customer_group.rules.handed_down import (
    BOOLEAN,
    NUMBER,
    HandedDown,
)

# OCA's partner fields choosing which open documents count towards the risk; the
# group's fields have the same names.
RISK_INCLUDE = tuple(
    HandedDown(name, name, label, BOOLEAN, "risk_include")
    for name, label in (
        ("risk_invoice_draft_include", "Risk of Draft Invoices"),
        ("risk_invoice_open_include", "Risk of Open Invoices"),
        ("risk_invoice_unpaid_include", "Risk of Unpaid Invoices"),
        ("risk_account_amount_include", "Risk of Other Account Entries"),
        ("risk_account_amount_unpaid_include", "Risk of Unpaid Account Entries"),
    )
)
CREDIT_LIMIT = HandedDown(
    "credit_limit",
    "risk_credit_limit",
    "Risk Credit Limit",
    NUMBER,
    "risk_credit_limit",
)
