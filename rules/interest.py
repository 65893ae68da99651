"""Interest charges on overdue receivables, and the dates billing cycles fall due.

Amounts are computed in :class:`~decimal.Decimal` and rounded half up, so a
charge is the amount a customer can recompute by hand from the statement.
"""

import calendar
import datetime
from decimal import ROUND_HALF_UP, Decimal

# Interest accrues on an "actual/365 fixed" basis: every calendar day counts,
# a year is always 365 days, so a leap year never changes what a day costs.
INTEREST_YEAR_DAYS = 365


def interest_period(due_date, run_date, grace_days, charged_until=None):
    """Return ``(date_from, date_to, days)`` of interest owed on a document, or None.

    Interest runs from the due date, or from the last date already charged,
    up to the run date. Grace days only decide whether a document is charged
    at all the first time: one paid within the grace period costs nothing,
    one paid later owes interest from its due date.
    Charging the same run date twice gives None the second time.
    """
    # Source: Sage 300 interest profiles (grace days do not shift the start).
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
    """Round half away from zero to the currency's smallest step (0.01, 0.05, 1...).

    Computed in Decimal from the amount as written, so 2.675 gives 2.68 where
    ``round(2.675, 2)`` on the float gives 2.67.
    """
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
    """The date a billing cycle is due next; None when it never ran (due at once).

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
