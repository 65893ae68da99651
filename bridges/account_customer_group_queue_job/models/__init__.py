from . import account_customer_run_mixin
