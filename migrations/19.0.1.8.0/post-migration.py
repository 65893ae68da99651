# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.8.0 keeps the movements of the receivable items
(``account.customer.aging.movement``), which the aged receivables' summary reads:
they are built from the ledger once, then kept as documents are posted and
reconciled."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["account.customer.aging.movement"]._rebuild()
