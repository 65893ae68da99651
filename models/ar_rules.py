"""Accounts-receivable rules of the customer groups, free of any Odoo import.

The models call these functions; keeping them plain lets the rules be tested
on any machine, without a database.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

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
    code = normalize_group_code(code)
    if not code:
        return CODE_EMPTY
    if len(code) > GROUP_CODE_MAX_LENGTH:
        return CODE_TOO_LONG
    if not code.isascii() or not _GROUP_CODE_PATTERN.fullmatch(code):
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
