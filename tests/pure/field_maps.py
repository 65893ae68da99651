"""The customer <- group field map the pure tests pass to the rules.

The models build their maps from the table of what a group hands down
(``rules/handed_down.py``); the pure tests keep a map of their own, with the
names the rules were written with, since they check what the rules do with a
map, not which fields the models use. Which group fields are booleans comes
from the table.
"""

from rules import handed_down

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
BOOLEAN_GROUP_FIELDS = handed_down.boolean_group_fields()
