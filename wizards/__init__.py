from . import account_customer_interest_wizard
from . import account_customer_statement_wizard
from . import account_customer_group_rolldown
from . import account_payment_register
from . import account_customer_group_assign
from . import account_customer_group_assign_run
from . import account_customer_aging_wizard
