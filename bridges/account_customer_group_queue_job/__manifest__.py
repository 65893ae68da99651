# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Customer Groups - Job Queue",
    "summary": "The statement and interest runs' batches as OCA queue jobs, on a "
    "channel of their own",
    "version": "19.0.1.0.0",
    "category": "Accounting/Accounting",
    "author": "account_customer_group contributors",
    "website": "https://github.com/account-customer-group/account_customer_group",
    "license": "LGPL-3",
    "depends": ["account_customer_group", "queue_job"],
    "auto_install": True,
    "data": [
        "data/queue_job_data.xml",
    ],
}
