"""How a payment of a retained invoice is shared between its two parts."""


def retained_share(settled, due, retained):
    """The part of ``settled`` that pays the retained part of an invoice.

    A payment first pays what the payment terms make due, then what was held
    back: the customer releases the retainage last. ``settled`` is what the
    payment settles (its amount, plus a difference written off), ``due`` and
    ``retained`` are what is still open of each part, all positive.
    """
    return max(0.0, min(retained, settled - due))
