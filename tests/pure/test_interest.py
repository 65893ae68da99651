import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules import interest

D = datetime.date


# Hand-computed: open amount x rate x days / 365, rounded half up to the cent.
@pytest.mark.parametrize(
    ("amount", "rate", "days", "rounding", "expected"),
    [
        (1000.0, 12.0, 30, 0.01, 9.86),  # 1000 x 0.12 x 30 / 365 = 9.8630
        (2500.0, 18.0, 45, 0.01, 55.48),  # 2500 x 0.18 x 45 / 365 = 55.4795
        (1000.0, 12.0, 30, 0.05, 9.85),  # Swiss francs: 9.8630 to the nearest 0.05
        (100000.0, 10.0, 31, 1.0, 849.0),  # yen: 849.3151 to the unit
        (9.86, 12.0, 30, 0.01, 0.10),  # 0.09725 rounds up
        (365.0, 1.0, 1, 0.01, 0.01),  # 365 x 0.01 / 365 = 0.01 exactly
    ],
)
def test_interest_amount_hand_computed(amount, rate, days, rounding, expected):
    assert interest.interest_amount(amount, rate, days, rounding) == expected


@pytest.mark.parametrize(
    ("amount", "rate", "days"), [(0, 12, 30), (-50, 12, 30), (100, 0, 30), (100, 12, 0)]
)
def test_nothing_is_owed_without_amount_rate_or_days(amount, rate, days):
    assert interest.interest_amount(amount, rate, days, 0.01) == 0.0


def test_rounding_is_half_up_not_bankers():
    assert interest.round_to_currency(0.125, 0.01) == 0.13
    assert interest.round_to_currency(2.675, 0.01) == 2.68
    assert interest.round_to_currency(2.5, 1) == 3.0
    assert interest.round_to_currency(1.024, 0.05) == 1.0


def test_rounding_step_must_be_positive():
    with pytest.raises(ValueError):
        interest.round_to_currency(1.0, 0)


def test_grace_days_spare_a_document_paid_within_them():
    # Due 31 January, 10 grace days: on 10 February it is 10 days late, still spared.
    assert interest.interest_period(D(2026, 1, 31), D(2026, 2, 10), 10) is None


def test_after_the_grace_days_interest_counts_from_the_due_date():
    period = interest.interest_period(D(2026, 1, 31), D(2026, 2, 11), 10)
    assert period == (D(2026, 1, 31), D(2026, 2, 11), 11)


def test_without_grace_days_one_day_late_is_charged():
    assert interest.interest_period(D(2026, 1, 31), D(2026, 2, 1), 0) == (
        D(2026, 1, 31),
        D(2026, 2, 1),
        1,
    )
    assert interest.interest_period(D(2026, 1, 31), D(2026, 1, 31), 0) is None


def test_a_later_run_charges_only_the_days_since_the_last_charge():
    # Grace days no longer matter once interest was charged.
    assert interest.interest_period(
        D(2026, 1, 31), D(2026, 3, 11), 10, D(2026, 2, 11)
    ) == (
        D(2026, 2, 11),
        D(2026, 3, 11),
        28,
    )


def test_same_run_date_twice_charges_nothing():
    assert (
        interest.interest_period(D(2026, 1, 31), D(2026, 2, 11), 10, D(2026, 2, 11))
        is None
    )
    assert (
        interest.interest_period(D(2026, 1, 31), D(2026, 2, 5), 0, D(2026, 2, 11))
        is None
    )


def _documents():
    return [
        {
            "key": "INV1",
            "due_date": D(2026, 1, 1),
            "open_amount": 1000.0,
            "charged_until": None,
        },
        {
            "key": "INT1",
            "due_date": D(2026, 2, 1),
            "open_amount": 9.86,
            "charged_until": None,
            "is_interest": True,
        },
    ]


