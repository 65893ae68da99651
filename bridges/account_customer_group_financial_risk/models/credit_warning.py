RISK_WIZARD = "partner.risk.exceeded.wiz"


def labelled_warnings(record, risk_message):
    """The customer group's warning and OCA's risk message for ``record`` (an invoice
    or a quotation), each under the name of the rule that gives it: with two credit
    checks on one document, the user must see which one speaks. Returns
    ``(raw group warning, labelled group warning, labelled risk message)``."""
    env = record.env
    group_warning = record._customer_group_credit_warning()
    return (
        group_warning,
        group_warning
        and env._("Customer group credit limit:\n%(warning)s", warning=group_warning),
        risk_message
        and env._("Financial risk (OCA):\n%(warning)s", warning=risk_message.strip()),
    )


def banner_with_both_checks(record, risk_message):
    """The banner of ``record`` with both warnings labelled. Where OCA's rule says
    nothing, the banner is the addon's own: a label is only needed beside another
    rule."""
    banner = record.partner_credit_warning or ""
    if not risk_message:
        return banner
    group_warning, group_part, risk_part = labelled_warnings(record, risk_message)
    if group_warning and group_warning in banner:
        banner = banner.replace(group_warning, group_part)
    return "\n".join(filter(None, [banner, risk_part]))


def risk_wizard_with_both_checks(env, action):
    """OCA's *Partner risk exceeded* window, when ``action`` opens it, showing the
    customer group's warning beside OCA's risk message."""
    if isinstance(action, dict) and action.get("res_model") == RISK_WIZARD:
        wizard = env[RISK_WIZARD].browse(action["res_id"])
        __, group_part, risk_part = labelled_warnings(
            wizard.origin_reference, wizard.exception_msg
        )
        wizard.exception_msg = "\n".join(filter(None, [risk_part, group_part]))
    return action
