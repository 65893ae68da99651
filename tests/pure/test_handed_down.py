from rules import handed_down


def test_every_setting_has_its_fields_and_one_mode_field():
    settings = handed_down.settings()
    assert "retainage" in settings
    assert [entry.customer_field for entry in settings["retainage"]] == [
        "customer_retainage_percent",
        "customer_retainage_days",
    ]
    mode_fields = handed_down.mode_fields()
    assert mode_fields["property_account_receivable_id"] == "account_set_mode"
    assert len(set(mode_fields.values())) == len(settings)


def test_missing_fields_are_the_empty_ones_never_a_boolean():
    values = {
        "customer_interest_profile_id": False,
        "property_payment_term_id": None,
        "customer_billing_cycle_id": 4,
        "customer_print_statements": False,
        "customer_retainage_percent": 0.0,
        "customer_account_type": "open_item",
    }
    missing = handed_down.missing_fields(values)
    assert {
        "customer_interest_profile_id",
        "property_payment_term_id",
        "customer_retainage_percent",
    } <= missing
    assert "customer_billing_cycle_id" not in missing
    assert "customer_print_statements" not in missing
    assert "customer_account_type" not in missing
