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
