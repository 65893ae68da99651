"""Accounts-receivable rules of the customer groups, free of any Odoo import.

The models call these functions; keeping them plain lets the rules be tested
on any machine, without a database.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

GROUP_CODE_MAX_LENGTH = 6
_GROUP_CODE_PATTERN = re.compile(r"[A-Z0-9]+")

# Why a code is refused; the model turns each reason into a translated message.
CODE_EMPTY = "empty"
CODE_TOO_LONG = "too_long"
CODE_BAD_CHARACTERS = "bad_characters"

# Customer field <- group field: the defaults a group hands down to its members.
PARTNER_FIELDS_FROM_GROUP = {
    "property_account_receivable_id": "receivable_account_id",
    "property_payment_term_id": "payment_term_id",
    "customer_account_set_id": "account_set_id",
    "customer_interest_profile_id": "interest_profile_id",
    "customer_billing_cycle_id": "billing_cycle_id",
    "customer_account_type": "account_type",
    "customer_print_statements": "print_statements",
    "property_account_position_id": "fiscal_position_id",
    "user_id": "user_id",
}
# Group fields whose False is a choice rather than "no value".
_BOOLEAN_GROUP_FIELDS = {"print_statements"}


def normalize_group_code(code):
    """Return the code as stored: surrounding blanks removed, upper case."""
    return (code or "").strip().upper()


def group_code_problem(code):
    """Return why ``code`` cannot be a group code, or None when it can.

    Sage 300 allows up to six letters and digits; nothing else, so codes stay
    usable as keys in imports, reports and integrations.
    """
    # Upper-casing turns some letters into ASCII ("ß" into "SS"): judge the
    # characters as typed, the pattern on the code as stored.
    typed = (code or "").strip()
    code = normalize_group_code(code)
    if not code:
        return CODE_EMPTY
    if len(code) > GROUP_CODE_MAX_LENGTH:
        return CODE_TOO_LONG
    if not typed.isascii() or not _GROUP_CODE_PATTERN.fullmatch(code):
        return CODE_BAD_CHARACTERS
    return None


def partner_defaults_from_group(group_values):
    """Map a group's default values onto the customer fields they fill.

    ``group_values`` holds the group's values by group field name. A group
    value that is empty (no receivable account on the account set, say) is
    left out, so it never blanks what the customer already has; a boolean is
    always kept, since False is a real choice for "print statements".
    """
    defaults = {}
    for partner_field, group_field in PARTNER_FIELDS_FROM_GROUP.items():
        value = group_values.get(group_field)
        if value or group_field in _BOOLEAN_GROUP_FIELDS:
            defaults[partner_field] = value
    return defaults


def apply_group_defaults(vals, defaults):
    """Values to write on a customer who joins a group.

    The group's defaults fill every field the caller did not set in the same
    call: a value given explicitly alongside the group is the user's choice
    and wins, as when Sage lets the user change a default on the new record.
    """
    return {**defaults, **vals}


# ---------------------------------------------------------------------------
# Credit rules: effective limits per currency and the credit check itself
# ---------------------------------------------------------------------------

BREACH_OUTSTANDING = "outstanding"
BREACH_OVERDUE = "overdue"


@dataclass(frozen=True)
class CreditRule:
    """What a customer's credit is checked against, in one currency.

    A check that is off ignores its limit; a limit of 0 with its check on means
    the customer may owe nothing in that currency.
    """

    credit_limit: float = 0.0
    overdue_limit: float = 0.0
    overdue_days: int = 0
    check_credit_limit: bool = False
    check_overdue: bool = False
    # Pooled: the limits apply to the group as a whole, against the sum of
    # what all its members owe.
    pooled: bool = False


@dataclass(frozen=True)
class CreditBreach:
    """One rule a customer breaks: ``amount`` exceeds ``limit`` by ``excess``."""

    kind: str
    amount: float
    limit: float
    excess: float


def resolve_credit_limits(group_limits, own_limits, allow_edit):
    """Effective (credit limit, overdue limit) per currency of a customer.

    Both arguments map a currency key to a ``(credit_limit, overdue_limit)``
    pair. A customer's own line replaces the group's line of its currency only
    while the group allows its members to edit their limit: switching the
    option off brings every member back to the group's limits without
    touching their own lines, as Sage lets the option be toggled at any time.
    """
    limits = dict(group_limits)
    if allow_edit:
        limits.update(own_limits)
    return limits


def overdue_cutoff(today, overdue_days):
    """Latest due date that makes a transaction ``overdue_days`` days or more overdue."""
    return today - timedelta(days=overdue_days)


def split_overdue(amounts_by_due_date, today, overdue_days):
    """``(outstanding, overdue)`` of open amounts given as ``(due date, amount)`` pairs.

    Outstanding is the total; overdue the part due ``overdue_days`` days ago or
    earlier. Credits (unapplied receipts, credit notes) count on their own due
    date, so a customer's old credit offsets an invoice as old. An item
    without a due date is outstanding, never overdue.
    """
    cutoff = overdue_cutoff(today, overdue_days)
    outstanding = overdue = 0.0
    for due_date, amount in amounts_by_due_date:
        outstanding += amount
        if due_date and due_date <= cutoff:
            overdue += amount
    return outstanding, overdue


def exceeds(amount, limit, rounding=0.01):
    """Whether ``amount`` is over ``limit`` by at least half the currency's smallest unit.

    Comparing at the currency's precision keeps float noise (0.1 + 0.2) from
    raising a warning on an amount that equals its limit.
    """
    return amount - limit >= rounding / 2


def credit_breaches(rule, outstanding, overdue, rounding=0.01):
    """The rules of ``rule`` that ``outstanding`` and ``overdue`` break, outstanding first.

    ``outstanding`` is everything the customer owes in the currency, this
    document (and pending transactions where the company counts them)
    included; ``overdue`` is what is due for at least ``rule.overdue_days``
    days.
    """
    breaches = []
    if rule.check_credit_limit and exceeds(outstanding, rule.credit_limit, rounding):
        breaches.append(
            CreditBreach(
                BREACH_OUTSTANDING,
                outstanding,
                rule.credit_limit,
                outstanding - rule.credit_limit,
            )
        )
    if rule.check_overdue and exceeds(overdue, rule.overdue_limit, rounding):
        breaches.append(
            CreditBreach(
                BREACH_OVERDUE,
                overdue,
                rule.overdue_limit,
                overdue - rule.overdue_limit,
            )
        )
    return breaches


# Interest charges and billing cycles
# ---------------------------------------------------------------------------

# Interest accrues on an "actual/365 fixed" basis: every calendar day counts,
# a year is always 365 days, so a leap year never changes what a day costs.
INTEREST_YEAR_DAYS = 365

AGING_BUCKETS = ("current", "1_30", "31_60", "61_90", "over_90")


def interest_period(due_date, run_date, grace_days, charged_until=None):
    """Return ``(date_from, date_to, days)`` of interest owed on one document, or None.

    Interest runs from the due date, or from the last date already charged,
    up to the run date. Grace days only decide whether a document is charged
    at all the first time: one paid within the grace period costs nothing,
    one paid later owes interest from its due date, as in Sage.
    Charging the same run date twice gives None the second time.
    """
    if charged_until is None:
        if (run_date - due_date).days <= grace_days:
            return None
        start = due_date
    else:
        start = max(charged_until, due_date)
    days = (run_date - start).days
    if days <= 0:
        return None
    return start, run_date, days


def round_to_currency(amount, rounding):
    """Round half away from zero to the currency's smallest step (0.01, 0.05, 1...)."""
    step = Decimal(str(rounding))
    if step <= 0:
        raise ValueError("The currency rounding must be greater than zero.")
    units = (Decimal(str(amount)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return float(units * step)


def interest_amount(open_amount, annual_rate, days, rounding):
    """Interest on ``open_amount`` for ``days`` days at ``annual_rate`` percent a year.

    ``annual_rate`` is a percentage (12.0 means 12 % a year). The result is
    rounded to the currency; a negative or zero amount, rate or day count
    owes nothing.
    """
    if open_amount <= 0 or annual_rate <= 0 or days <= 0:
        return 0.0
    raw = Decimal(str(open_amount)) * Decimal(str(annual_rate)) / Decimal(100)
    raw = raw * Decimal(days) / Decimal(INTEREST_YEAR_DAYS)
    return round_to_currency(raw, rounding)


def interest_base_documents(documents, compound):
    """The open documents interest is charged on.

    Simple interest leaves earlier interest invoices out; compound interest
    charges them like any other overdue document.
    """
    return [doc for doc in documents if compound or not doc.get("is_interest")]


def interest_charges(documents, annual_rate, grace_days, compound, run_date, rounding):
    """Interest per document for one customer in one currency.

    ``documents`` are dicts with ``key``, ``due_date``, ``open_amount`` (in the
    currency of the charge), ``charged_until`` (None if never charged) and
    ``is_interest``. Returns dicts with the document's ``key``, ``date_from``,
    ``date_to``, ``days`` and ``amount``, leaving out documents that owe
    nothing. Each line is rounded on its own, so the invoice total is the sum
    of the lines the customer reads.
    """
    charges = []
    if annual_rate <= 0:
        return charges
    for doc in interest_base_documents(documents, compound):
        period = interest_period(
            doc["due_date"], run_date, grace_days, doc.get("charged_until")
        )
        if not period:
            continue
        date_from, date_to, days = period
        amount = interest_amount(doc["open_amount"], annual_rate, days, rounding)
        if amount > 0:
            charges.append(
                {
                    "key": doc["key"],
                    "date_from": date_from,
                    "date_to": date_to,
                    "days": days,
                    "amount": amount,
                }
            )
    return charges


def meets_minimum_charge(total, minimum_charge):
    """Whether an interest invoice of ``total`` is worth sending.

    Below the minimum nothing is invoiced and nothing is recorded as charged,
    so the interest keeps accruing and is charged by a later run.
    """
    return total > 0 and total >= minimum_charge


def next_cycle_date(last_run_date, frequency, interval_days=0):
    """The date a billing cycle is due next, or None when it never ran (due at once).

    Monthly cycles keep their day of the month and fall back to the month's
    last day when it is shorter (31 January, 28 February, 31 March).
    """
    if last_run_date is None:
        return None
    if frequency == "weekly":
        return last_run_date + datetime.timedelta(days=7)
    if frequency == "days":
        if interval_days <= 0:
            raise ValueError(
                "A billing cycle run every N days needs a positive number of days."
            )
        return last_run_date + datetime.timedelta(days=interval_days)
    if frequency == "monthly":
        year, month = divmod(last_run_date.month, 12)
        year, month = last_run_date.year + year, month + 1
        return last_run_date.replace(
            year=year,
            month=month,
            day=min(last_run_date.day, calendar.monthrange(year, month)[1]),
        )
    raise ValueError(f"Unknown billing cycle frequency: {frequency!r}")


def aging_bucket(due_date, statement_date):
    """Statement aging column of a document: by days past due on the statement date."""
    days = (statement_date - due_date).days
    if days <= 0:
        return "current"
    if days <= 30:
        return "1_30"
    if days <= 60:
        return "31_60"
    if days <= 90:
        return "61_90"
    return "over_90"


# ---------------------------------------------------------------------------
# Statistics periods
# ---------------------------------------------------------------------------
# Sage 300 keeps customer-group statistics per year and period. The year is a
# calendar year or a fiscal year ("accumulate by"); the period type cuts it in
# weeks, blocks of days or months. A year is named after the calendar year in
# which it ends, so a fiscal year running from April 2025 to March 2026 is 2026.

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
            f"Unknown statistics period type {period_type!r}; expected one of {PERIOD_TYPES}."
        )
    if year_basis not in YEAR_BASES:
        raise ValueError(
            f"Unknown statistics year basis {year_basis!r}; expected one of {YEAR_BASES}."
        )
    if not 1 <= last_month <= 12 or not 1 <= last_day <= 31:
        raise ValueError(
            f"Invalid fiscal year end: day {last_day} of month {last_month}."
        )


def _add_months(day, months):
    """``day`` moved by whole months, on the same day or the month's last day when shorter."""
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
    """First and last day of statistics year ``year``."""
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
    """Return ``(year, period)`` of the statistics bucket ``day`` falls in; periods count from 1.

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
    """Number of periods of statistics year ``year``."""
    _check_period_settings(period_type, year_basis, last_month, last_day)
    if period_type == "fiscal_period":
        year_basis = "fiscal"
    end = statistics_year_bounds(year, year_basis, last_month, last_day)[1]
    if period_type == "weekly":
        # The year's last week is the one whose Thursday is the last Thursday of the year.
        last_thursday = end - datetime.timedelta(days=(end.weekday() - 3) % 7)
        return statistics_period(
            last_thursday, period_type, year_basis, last_month, last_day
        )[1]
    return statistics_period(end, period_type, year_basis, last_month, last_day)[1]


def statistics_period_bounds(
    year, period, period_type, year_basis="calendar", last_month=12, last_day=31
):
    """First and last day of ``period`` of statistics year ``year``."""
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
    """Average days to pay, 0 when nothing was paid."""
    return total_days / paid_count if paid_count else 0.0


# ---------------------------------------------------------------------------
# Roll-down of group defaults, inheritance modes, days late per installment
# ---------------------------------------------------------------------------

# How a member's field relates to its group's: copied once when it joins
# (Sage), kept equal to the group's unless the member changes it, or locked
# to the group's value.
INHERIT_COPY = "copy"
INHERIT_FOLLOW = "follow"
INHERIT_LOCKED = "locked"

# What the member form says about one of its inheritable values.
STATUS_INHERITED = "inherited"
STATUS_OVERRIDDEN = "overridden"
STATUS_LOCKED = "locked"

# Customer field -> group field holding its inheritance mode. The receivable
# account comes with the account set, so it shares the account set's mode.
PARTNER_FIELD_MODES = {
    "property_account_receivable_id": "account_set_mode",
    "property_payment_term_id": "payment_term_mode",
    "customer_account_set_id": "account_set_mode",
    "customer_interest_profile_id": "interest_profile_mode",
    "customer_billing_cycle_id": "billing_cycle_mode",
    "customer_account_type": "account_type_mode",
    "customer_print_statements": "print_statements_mode",
    "property_account_position_id": "fiscal_position_mode",
    "user_id": "user_mode",
}


def rolldown_diff(group_values, member_values, previous_group_values=None):
    """Fields where a member differs from its group's defaults.

    Returns ``{field: (current, group value, overridden)}``. A member has
    overridden a field when its value differs from what the group had before
    its latest change (``previous_group_values``, by field); for a field the
    group did not change, that is the group's current value, so any
    difference there is the member's own choice.
    """
    previous_group_values = previous_group_values or {}
    diff = {}
    for field, group_value in group_values.items():
        current = member_values.get(field)
        if current == group_value:
            continue
        diff[field] = (
            current,
            group_value,
            current != previous_group_values.get(field, group_value),
        )
    return diff


def inheritance_status(mode, member_value, group_value):
    """Whether a member's value is inherited from its group, overridden, or locked."""
    if mode == INHERIT_LOCKED:
        return STATUS_LOCKED
    return STATUS_INHERITED if member_value == group_value else STATUS_OVERRIDDEN


def followers_to_update(mode, member_value, previous_group_value):
    """Does a group change reach this member on its own, without the roll-down wizard?

    Locked fields always follow; "follow" fields follow while the member still
    has the group's previous value; "copy" fields never move by themselves.
    """
    if mode == INHERIT_LOCKED:
        return True
    return mode == INHERIT_FOLLOW and member_value == previous_group_value


def weighted_days_late(installments):
    """Days late of paid installments, weighted by their amounts.

    ``installments`` yields ``(amount, due_date, reconciliation_date)``;
    returns ``(sum of amount * days late, sum of amounts)``. Paying early
    counts as negative days, so a customer who pays some installments early
    and some late is not painted as a late payer.
    """
    weighted = total = 0.0
    for amount, due_date, paid_date in installments:
        weighted += abs(amount) * (paid_date - due_date).days
        total += abs(amount)
    return weighted, total


def average_days_late(weighted_days, amount):
    """Average days late weighted by amount, 0 when nothing was paid."""
    return weighted_days / amount if amount else 0.0


# Salesperson splits
# ---------------------------------------------------------------------------

MAX_SALESPERSONS = 5
SPLIT_TOO_MANY = "too_many"
SPLIT_NOT_POSITIVE = "not_positive"
SPLIT_DUPLICATE_USER = "duplicate_user"
SPLIT_TOTAL = "total"


def salesperson_split_problem(lines):
    """Why a set of salesperson lines is refused, or None.

    ``lines`` is a list of ``(user_id, percent)``. No lines is valid (no
    split); otherwise at most five lines, each share above zero, each user
    once, and the shares adding up to exactly 100 (to the hundredth).
    """
    if len(lines) > MAX_SALESPERSONS:
        return SPLIT_TOO_MANY
    if any(round(percent, 2) <= 0 for _user, percent in lines):
        return SPLIT_NOT_POSITIVE
    users = [user for user, _percent in lines]
    if len(set(users)) != len(users):
        return SPLIT_DUPLICATE_USER
    if lines and round(sum(percent for _user, percent in lines), 2) != 100:
        return SPLIT_TOTAL
    return None


def split_amount(amount, percents, rounding=0.01):
    """Share ``amount`` by ``percents``; the last share takes the rounding rest.

    The shares always add up to ``amount`` exactly, so a report over the
    splits gives the same total as the invoices.
    """
    shares = []
    for percent in percents[:-1]:
        shares.append(round_to_currency(amount * percent / 100.0, rounding))
    if percents:
        shares.append(round_to_currency(amount - sum(shares), rounding))
    return shares
