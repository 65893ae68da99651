from . import account_customer_interest_profile
from . import account_customer_billing_cycle
from . import account_move_line
from . import res_partner
from . import res_company
from . import res_config_settings
