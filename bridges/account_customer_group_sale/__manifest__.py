# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Groups - Sales",
    "summary": "The customer group's credit rules on quotations, and confirmed "
    "orders not yet invoiced in the credit exposure",
    "version": "19.0.1.2.0",
    "category": "Sales/Sales",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    "license": "LGPL-3",
    "depends": ["account_customer_group", "sale"],
    "auto_install": True,
    "uninstall_hook": "uninstall_hook",
    "demo": [
        "demo/sale_order_demo.xml",
    ],
}
