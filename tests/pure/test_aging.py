import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules import aging

D = datetime.date


# Statement on 31 May 2026: 0, 1, 30, 31, 60, 61, 90 and 91 days past due sit on
# the bucket edges.
@pytest.mark.parametrize(
    ("due", "bucket"),
    [
        (D(2026, 6, 15), "current"),
        (D(2026, 5, 31), "current"),
        (D(2026, 5, 30), "1_30"),
        (D(2026, 5, 1), "1_30"),
        (D(2026, 4, 30), "31_60"),
        (D(2026, 4, 1), "31_60"),
        (D(2026, 3, 31), "61_90"),
        (D(2026, 3, 2), "61_90"),
        (D(2026, 3, 1), "over_90"),
    ],
)
def test_aging_bucket(due, bucket):
    assert aging.aging_bucket(due, D(2026, 5, 31)) == bucket


@pytest.mark.parametrize(
    ("amounts", "netted"),
    [
        # Acme's case: an unapplied credit note as large as the invoice.
        ([31750, -31750], [0, 0]),
        # A receipt pays the oldest invoice first, the next one in part.
        ([100, 200, 300, -250], [0, 50, 300, 0]),
        # A credit due later than the invoices still pays the oldest.
        ([-40, 100, 100], [0, 60, 100]),
        # More credit than debit: the latest credits keep the rest.
        ([100, -80, -50], [0, 0, -30]),
        ([100, 200], [100, 200]),
        ([-10, -20], [-10, -20]),
        ([], []),
    ],
)
def test_net_oldest_first(amounts, netted):
    assert aging.net_oldest_first(amounts) == netted


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), max_size=30))
def test_net_oldest_first_keeps_the_balance_and_never_turns_a_sign(amounts):
    netted = aging.net_oldest_first(amounts)
    assert sum(netted) == sum(amounts)
    assert all(
        0 <= new <= old or old <= new <= 0
        for old, new in zip(amounts, netted, strict=True)
    )
    # Nothing is left both owed and owed back.
    assert not (any(n > 0 for n in netted) and any(n < 0 for n in netted))
    # What is left owed is the newest debits: an older debit is paid before a newer.
    debits = [(old, new) for old, new in zip(amounts, netted, strict=True) if old > 0]
    paid = [i for i, (old, new) in enumerate(debits) if new < old]
    if paid:
        assert all(new == 0 for _old, new in debits[: paid[-1]])


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-5, "current"),
        (0, "current"),
        (1, "period_1"),
        (30, "period_1"),
        (31, "period_2"),
        (60, "period_2"),
        (61, "period_3"),
        (90, "period_3"),
        (91, "period_4"),
        (120, "period_4"),
        (121, "older"),
    ],
)
def test_aged_bucket_with_the_default_periods(days, bucket):
    assert aging.aged_bucket(days, aging.AGING_PERIODS) == bucket


def test_aged_bucket_bounds_follow_the_periods():
    assert aging.aged_bucket_bounds((7, 14, 21, 28)) == [
        ("current", None, 0),
        ("period_1", 1, 7),
        ("period_2", 8, 14),
        ("period_3", 15, 21),
        ("period_4", 22, 28),
        ("older", 29, None),
    ]


@pytest.mark.parametrize(
    "periods", [(30, 60, 90), (0, 30, 60, 90), (30, 30, 60, 90), (30, 60, 50, 90)]
)
def test_check_aging_periods_refuses_empty_or_backward_periods(periods):
    with pytest.raises(ValueError):
        aging.check_aging_periods(periods)


@given(
    st.lists(st.integers(min_value=1, max_value=400), min_size=4, max_size=4).map(
        lambda ends: tuple(sorted(set(ends)))
    ),
    st.integers(min_value=-100, max_value=1000),
)
def test_aged_bucket_is_the_column_whose_bounds_hold_the_days(periods, days):
    if len(periods) != 4:
        return
    aging.check_aging_periods(periods)
    bucket = aging.aged_bucket(days, periods)
    [(first, last)] = [
        (first, last)
        for name, first, last in aging.aged_bucket_bounds(periods)
        if name == bucket
    ]
    assert first is None or first <= days
    assert last is None or days <= last
