# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Groups (Accounts Receivable)",
    "summary": "Classify customers in groups that hand down receivable account, "
    "payment terms, interest profile, billing cycle and statement settings",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    "license": "LGPL-3",
    "depends": ["account"],
    "data": [],
    "demo": [],
    "installable": True,
    "application": False,
}
