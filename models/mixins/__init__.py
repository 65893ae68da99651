from . import account_customer_typed_values_mixin
from . import account_customer_code_mixin
from . import account_customer_owned_line_mixin
from . import account_customer_company_wizard_mixin
from . import account_customer_run_wizard_mixin
from . import account_customer_interest_mixin
from . import account_customer_statement_mixin
