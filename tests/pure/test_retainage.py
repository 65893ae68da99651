import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules import retainage


@pytest.mark.parametrize(
    ("settled", "share"),
    [(5000, 500), (4500, 0), (4700, 200), (1000, 0), (6000, 500), (0, 0)],
)
def test_retained_share_of_a_5000_invoice_retaining_500(settled, share):
    assert retainage.retained_share(settled, 4500, 500) == share


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
)
def test_the_due_part_is_paid_before_the_retained_part(settled, due, retained):
    share = retainage.retained_share(settled, due, retained)
    assert 0 <= share <= retained
    assert share == 0 or settled - share >= due
