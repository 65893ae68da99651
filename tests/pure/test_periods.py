import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rules import periods

D = datetime.date
# (year basis, fiscal last month, fiscal last day) of the settings exercised everywhere.
BASES = [
    ("calendar", 12, 31),
    ("fiscal", 12, 31),
    ("fiscal", 3, 31),
    ("fiscal", 6, 30),
    ("fiscal", 2, 29),
    ("fiscal", 9, 15),
]


def period(day, period_type, basis=("calendar", 12, 31)):
    return periods.statistics_period(day, period_type, *basis)


@pytest.mark.parametrize(
    ("day", "period_type", "expected"),
    [
        (D(2026, 1, 1), "monthly", (2026, 1)),
        (D(2026, 12, 31), "monthly", (2026, 12)),
        (D(2026, 4, 30), "bimonthly", (2026, 2)),
        (D(2026, 5, 1), "bimonthly", (2026, 3)),
        (D(2026, 3, 31), "quarterly", (2026, 1)),
        (D(2026, 4, 1), "quarterly", (2026, 2)),
        (D(2026, 6, 30), "semiannual", (2026, 1)),
        (D(2026, 7, 1), "semiannual", (2026, 2)),
        (D(2026, 1, 7), "seven_days", (2026, 1)),
        (D(2026, 1, 8), "seven_days", (2026, 2)),
        (D(2026, 12, 31), "seven_days", (2026, 53)),
        (D(2024, 12, 30), "seven_days", (2024, 53)),
        (D(2024, 12, 31), "seven_days", (2024, 53)),
        (D(2026, 1, 14), "biweekly", (2026, 1)),
        (D(2026, 1, 15), "biweekly", (2026, 2)),
        (D(2026, 12, 31), "biweekly", (2026, 27)),
        (D(2026, 1, 28), "four_weeks", (2026, 1)),
        (D(2026, 1, 29), "four_weeks", (2026, 2)),
        (D(2026, 12, 31), "four_weeks", (2026, 14)),
        (D(2026, 2, 15), "fiscal_period", (2026, 2)),
    ],
)
def test_calendar_year_periods(day, period_type, expected):
    assert period(day, period_type) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 2026 starts on a Thursday: ISO week 1 starts Monday 29 December 2025.
        (D(2025, 12, 29), (2026, 1)),
        (D(2025, 12, 28), (2025, 52)),
        (D(2026, 1, 4), (2026, 1)),
        (D(2026, 1, 5), (2026, 2)),
        # ... and 2026 is a 53-week year.
        (D(2026, 12, 31), (2026, 53)),
        (D(2027, 1, 3), (2026, 53)),
        (D(2027, 1, 4), (2027, 1)),
        # 1 January 2021 (a Friday) still belongs to week 53 of 2020, a leap year.
        (D(2021, 1, 1), (2020, 53)),
        (D(2020, 12, 31), (2020, 53)),
        (D(2024, 12, 30), (2025, 1)),
    ],
)
def test_weekly_periods_follow_iso_weeks_on_calendar_years(day, expected):
    assert period(day, "weekly") == expected
    iso = day.isocalendar()
    assert expected == (iso[0], iso[1])


@pytest.mark.parametrize(
    ("year", "weeks"),
    [
        (2015, 53),
        (2020, 53),
        (2026, 53),
        (2032, 53),
        (2021, 52),
        (2024, 52),
        (2025, 52),
        (2023, 52),
    ],
)
def test_53_week_years(year, weeks):
    assert periods.statistics_period_count(year, "weekly") == weeks


@pytest.mark.parametrize(
    ("day", "period_type", "expected"),
    [
        # Fiscal year April 2025 - March 2026 is named 2026.
        (D(2025, 4, 1), "monthly", (2026, 1)),
        (D(2025, 3, 31), "monthly", (2025, 12)),
        (D(2026, 3, 31), "monthly", (2026, 12)),
        (D(2026, 4, 1), "monthly", (2027, 1)),
        (D(2025, 12, 31), "monthly", (2026, 9)),
        (D(2026, 1, 1), "monthly", (2026, 10)),
        (D(2025, 6, 30), "quarterly", (2026, 1)),
        (D(2025, 7, 1), "quarterly", (2026, 2)),
        (D(2026, 1, 1), "quarterly", (2026, 4)),
        (D(2025, 9, 30), "semiannual", (2026, 1)),
        (D(2025, 10, 1), "semiannual", (2026, 2)),
        (D(2025, 4, 7), "seven_days", (2026, 1)),
        (D(2025, 4, 8), "seven_days", (2026, 2)),
        # The fiscal year to March 2024 holds 29 February: 366 days, period 53 is
        # two days long.
        (D(2024, 3, 30), "seven_days", (2024, 53)),
        (D(2024, 3, 31), "seven_days", (2024, 53)),
        (D(2024, 2, 29), "monthly", (2024, 11)),
        (D(2024, 2, 29), "fiscal_period", (2024, 11)),
    ],
)
def test_fiscal_year_ending_in_march(day, period_type, expected):
    assert period(day, period_type, ("fiscal", 3, 31)) == expected


def test_fiscal_period_uses_the_fiscal_year_even_with_calendar_accumulation():
    assert periods.statistics_period(
        D(2025, 4, 1), "fiscal_period", "calendar", 3, 31
    ) == (2026, 1)
    assert periods.statistics_period(D(2025, 4, 1), "monthly", "calendar", 3, 31) == (
        2025,
        4,
    )


