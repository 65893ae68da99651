from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from rules import credit

# Amounts in cents turned into currency units, as the ledger stores them.
amounts = st.integers(min_value=0, max_value=10**9).map(lambda cents: cents / 100)
days = st.integers(min_value=0, max_value=3650)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))

SEED_RULE = credit.CreditRule(overdue_limit=250.0, overdue_days=90, check_overdue=True)


def test_seed_example_300_overdue_breaks_the_250_rule():
    [breach] = credit.credit_breaches(SEED_RULE, outstanding=300.0, overdue=300.0)
    assert breach == credit.CreditBreach(credit.BREACH_OVERDUE, 300.0, 250.0, 50.0)


def test_seed_example_200_overdue_does_not():
    assert credit.credit_breaches(SEED_RULE, outstanding=200.0, overdue=200.0) == []


def test_a_check_that_is_off_never_warns():
    rule = credit.CreditRule(credit_limit=0.0, overdue_limit=0.0)
    assert credit.credit_breaches(rule, outstanding=1e9, overdue=1e9) == []


def test_both_rules_broken_give_outstanding_first():
    rule = credit.CreditRule(
        100.0, 10.0, 30, check_credit_limit=True, check_overdue=True
    )
    kinds = [b.kind for b in credit.credit_breaches(rule, 150.0, 20.0)]
    assert kinds == [credit.BREACH_OUTSTANDING, credit.BREACH_OVERDUE]


def test_an_amount_equal_to_its_limit_is_within_it_despite_float_noise():
    assert not credit.exceeds(0.1 + 0.2, 0.3)
    assert credit.exceeds(0.31, 0.3)
    assert not credit.exceeds(1000.004, 1000.0)
    assert credit.exceeds(1000.01, 1000.0)


def test_a_zero_limit_forbids_any_debt():
    rule = credit.CreditRule(credit_limit=0.0, check_credit_limit=True)
    assert credit.credit_breaches(rule, 0.0, 0.0) == []
    assert credit.credit_breaches(rule, 0.01, 0.0)[0].excess == 0.01


def test_a_credit_balance_never_breaks_a_limit():
    rule = credit.CreditRule(credit_limit=0.0, check_credit_limit=True)
    assert credit.credit_breaches(rule, -500.0, 0.0) == []


def test_overdue_cutoff_of_the_seed_rule():
    assert credit.overdue_cutoff(date(2026, 4, 1), 90) == date(2026, 1, 1)
    assert credit.overdue_cutoff(date(2026, 4, 1), 0) == date(2026, 4, 1)


def test_own_limits_win_only_while_the_group_allows_edit():
    group = {"EUR": (1000.0, 100.0), "USD": (2000.0, 200.0)}
    own = {"EUR": (5000.0, 0.0), "GBP": (10.0, 1.0)}
    assert credit.resolve_credit_limits(group, own, allow_edit=True) == {
        "EUR": (5000.0, 0.0),
        "USD": (2000.0, 200.0),
        "GBP": (10.0, 1.0),
    }
    assert credit.resolve_credit_limits(group, own, allow_edit=False) == group


@given(
    outstanding=amounts,
    overdue=amounts,
    credit_limit=amounts,
    overdue_limit=amounts,
    overdue_days=days,
)
def test_a_breach_is_reported_exactly_when_an_amount_is_over_its_limit(
    outstanding, overdue, credit_limit, overdue_limit, overdue_days
):
    rule = credit.CreditRule(credit_limit, overdue_limit, overdue_days, True, True)
    breaches = {b.kind: b for b in credit.credit_breaches(rule, outstanding, overdue)}
    assert (credit.BREACH_OUTSTANDING in breaches) == (
        round(outstanding - credit_limit, 2) > 0
    )
    assert (credit.BREACH_OVERDUE in breaches) == (
        round(overdue - overdue_limit, 2) > 0
    )
    for breach in breaches.values():
        assert breach.excess > 0
        assert round(breach.amount - breach.limit - breach.excess, 6) == 0


@given(outstanding=amounts, extra=amounts, credit_limit=amounts)
def test_owing_more_never_removes_a_warning(outstanding, extra, credit_limit):
    rule = credit.CreditRule(credit_limit=credit_limit, check_credit_limit=True)
    if credit.credit_breaches(rule, outstanding, 0.0):
        assert credit.credit_breaches(rule, outstanding + extra, 0.0)


@given(outstanding=amounts, credit_limit=amounts, raise_by=amounts)
def test_raising_a_limit_never_adds_a_warning(outstanding, credit_limit, raise_by):
    low = credit.CreditRule(credit_limit=credit_limit, check_credit_limit=True)
    high = credit.CreditRule(
        credit_limit=credit_limit + raise_by, check_credit_limit=True
    )
    if not credit.credit_breaches(low, outstanding, 0.0):
        assert not credit.credit_breaches(high, outstanding, 0.0)


@given(today=dates, overdue_days=days, age=st.integers(min_value=-3650, max_value=3650))
def test_a_transaction_counts_as_overdue_exactly_from_its_nth_day(
    today, overdue_days, age
):
    due = today - timedelta(days=age)
    assert (due <= credit.overdue_cutoff(today, overdue_days)) == (age >= overdue_days)


@given(today=dates, fewer=days, more=days)
def test_a_longer_overdue_period_counts_fewer_transactions(today, fewer, more):
    fewer, more = sorted((fewer, more))
    assert credit.overdue_cutoff(today, more) <= credit.overdue_cutoff(today, fewer)


@given(
    group=st.dictionaries(
        st.sampled_from(["EUR", "USD", "GBP"]), st.tuples(amounts, amounts)
    ),
    own=st.dictionaries(
        st.sampled_from(["EUR", "USD", "CHF"]), st.tuples(amounts, amounts)
    ),
    allow_edit=st.booleans(),
)
def test_every_currency_of_the_group_keeps_a_limit(group, own, allow_edit):
    limits = credit.resolve_credit_limits(group, own, allow_edit)
    assert set(group) <= set(limits)
    for currency, pair in limits.items():
        assert pair == (
            own[currency] if allow_edit and currency in own else group[currency]
        )
