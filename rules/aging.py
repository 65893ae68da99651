"""Aging columns of the customer statement.

The column edges are fixed (30, 60, 90 days) so that every statement, whatever
the customer's billing cycle, reads the same way.
"""

AGING_BUCKETS = ("current", "1_30", "31_60", "61_90", "over_90")


def aging_bucket(due_date, statement_date):
    """Statement aging column of a document, by days past due on the statement date.

    Counting from the statement date, not today, lets a statement be reprinted
    later with the same columns.
    """
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


def net_oldest_first(amounts):
    """Open amounts of a balance-forward customer's items once its unapplied
    credits (credit notes, receipts) have paid its oldest debits.

    A balance-forward customer pays its balance, not chosen documents, so what it
    is owed back pays off what it owes from the oldest item on, as its receipts
    already do when they are posted. ``amounts`` are the items' open amounts,
    debits positive and credits negative, ordered oldest due first; the result
    gives each item's amount in the same order. The oldest credits are used
    first; credit beyond all the debits stays on the latest credits.
    """
    debits = sum(amount for amount in amounts if amount > 0)
    credits = -sum(amount for amount in amounts if amount < 0)
    to_pay = to_use = min(debits, credits)
    netted = []
    for amount in amounts:
        if amount > 0:
            paid = min(amount, to_pay)
            to_pay -= paid
            netted.append(amount - paid)
        else:
            used = min(-amount, to_use)
            to_use -= used
            netted.append(amount + used)
    return netted


# Aged receivables: the last day past due of each aging period, Sage 300's aging
# periods. Unlike the statement's fixed columns these are a company setting; past
# the last period an item is older.
AGING_PERIODS = (30, 60, 90, 120)
AGED_BUCKETS = ("current", "period_1", "period_2", "period_3", "period_4", "older")


def check_aging_periods(periods):
    """Refuse aging periods that are not as many as the aged receivables have, or
    whose last days are not positive and increasing: a period would be empty or run
    backwards."""
    periods = tuple(periods)
    if len(periods) != len(AGING_PERIODS):
        raise ValueError(f"{len(AGING_PERIODS)} aging periods are needed")
    previous = 0
    for last in periods:
        if last <= previous:
            raise ValueError("aging periods must end on increasing positive days")
        previous = last


def aged_bucket(days_overdue, periods):
    """Aged receivables column of an item ``days_overdue`` past due (or past its
    date), under the company's aging ``periods``."""
    if days_overdue <= 0:
        return "current"
    for bucket, last in zip(AGED_BUCKETS[1:], periods, strict=False):
        if days_overdue <= last:
            return bucket
    return "older"


def aged_bucket_bounds(periods):
    """``(bucket, first day, last day)`` of each aged receivables column, None where
    it is open-ended: (current, None, 0) first, (older, last period + 1, None) last."""
    bounds = [("current", None, 0)]
    first = 1
    for bucket, last in zip(AGED_BUCKETS[1:], periods, strict=False):
        bounds.append((bucket, first, last))
        first = last + 1
    bounds.append(("older", first, None))
    return bounds
