from .models.credit.credit_functions import CREDIT_FUNCTION_SIGNATURES


def post_init_hook(env):
    """Customers already in a group when the addon is installed (the demo's, or ones
    written by data files) bring their posted history along, as when they join a
    group later on."""
    partners = env["res.partner"]
    members = {}
    for group in (
        env["account.customer.group"].with_context(active_test=False).search([])
    ):
        if group.member_ids:
            members[group.id] = group.member_ids.ids
    partners._record_group_in_history(members)
    # The aged receivables' summary reads the movements of what is posted already.
    env["account.customer.aging.movement"]._rebuild()


def uninstall_hook(env):
    """The credit check's PL/pgSQL functions go with the addon: Odoo drops only the
    tables and columns of its models."""
    for signature in CREDIT_FUNCTION_SIGNATURES:
        env.cr.execute(f"DROP FUNCTION IF EXISTS {signature}")
