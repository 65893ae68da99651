"""Accounts-receivable rules of the customer groups, free of any Odoo import.

Kept plain so that every rule can be tested on any machine, without a database
or an Odoo install; the models only gather the records' values and call them.
Nothing here may import ``odoo``, and the modules import one another relatively,
so the package works both as ``odoo.addons.account_customer_group.rules`` and
as a top-level ``rules`` for the pure tests.
"""

from . import aging
from . import codes
from . import credit
from . import handed_down
from . import inheritance
from . import interest
from . import periods
from . import retainage
from . import splits
from . import values
