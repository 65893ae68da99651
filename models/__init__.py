# One folder a feature, as mail/models/discuss/ gathers one concern of mail: each
# holds a file per model the feature defines or extends, named after the model.
# group/ defines the customer group and what it hands down to its customers; the
# folders after it extend those models (and core's) with _inherit, each overriding
# what it needs for itself.
from . import mixins
from . import group
from . import account_set
from . import interest
from . import credit
from . import salesperson
from . import national_account
from . import fiscal_position
from . import retainage
from . import rolldown
from . import archive
from . import company_defaults
from . import posting
from . import statistics
from . import runs
