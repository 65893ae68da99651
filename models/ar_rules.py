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
    "account_set_id": "account_set_id",
    "interest_profile_id": "interest_profile_id",
    "billing_cycle_id": "billing_cycle_id",
    "account_type": "account_type",
    "print_statements": "print_statements",
    "property_account_position_id": "fiscal_position_id",
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
            CreditBreach(BREACH_OUTSTANDING, outstanding, rule.credit_limit, outstanding - rule.credit_limit)
        )
    if rule.check_overdue and exceeds(overdue, rule.overdue_limit, rounding):
        breaches.append(CreditBreach(BREACH_OVERDUE, overdue, rule.overdue_limit, overdue - rule.overdue_limit))
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
        period = interest_period(doc["due_date"], run_date, grace_days, doc.get("charged_until"))
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
            raise ValueError("A billing cycle run every N days needs a positive number of days.")
        return last_run_date + datetime.timedelta(days=interval_days)
    if frequency == "monthly":
        year, month = divmod(last_run_date.month, 12)
        year, month = last_run_date.year + year, month + 1
        return last_run_date.replace(
            year=year, month=month, day=min(last_run_date.day, calendar.monthrange(year, month)[1])
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
