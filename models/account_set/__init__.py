from . import account_customer_account_set
from . import account_account
from . import account_move
from . import account_payment
