"""The customer <- group field maps the models pass to the rules.

The maps belong to the models (overridable methods), so the pure tests keep
their own copy, as the models had them when the rules were written: the
tests check what the rules do with a map, not which fields the models use.
"""

# Customer field <- group field: the defaults a group hands down to its members.
PARTNER_FIELDS_FROM_GROUP = {
    "property_account_receivable_id": "receivable_account_id",
    "property_payment_term_id": "payment_term_id",
    "account_set_id": "account_set_id",
    "interest_profile_id": "interest_profile_id",
    "billing_cycle_id": "billing_cycle_id",
    "account_type": "account_type",
    "print_statements": "print_statements",
    "property_account_position_id": "fiscal_position_id",
    "user_id": "user_id",
}
# Group fields whose False is a choice rather than "no value".
BOOLEAN_GROUP_FIELDS = {"print_statements"}
