from . import account_customer_group_report_filter_mixin
from . import aged_partner_balance_wizard
from . import open_items_wizard
