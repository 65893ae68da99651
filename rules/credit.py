"""Credit rules: a customer's effective limits per currency and the credit check.

The check runs on every invoice entered, so it only compares amounts the
models have already summed; it never reads the ledger itself.
"""

from dataclasses import dataclass
from datetime import timedelta

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
    # Ids of the customers whose open items the limits cover: the customer
    # alone, a national account with all its members, or a pooled group's
    # members.
    debtor_ids: tuple = ()
    # Balance forward: the customer's unapplied credits pay its oldest items,
    # so they reduce what is overdue whatever their own due date.
    balance_forward: bool = False


@dataclass(frozen=True)
class CreditBreach:
    """One rule a customer breaks: ``amount`` exceeds ``limit`` by ``excess``.

    The three amounts travel together so the warning can quote them all.
    """

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
    touching their own lines, so the option can be toggled at any time.
    """
    limits = dict(group_limits)
    if allow_edit:
        limits.update(own_limits)
    return limits


def overdue_cutoff(today, overdue_days):
    """Latest due date of a transaction ``overdue_days`` days or more overdue.

    The cutoff is inclusive: "overdue 90 days and older" takes in the
    transaction due exactly 90 days ago.
    """
    return today - timedelta(days=overdue_days)


def exceeds(amount, limit, rounding=0.01):
    """Whether ``amount`` is over ``limit`` by half the currency's smallest unit.

    Comparing at the currency's precision keeps float noise (0.1 + 0.2) from
    raising a warning on an amount that equals its limit.
    """
    return amount - limit >= rounding / 2


def credit_breaches(rule, outstanding, overdue, rounding=0.01):
    """The rules of ``rule`` that ``outstanding`` and ``overdue`` break.

    The outstanding breach comes first, in the order the warning lists them.
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