def test_weekly_periods_on_a_fiscal_year_ending_in_march():
    # Fiscal 2026 runs from Wednesday 1 April 2025: its first week is the one of
    # Thursday 3 April.
    assert period(D(2025, 3, 31), "weekly", ("fiscal", 3, 31)) == (2026, 1)
    assert period(D(2025, 3, 30), "weekly", ("fiscal", 3, 31)) == (2025, 52)
    assert period(D(2025, 4, 7), "weekly", ("fiscal", 3, 31)) == (2026, 2)
    assert periods.statistics_period_bounds(2026, 1, "weekly", "fiscal", 3, 31) == (
        D(2025, 3, 31),
        D(2025, 4, 6),
    )


def test_fiscal_year_ending_on_29_february():
    # In common years the fiscal year ends on 28 February.
    assert periods.fiscal_year_end(2025, 2, 29) == D(2025, 2, 28)
    assert periods.fiscal_year_end(2024, 2, 29) == D(2024, 2, 29)
    assert periods.statistics_year_bounds(2025, "fiscal", 2, 29) == (
        D(2024, 3, 1),
        D(2025, 2, 28),
    )
    assert period(D(2024, 2, 29), "monthly", ("fiscal", 2, 29)) == (2024, 12)
    assert period(D(2024, 3, 1), "monthly", ("fiscal", 2, 29)) == (2025, 1)
    assert period(D(2025, 3, 1), "monthly", ("fiscal", 2, 29)) == (2026, 1)


def test_fiscal_year_ending_mid_month_cuts_months_on_that_day():
    basis = ("fiscal", 9, 15)
    assert period(D(2025, 9, 15), "monthly", basis) == (2025, 12)
    assert period(D(2025, 9, 16), "monthly", basis) == (2026, 1)
    assert period(D(2025, 10, 15), "monthly", basis) == (2026, 1)
    assert period(D(2025, 10, 16), "monthly", basis) == (2026, 2)
    assert periods.statistics_period_bounds(2026, 5, "monthly", *basis) == (
        D(2026, 1, 16),
        D(2026, 2, 15),
    )


@pytest.mark.parametrize(
    ("period_type", "count"),
    [
        ("seven_days", 53),
        ("biweekly", 27),
        ("four_weeks", 14),
        ("monthly", 12),
        ("bimonthly", 6),
        ("quarterly", 4),
        ("semiannual", 2),
        ("fiscal_period", 12),
    ],
)
def test_period_counts(period_type, count):
    assert periods.statistics_period_count(2026, period_type) == count
    assert periods.statistics_period_count(2024, period_type) == count


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="period type"):
        period(D(2026, 1, 1), "daily")
    with pytest.raises(ValueError, match="year basis"):
        periods.statistics_period(D(2026, 1, 1), "monthly", "lunar")
    with pytest.raises(ValueError, match="fiscal year end"):
        periods.statistics_period(D(2026, 1, 1), "monthly", "fiscal", 13, 31)
    with pytest.raises(ValueError, match="periods 1 to 12"):
        periods.statistics_period_bounds(2026, 13, "monthly")


def test_average_days_to_pay():
    assert periods.average_days_to_pay(51, 3) == 17
    assert periods.average_days_to_pay(0, 0) == 0


@pytest.mark.parametrize("basis", BASES)
@pytest.mark.parametrize("period_type", periods.PERIOD_TYPES)
@pytest.mark.parametrize("year", [2023, 2024, 2025, 2026, 2027, 2028])
def test_periods_tile_the_year_exactly(year, period_type, basis):
    """Every day of every year lies in exactly one period.

    The periods follow one another, with neither gap nor overlap.
    """
    count = periods.statistics_period_count(year, period_type, *basis)
    expected_next = None
    for number in range(1, count + 1):
        first, last = periods.statistics_period_bounds(
            year, number, period_type, *basis
        )
        assert first <= last
        if expected_next:
            assert first == expected_next
        expected_next = last + datetime.timedelta(days=1)
        for day in (first, last):
            assert periods.statistics_period(day, period_type, *basis) == (
                year,
                number,
            )
    # The next year's first period starts the day after this year's last one.
    next_first = periods.statistics_period_bounds(year + 1, 1, period_type, *basis)[0]
    assert next_first == expected_next


@given(
    day=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)),
    period_type=st.sampled_from(periods.PERIOD_TYPES),
    basis=st.sampled_from(BASES),
)
def test_a_day_lies_within_the_bounds_of_its_period(day, period_type, basis):
    year, number = periods.statistics_period(day, period_type, *basis)
    assert 1 <= number <= periods.statistics_period_count(year, period_type, *basis)
    first, last = periods.statistics_period_bounds(year, number, period_type, *basis)
    assert first <= day <= last


@given(
    day=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 30)),
    period_type=st.sampled_from(periods.PERIOD_TYPES),
    basis=st.sampled_from(BASES),
)
def test_the_next_day_stays_in_the_period_or_starts_the_next_one(
    day, period_type, basis
):
    year, number = periods.statistics_period(day, period_type, *basis)
    following = periods.statistics_period(
        day + datetime.timedelta(days=1), period_type, *basis
    )
    assert following in ((year, number), (year, number + 1), (year + 1, 1))


@pytest.mark.parametrize(
    ("average", "timing"),
    [
        (-33.0, (periods.PAID_EARLY, 33.0)),
        (5.04, (periods.PAID_LATE, 5.0)),
        (0.04, (periods.PAID_ON_TIME, 0.0)),
        (-0.04, (periods.PAID_ON_TIME, 0.0)),
        (0.0, (periods.PAID_ON_TIME, 0.0)),
    ],
)
def test_payment_timing(average, timing):
    assert periods.payment_timing(average) == timing
