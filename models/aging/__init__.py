from . import res_company
from . import res_config_settings
from . import account_customer_group
from . import account_customer_credit_limit
