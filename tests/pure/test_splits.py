import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules import splits


def test_no_lines_is_no_split():
    assert splits.salesperson_split_problem([]) is None


def test_shares_of_100_pass():
    assert splits.salesperson_split_problem([(1, 60.0), (2, 40.0)]) is None


@pytest.mark.parametrize("total", [99.99, 100.01])
def test_total_off_by_a_hundredth_is_refused(total):
    assert (
        splits.salesperson_split_problem([(1, 50.0), (2, total - 50.0)])
        == splits.SPLIT_TOTAL
    )


def test_sixth_line_is_refused():
    lines = [(user, 100 / 6) for user in range(6)]
    assert splits.salesperson_split_problem(lines) == splits.SPLIT_TOO_MANY


@pytest.mark.parametrize("percent", [0.0, -10.0])
def test_zero_or_negative_share_is_refused(percent):
    lines = [(1, 100.0 - percent), (2, percent)]
    assert splits.salesperson_split_problem(lines) == splits.SPLIT_NOT_POSITIVE


def test_same_user_twice_is_refused():
    assert (
        splits.salesperson_split_problem([(1, 50.0), (1, 50.0)])
        == splits.SPLIT_DUPLICATE_USER
    )


@given(
    st.integers(min_value=-(10**9), max_value=10**9).map(lambda cents: cents / 100),
    st.lists(st.integers(min_value=1, max_value=100), min_size=1, max_size=5),
)
def test_split_shares_add_up_to_the_amount(amount, weights):
    percents = [weight * 100.0 / sum(weights) for weight in weights]
    shares = splits.split_amount(amount, percents)
    assert len(shares) == len(percents)
    assert round(sum(shares), 2) == round(amount, 2)
