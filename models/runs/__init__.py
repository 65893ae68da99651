from . import account_customer_run_mixin
from . import account_customer_run_line_mixin
from . import account_customer_statement_run
from . import account_customer_statement_run_line
from . import account_customer_interest_run
from . import account_customer_interest_run_line
