from . import account_customer_group
from . import account_chart_template
