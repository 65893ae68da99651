from . import account_customer_credit_limit
from . import account_customer_group
from . import res_partner
from . import account_move
from . import res_company
from . import res_config_settings
