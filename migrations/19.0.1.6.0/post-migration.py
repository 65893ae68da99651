# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.6.0 counts an invoice made by Charge Interest as an interest charge in
whatever journal it is (before, only in the journal of an interest profile: with no
journal on its profile, it went to the sales journal and counted as an invoice). The
statistics are rebuilt from the ledger so that the documents posted before count the
same way; manual adjustments are kept apart and untouched."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    companies = env["res.company"].search([("chart_template", "!=", False)])
    if companies:
        env["account.customer.statistic"]._rebuild(companies)
