# Copyright 2026 account_customer_group contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Groups - OCA Financial Reports",
    "summary": "A customer group filter on OCA's Aged Partner Balance and Open Items",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    # OCA's account_financial_report is AGPL-3: a module built on it is too.
    "license": "AGPL-3",
    "depends": ["account_customer_group", "account_financial_report"],
    "auto_install": True,
    "data": [
        "views/aged_partner_balance_wizard_views.xml",
        "views/open_items_wizard_views.xml",
    ],
}
