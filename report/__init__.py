from . import customer_statement
from . import ir_actions_report
