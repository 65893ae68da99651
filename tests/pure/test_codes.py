import string

import pytest
from field_maps import BOOLEAN_GROUP_FIELDS, PARTNER_FIELDS_FROM_GROUP
from hypothesis import given
from hypothesis import strategies as st

from rules import codes


@pytest.mark.parametrize("code", ["DOM", "eur", " ovs ", "A1", "ABC123", "9"])
def test_valid_codes_are_accepted(code):
    assert codes.group_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("", codes.CODE_EMPTY),
        ("   ", codes.CODE_EMPTY),
        (None, codes.CODE_EMPTY),
        ("ABCDEFG", codes.CODE_TOO_LONG),
        ("DOM-1", codes.CODE_BAD_CHARACTERS),
        ("DO M", codes.CODE_BAD_CHARACTERS),
        ("ÉUR", codes.CODE_BAD_CHARACTERS),
        ("A_B", codes.CODE_BAD_CHARACTERS),
    ],
)
def test_bad_codes_say_why(code, problem):
    assert codes.group_code_problem(code) == problem


def test_codes_are_stored_upper_case_without_blanks():
    assert codes.normalize_group_code("  eur ") == "EUR"
    assert codes.normalize_group_code(None) == ""


@given(st.text(alphabet=string.ascii_letters + string.digits, min_size=1, max_size=6))
def test_every_short_alphanumeric_code_is_valid(code):
    assert codes.group_code_problem(code) is None
    assert codes.normalize_group_code(code) == code.upper()


@given(st.text(alphabet=string.ascii_letters + string.digits, min_size=7, max_size=30))
def test_every_longer_code_is_too_long(code):
    assert codes.group_code_problem(code) == codes.CODE_TOO_LONG


def test_a_letter_that_upper_cases_to_ascii_is_refused():
    assert codes.group_code_problem("ß") == codes.CODE_BAD_CHARACTERS


@given(
    st.text(min_size=1, max_size=6).filter(
        lambda c: not (c.strip().isascii() and c.strip().isalnum())
    )
)
def test_codes_with_anything_but_letters_and_digits_are_refused(code):
    assert codes.group_code_problem(code) is not None


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
    assert codes.partner_defaults_from_group(
        GROUP, PARTNER_FIELDS_FROM_GROUP, BOOLEAN_GROUP_FIELDS
    ) == {
        "property_account_receivable_id": 11,
        "property_payment_term_id": 3,
        "account_set_id": 2,
        "interest_profile_id": 5,
        "billing_cycle_id": 7,
        "account_type": "balance_forward",
        "print_statements": False,
    }


def test_an_empty_group_value_never_blanks_the_customer():
    defaults = codes.partner_defaults_from_group(
        {**GROUP, "billing_cycle_id": False},
        PARTNER_FIELDS_FROM_GROUP,
        BOOLEAN_GROUP_FIELDS,
    )
    assert "billing_cycle_id" not in defaults
    assert defaults["print_statements"] is False


def test_values_given_with_the_group_win_over_its_defaults():
    defaults = codes.partner_defaults_from_group(
        GROUP, PARTNER_FIELDS_FROM_GROUP, BOOLEAN_GROUP_FIELDS
    )
    vals = codes.apply_group_defaults(
        {"customer_group_id": 1, "property_payment_term_id": 9}, defaults
    )
    assert vals["property_payment_term_id"] == 9
    assert vals["interest_profile_id"] == 5
    assert vals["customer_group_id"] == 1


def test_shortened_keeps_a_short_code_and_cuts_a_long_one():
    assert codes.shortened("DOM") == "DOM"
    assert codes.shortened("X" * 12) == "X" * 12
    assert codes.shortened("X" * 10000) == "X" * 11 + "\u2026"