def test_simple_interest_leaves_earlier_interest_invoices_out():
    # 1 Jan to 3 Mar 2026 = 61 days: 1000 x 0.12 x 61 / 365 = 20.0548
    charges = interest.interest_charges(
        _documents(), 12.0, 0, False, D(2026, 3, 3), 0.01
    )
    assert charges == [
        {
            "key": "INV1",
            "date_from": D(2026, 1, 1),
            "date_to": D(2026, 3, 3),
            "days": 61,
            "amount": 20.05,
        }
    ]


def test_compound_interest_charges_unpaid_interest_too():
    # The interest invoice: 1 Feb to 3 Mar = 30 days, 9.86 x 0.12 x 30 / 365 = 0.0973
    charges = interest.interest_charges(
        _documents(), 12.0, 0, True, D(2026, 3, 3), 0.01
    )
    assert [(c["key"], c["days"], c["amount"]) for c in charges] == [
        ("INV1", 61, 20.05),
        ("INT1", 30, 0.10),
    ]


def test_zero_rate_never_charges():
    assert (
        interest.interest_charges(_documents(), 0.0, 0, True, D(2030, 1, 1), 0.01) == []
    )


def test_documents_whose_interest_rounds_to_zero_are_left_out():
    docs = [
        {
            "key": "X",
            "due_date": D(2026, 1, 1),
            "open_amount": 0.10,
            "charged_until": None,
        }
    ]
    assert interest.interest_charges(docs, 12.0, 0, False, D(2026, 1, 2), 0.01) == []


@pytest.mark.parametrize(
    ("total", "minimum", "expected"),
    [
        (4.99, 5.0, False),
        (5.0, 5.0, True),
        (20.05, 5.0, True),
        (0.0, 0.0, False),
        (0.01, 0.0, True),
    ],
)
def test_minimum_charge(total, minimum, expected):
    assert interest.meets_minimum_charge(total, minimum) is expected


@pytest.mark.parametrize(
    ("last", "frequency", "interval", "expected"),
    [
        (D(2026, 1, 31), "monthly", 0, D(2026, 2, 28)),
        (D(2028, 1, 31), "monthly", 0, D(2028, 2, 29)),
        (D(2026, 12, 15), "monthly", 0, D(2027, 1, 15)),
        (D(2026, 3, 2), "weekly", 0, D(2026, 3, 9)),
        (D(2026, 3, 2), "days", 10, D(2026, 3, 12)),
        (None, "monthly", 0, None),
    ],
)
def test_next_cycle_date(last, frequency, interval, expected):
    assert interest.next_cycle_date(last, frequency, interval) == expected


def test_next_cycle_date_refuses_bad_cycles():
    with pytest.raises(ValueError):
        interest.next_cycle_date(D(2026, 1, 1), "days", 0)
    with pytest.raises(ValueError):
        interest.next_cycle_date(D(2026, 1, 1), "yearly")


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(dates, st.integers(0, 400), st.integers(0, 400), st.integers(0, 30))
def test_splitting_a_period_in_two_runs_charges_the_same_days(
    due, first, second, grace
):
    run1 = due + datetime.timedelta(days=first)
    run2 = run1 + datetime.timedelta(days=second)
    once = interest.interest_period(due, run2, grace)
    p1 = interest.interest_period(due, run1, grace)
    p2 = interest.interest_period(due, run2, grace, p1[1] if p1 else None)
    split_days = (p1[2] if p1 else 0) + (p2[2] if p2 else 0)
    # Only when the first run fell within the grace days can the second run start
    # over from the due date.
    assert split_days == (once[2] if once else 0)


@given(
    st.floats(0.01, 1e7),
    st.floats(0.01, 50),
    st.integers(1, 3650),
    st.integers(1, 3650),
)
def test_interest_grows_with_days(amount, rate, days, more):
    shorter = interest.interest_amount(amount, rate, days, 0.01)
    assert shorter <= interest.interest_amount(amount, rate, days + more, 0.01)
