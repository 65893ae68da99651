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
