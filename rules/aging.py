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
