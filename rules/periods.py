"""Statistics periods: which year and period bucket a day's figures go to.

The buckets must tile every year exactly (no day in two periods, none in
none), since the statistics are summed per bucket and compared year on year.
"""

# Source: Sage 300 customer-group statistics, kept per year and period. The
# year is a calendar year or a fiscal year ("accumulate by"); the period type
# cuts it in weeks, blocks of days or months. A year is named after the
# calendar year in which it ends, so a fiscal year running from April 2025 to
# March 2026 is 2026.

import calendar
import datetime

PERIOD_TYPES = (
    "weekly",
    "seven_days",
    "biweekly",
    "four_weeks",
    "monthly",
    "bimonthly",
    "quarterly",
    "semiannual",
    "fiscal_period",
)
YEAR_BASES = ("calendar", "fiscal")

# Periods cut in blocks of days counted from the first day of the year; the
# last block of a year is short (one or two days for seven-day periods).
_DAY_BLOCKS = {"seven_days": 7, "biweekly": 14, "four_weeks": 28}
# Periods cut in whole months counted from the first day of the year.
_MONTH_BLOCKS = {
    "monthly": 1,
    "bimonthly": 2,
    "quarterly": 3,
    "semiannual": 6,
    "fiscal_period": 1,
}


def _check_period_settings(period_type, year_basis, last_month, last_day):
    if period_type not in PERIOD_TYPES:
        raise ValueError(
            f"Unknown statistics period type {period_type!r}; "
            f"expected one of {PERIOD_TYPES}."
        )
    if year_basis not in YEAR_BASES:
        raise ValueError(
            f"Unknown statistics year basis {year_basis!r}; "
            f"expected one of {YEAR_BASES}."
        )
    if not 1 <= last_month <= 12 or not 1 <= last_day <= 31:
        raise ValueError(
            f"Invalid fiscal year end: day {last_day} of month {last_month}."
        )


