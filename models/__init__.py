# The customer group and the customer are each one model split in files by
# concern, as core splits res.partner across mail/models/ and
# mail/models/discuss/: the files after the first extend the model with
# _inherit and silence pylint-odoo's consider-merging-classes-inherited there.
from . import account_customer_typed_values_mixin
from . import account_customer_code_mixin
from . import account_customer_owned_line_mixin
from . import account_customer_account_set
from . import account_customer_billing_cycle
from . import account_customer_interest_profile
from . import account_customer_group
from . import account_customer_group_credit
from . import account_customer_group_statistics
from . import account_customer_group_rolldown
from . import account_customer_group_archive
from . import account_customer_group_company_defaults
from . import account_customer_group_retainage
from . import account_customer_credit_limit
from . import account_customer_group_salesperson
from . import account_move_salesperson_split
from . import res_partner
from . import res_partner_credit
from . import res_partner_credit_functions
from . import res_partner_national_account
from . import res_partner_salesperson
from . import res_partner_fiscal_position
from . import res_partner_days_to_pay
from . import res_partner_retainage
from . import res_partner_group_history
from . import account_account
from . import account_move
from . import account_move_account_set
from . import account_move_prepayment
from . import account_move_retainage
from . import account_payment
from . import account_chart_template
from . import res_company
from . import res_config_settings
from . import account_customer_statistic
from . import account_customer_statistic_compact
from . import account_customer_statistic_rebuild
from . import account_customer_statistic_adjustment
from . import account_customer_statistic_report
from . import account_move_line
from . import account_partial_reconcile
