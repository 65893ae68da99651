import string

import ar_rules
import pytest
from hypothesis import given
from hypothesis import strategies as st


@pytest.mark.parametrize("code", ["DOM", "eur", " ovs ", "A1", "ABC123", "9"])
def test_valid_codes_are_accepted(code):
    assert ar_rules.group_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", ar_rules.CODE_EMPTY),
        ("   ", ar_rules.CODE_EMPTY),
        (None, ar_rules.CODE_EMPTY),
        ("ABCDEFG", ar_rules.CODE_TOO_LONG),
        ("DOM-1", ar_rules.CODE_BAD_CHARACTERS),
        ("DO M", ar_rules.CODE_BAD_CHARACTERS),
        ("ÉUR", ar_rules.CODE_BAD_CHARACTERS),
        ("A_B", ar_rules.CODE_BAD_CHARACTERS),
    ],
)
def test_bad_codes_say_why(code, problem):
    assert ar_rules.group_code_problem(code) == problem


def test_codes_are_stored_upper_case_without_blanks():
    assert ar_rules.normalize_group_code("  eur ") == "EUR"
    assert ar_rules.normalize_group_code(None) == ""


@given(st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=6))
def test_every_short_alphanumeric_code_is_valid(code):
    assert ar_rules.group_code_problem(code) is None
    assert ar_rules.normalize_group_code(code) == code.upper()


@given(st.text(alphabet=string.ascii_letters + string.digits, min_size=7, max_size=30))
def test_every_longer_code_is_too_long(code):
    assert ar_rules.group_code_problem(code) == ar_rules.CODE_TOO_LONG


def test_a_letter_that_upper_cases_to_ascii_is_refused():
    assert ar_rules.group_code_problem("ß") == ar_rules.CODE_BAD_CHARACTERS


@given(
    st.text(min_size=1, max_size=6).filter(
        lambda c: not (c.strip().isascii() and c.strip().isalnum())
    )
)
def test_codes_with_anything_but_letters_and_digits_are_refused(code):
    assert ar_rules.group_code_problem(code) is not None


GROUP = {
    "receivable_account_id": 11,
    "payment_term_id": 3,
    "account_set_id": 2,
    "interest_profile_id": 5,
    "billing_cycle_id": 7,
    "account_type": "balance_forward",
    "print_statements": False,
}


def test_group_defaults_fill_every_customer_field():
    assert ar_rules.partner_defaults_from_group(GROUP) == {
        "property_account_receivable_id": 11,
        "property_payment_term_id": 3,
        "account_set_id": 2,
        "interest_profile_id": 5,
        "billing_cycle_id": 7,
        "account_type": "balance_forward",
        "print_statements": False,
    }


def test_an_empty_group_value_never_blanks_the_customer():
    defaults = ar_rules.partner_defaults_from_group(
        {**GROUP, "billing_cycle_id": False}
    )
    assert "billing_cycle_id" not in defaults
    assert defaults["print_statements"] is False


def test_values_given_with_the_group_win_over_its_defaults():
    defaults = ar_rules.partner_defaults_from_group(GROUP)
    vals = ar_rules.apply_group_defaults(
        {"customer_group_id": 1, "property_payment_term_id": 9}, defaults
    )
    assert vals["property_payment_term_id"] == 9
    assert vals["interest_profile_id"] == 5
    assert vals["customer_group_id"] == 1
