from . import account_customer_group
from . import res_partner
