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
