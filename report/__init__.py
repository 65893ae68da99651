from . import account_customer_aging_report
from . import account_customer_statistic_report
from . import customer_aging
from . import customer_statement
from . import ir_actions_report
