from . import account_customer_group
from . import res_partner
from . import account_move
from . import account_move_line
from . import account_payment