def _add_months(day, months):
    """``day`` moved by whole months, on the same day or the month's last day.

    Clamping to a shorter month's last day, rather than overflowing into the
    next month, keeps every period boundary inside its month.
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fiscal_year_end(year, last_month=12, last_day=31):
    """Last day of the fiscal year ending in calendar ``year``.

    A last day beyond the month's length (29 February in a common year, 31
    April) means the month's last day, as Odoo's fiscal year setting does.
    """
    return datetime.date(
        year, last_month, min(last_day, calendar.monthrange(year, last_month)[1])
    )


def statistics_year_bounds(year, year_basis="calendar", last_month=12, last_day=31):
    """First and last day of statistics year ``year``.

    A fiscal year starts the day after the previous one ends, so years never
    overlap or leave a gap even when the end day is clamped (29 February).
    """
    if year_basis == "calendar":
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (
        fiscal_year_end(year - 1, last_month, last_day) + datetime.timedelta(days=1),
        fiscal_year_end(year, last_month, last_day),
    )


def _statistics_year_of(day, year_basis, last_month, last_day):
    if year_basis == "calendar":
        return day.year
    return (
        day.year
        if day <= fiscal_year_end(day.year, last_month, last_day)
        else day.year + 1
    )


def _month_index(day, start):
    """Whole months from ``start`` to ``day``, both in the same year."""
    index = (day.year - start.year) * 12 + day.month - start.month
    return index - 1 if day < _add_months(start, index) else index


def statistics_period(
    day, period_type, year_basis="calendar", last_month=12, last_day=31
):
    """Return ``(year, period)`` of the statistics bucket ``day`` falls in.

    Periods count from 1.

    - weekly: Monday-to-Sunday weeks; a week belongs to the year of its
      Thursday, so a year has 52 or 53 whole weeks and no week is split
      (with calendar years these are the ISO 8601 weeks);
    - seven_days, biweekly, four_weeks: blocks of 7, 14 or 28 days from the
      first day of the year, the last one short;
    - monthly, bimonthly, quarterly, semiannual: blocks of 1, 2, 3 or 6 months
      from the first day of the year;
    - fiscal_period: the months of the fiscal year, whatever the year basis.
    """
    _check_period_settings(period_type, year_basis, last_month, last_day)
    if period_type == "fiscal_period":
        year_basis = "fiscal"
    if period_type == "weekly":
        thursday = day + datetime.timedelta(days=3 - day.weekday())
        year = _statistics_year_of(thursday, year_basis, last_month, last_day)
        start = statistics_year_bounds(year, year_basis, last_month, last_day)[0]
        first_thursday = start + datetime.timedelta(days=(3 - start.weekday()) % 7)
        return year, (thursday - first_thursday).days // 7 + 1
    year = _statistics_year_of(day, year_basis, last_month, last_day)
    start = statistics_year_bounds(year, year_basis, last_month, last_day)[0]
    if period_type in _DAY_BLOCKS:
        return year, (day - start).days // _DAY_BLOCKS[period_type] + 1
    return year, _month_index(day, start) // _MONTH_BLOCKS[period_type] + 1


def statistics_period_count(
    year, period_type, year_basis="calendar", last_month=12, last_day=31
):
    """Number of periods of statistics year ``year``.

    Counted from the year's last day rather than stored, since it varies with
    the year (53-week years, leap years).
    """
    _check_period_settings(period_type, year_basis, last_month, last_day)
    if period_type == "fiscal_period":
        year_basis = "fiscal"
    end = statistics_year_bounds(year, year_basis, last_month, last_day)[1]
    if period_type == "weekly":
        # The year's last week is the one whose Thursday is the year's last
        # Thursday.
        last_thursday = end - datetime.timedelta(days=(end.weekday() - 3) % 7)
        return statistics_period(
            last_thursday, period_type, year_basis, last_month, last_day
        )[1]
    return statistics_period(end, period_type, year_basis, last_month, last_day)[1]


def statistics_period_bounds(
    year, period, period_type, year_basis="calendar", last_month=12, last_day=31
):
    """First and last day of ``period`` of statistics year ``year``.

    A period number the year does not have is refused rather than spilling
    into the next year.
    """
    count = statistics_period_count(year, period_type, year_basis, last_month, last_day)
    if not 1 <= period <= count:
        raise ValueError(
            f"Year {year} has periods 1 to {count} of type {period_type}, not {period}."
        )
    if period_type == "fiscal_period":
        year_basis = "fiscal"
    start, end = statistics_year_bounds(year, year_basis, last_month, last_day)
    if period_type == "weekly":
        first_thursday = start + datetime.timedelta(days=(3 - start.weekday()) % 7)
        monday = first_thursday + datetime.timedelta(days=7 * (period - 1) - 3)
        return monday, monday + datetime.timedelta(days=6)
    if period_type in _DAY_BLOCKS:
        size = _DAY_BLOCKS[period_type]
        first = start + datetime.timedelta(days=size * (period - 1))
        return first, min(end, first + datetime.timedelta(days=size - 1))
    size = _MONTH_BLOCKS[period_type]
    first = _add_months(start, size * (period - 1))
    return first, min(
        end, _add_months(start, size * period) - datetime.timedelta(days=1)
    )


def average_days_to_pay(total_days, paid_count):
    """Average days to pay, 0 when nothing was paid.

    0 rather than a division by zero, so a group without payments shows 0.
    """
    return total_days / paid_count if paid_count else 0.0


PAID_LATE = "late"
PAID_EARLY = "early"
PAID_ON_TIME = "on_time"


def payment_timing(average_days_late, digits=1):
    """``(when, days)``: whether payments came late, early or on time on average,
    and by how many days, as the page rounds them.

    A negative average of days late reads as days early; one that rounds to
    zero is on time.
    """
    days = round(average_days_late, digits)
    if days > 0:
        return PAID_LATE, days
    if days < 0:
        return PAID_EARLY, -days
    return PAID_ON_TIME, 0.0
