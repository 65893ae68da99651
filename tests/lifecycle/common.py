"""Shared by the lifecycle scripts: the customers made, and what must not change."""

COUNTRIES = {"BE": "DOM", "FR": "EUR", "DE": "EUR", "US": "OVS", "JP": "OVS"}
PREFIX = "Lifecycle customer"


def customers(env):
    return (
        env["res.partner"]
        .with_context(active_test=False)
        .search([("name", "=like", f"{PREFIX}%")], order="name")
    )


def invoicing_settings(env):
    """Per customer: receivable account, payment terms and fiscal position (codes and
    names, so that they compare across an uninstall)."""
    company = env.ref("base.main_company")
    return {
        partner.name: [
            partner.property_account_receivable_id.code,
            partner.property_payment_term_id.name,
            partner.property_account_position_id.name or None,
        ]
        for partner in customers(env).with_company(company)
    }
