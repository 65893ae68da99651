def labelled_credit_warnings(record, risk_message):
    """The banner of ``record`` (an invoice or a quotation) with the customer group's
    warning and OCA's risk message each under the name of the rule that gives it:
    with two credit checks on one document, the user must see which one speaks."""
    env = record.env
    group_warning = record._customer_group_credit_warning()
    banner = record.partner_credit_warning or ""
    if group_warning and group_warning in banner:
        banner = banner.replace(
            group_warning,
            env._("Customer group credit limit:\n%(warning)s", warning=group_warning),
        )
    if risk_message:
        banner = "\n".join(
            filter(
                None,
                [
                    banner,
                    env._(
                        "Financial risk (OCA):\n%(warning)s",
                        warning=risk_message.strip(),
                    ),
                ],
            )
        )
    return banner
