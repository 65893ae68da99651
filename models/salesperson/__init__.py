from . import account_customer_group_salesperson
from . import account_move_salesperson_split
from . import account_customer_group
from . import res_partner
from . import account_move
