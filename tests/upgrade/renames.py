"""Fields each release renamed: release -> model -> {old name: new name}.

The one place tests/upgrade/ knows the renames (kept apart from the migrations,
so a rename a migration forgets fails the check): the snapshot and populate.py
name fields as the working tree does and read or write them under the names of
the release installed in the database, `names_at(its version)`.
19.0.1.2.0 to 19.0.1.4.0 rename nothing.
"""

RENAMES = {
    "19.0.1.1.0": {
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
    },
}


def _key(version):
    return tuple(int(part) for part in version.split("."))


def names_at(version):
    """model -> {name now: name at `version`}: every later release's renames undone,
    newest first."""
    names = {}
    for release in sorted(RENAMES, key=_key, reverse=True):
        if _key(release) <= _key(version):
            break
        for model, renamed in RENAMES[release].items():
            mapping = names.setdefault(model, {})
            for old, new in renamed.items():
                current = next((now for now, at in mapping.items() if at == new), new)
                mapping[current] = old
    return names
