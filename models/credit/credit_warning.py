def add_customer_group_credit_warnings(records):
    """Add the customer group's credit warning of each of ``records`` (invoices or
    sale orders) to the banner of Odoo's own credit limit."""
    for record in records:
        warning = record._customer_group_credit_warning()
        if warning:
            record.partner_credit_warning = "\n".join(
                filter(None, [record.partner_credit_warning, warning])
            )


def first_blocked_by_credit_rules(records):
    """The first of ``records`` whose company blocks instead of warning and whose
    customer is over its credit rules, with its warning; ``(None, "")`` when there is
    none or when an accountant acts. Work done by the system itself (automatic
    posting, online payments, signatures on the portal) has no one to warn and must
    not stall either."""
    env = records.env
    if env.su or env.user.has_group("account.group_account_user"):
        return None, ""
    for record in records.filtered(lambda r: r.company_id.customer_group_credit_block):
        warning = record._customer_group_credit_warning()
        if warning:
            return record, warning
    return None, ""
