"""Salesperson splits: up to five salespersons share a customer's sales.

Each share is rounded like an invoice amount, and the shares always add up
to the amount split, so reports over the splits agree with the invoices.
"""

from . import interest

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
        shares.append(interest.round_to_currency(amount * percent / 100.0, rounding))
    if percents:
        shares.append(interest.round_to_currency(amount - sum(shares), rounding))
    return shares
