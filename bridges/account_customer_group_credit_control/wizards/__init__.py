from . import account_customer_group_assign
