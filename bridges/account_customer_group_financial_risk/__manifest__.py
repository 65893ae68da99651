# Copyright 2026 account_customer_group contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Groups - OCA Financial Risk",
    "summary": "The customer group's credit limit and OCA's financial risk on one "
    "invoice, each warning saying whose rule it is",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    # OCA's account_financial_risk is AGPL-3: a module built on it is too.
    "license": "AGPL-3",
    "depends": ["account_customer_group", "account_financial_risk"],
    "auto_install": True,
    "data": [
        "views/account_customer_group_views.xml",
        "views/res_partner_views.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "account_customer_group_financial_risk/static/tests/tours/**/*",
        ],
    },
}
