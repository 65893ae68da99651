"""Fields renamed between the previous release (19.0.1.0.x) and this one.

The one place tests/upgrade/ knows the renames: populate.py writes the old names,
check.py reads the new ones through this map (model -> {old name: new name}).
"""

RENAMES = {
    "res.partner": {
        "account_set_id": "customer_account_set_id",
        "interest_profile_id": "customer_interest_profile_id",
        "billing_cycle_id": "customer_billing_cycle_id",
        "account_type": "customer_account_type",
        "print_statements": "customer_print_statements",
    },
    "res.company": {
        "statistics_period_type": "customer_statistics_period_type",
        "statistics_year_basis": "customer_statistics_year_basis",
        "allow_edit_statistics": "customer_statistics_allow_edit",
    },
}
