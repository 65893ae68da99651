import datetime

import pytest

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
