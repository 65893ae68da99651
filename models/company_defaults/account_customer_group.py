from odoo import api, models


class AccountCustomerGroup(models.Model):
    _inherit = "account.customer.group"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _create_company_defaults(self, companies=None):
        """Install Reviso's three default groups (and what they need) in each company.

        Without ``companies``, every company with a chart of accounts gets them.
        Runs at module installation and whenever a chart of accounts is loaded for a
        company; a company that already has its defaults is left untouched, so
        upgrades and reloads never duplicate them.
        """
        if companies is None:
            companies = (
                self.env["res.company"].sudo().search([("chart_template", "!=", False)])
            )
        for company in companies:
            receivable = (
                self.env["ir.default"]
                .sudo()
                ._get(
                    "res.partner",
                    "property_account_receivable_id",
                    company_id=company.id,
                )
            )
            if not receivable:
                # No chart of accounts yet: the defaults come when one is loaded.
                continue
            self.sudo().with_company(company)._create_defaults_in_company(
                company, receivable
            )

    def _create_defaults_in_company(self, company, receivable_account_id):
        def find_or_create(model, code, vals):
            record = (
                self.env[model]
                .with_context(active_test=False)
                .search([("company_id", "=", company.id), ("code", "=", code)], limit=1)
            )
            return record or self.env[model].create(
                {"code": code, "company_id": company.id, **vals}
            )

        account_set = find_or_create(
            "account.customer.account.set",
            "DEFLT",
            {
                "name": self.env._("Default receivables"),
                "receivable_account_id": receivable_account_id,
            },
        )
        interest_profile = find_or_create(
            "account.customer.interest.profile",
            "NONE",
            {"name": self.env._("No interest"), "annual_rate": 0.0},
        )
        billing_cycle = find_or_create(
            "account.customer.billing.cycle",
            "MONTH",
            {"name": self.env._("Monthly"), "frequency": "monthly"},
        )
        payment_term = self.env.ref(
            "account.account_payment_term_immediate", raise_if_not_found=False
        )
        if not payment_term or payment_term.company_id not in (
            company,
            self.env["res.company"],
        ):
            payment_term = self.env["account.payment.term"].search(
                [
                    ("company_id", "in", (company.id, False)),
                    ("line_ids.nb_days", "=", 0),
                ],
                limit=1,
            )
        if not payment_term:
            return
        for code, name in (
            ("DOM", self.env._("Domestic")),
            ("EUR", self.env._("European")),
            ("OVS", self.env._("Overseas")),
        ):
            find_or_create(
                "account.customer.group",
                code,
                {
                    "name": name,
                    "account_set_id": account_set.id,
                    "interest_profile_id": interest_profile.id,
                    "billing_cycle_id": billing_cycle.id,
                    "payment_term_id": payment_term.id,
                },
            )
