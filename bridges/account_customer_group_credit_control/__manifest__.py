# Copyright 2026 account_customer_group contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Customer Groups - OCA Credit Control",
    "summary": "Customer groups hand down OCA's credit control policy to their members",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    # OCA's account_credit_control is AGPL-3: a module built on it is too.
    "license": "AGPL-3",
    "depends": ["account_customer_group", "account_credit_control"],
    "auto_install": True,
    "data": [
        "views/account_customer_group_views.xml",
        "views/res_partner_views.xml",
    ],
}
