from . import account_customer_group_assign
from . import statement_common
